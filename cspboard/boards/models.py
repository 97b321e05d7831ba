import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cspboard.people.models import Organisation, Person

from .choices import ItemRole, Role


class Board(models.Model):
    """A partnership board or one of its subgroups (a subgroup has a parent board)."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="subgroups"
    )
    description = models.TextField(blank=True)
    terms_of_reference = models.TextField(blank=True)
    default_meeting_minutes = models.PositiveIntegerField(default=180)
    contact_officer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["parent_id", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("boards:board_detail", kwargs={"slug": self.slug})


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> "MembershipQuerySet":
        return self.held_on(on or datetime.date.today())

    def held_on(self, day: datetime.date) -> "MembershipQuerySet":
        """Memberships in force on `day` (an unknown start counts as "before our records")."""
        return self.filter(Q(start__isnull=True) | Q(start__lte=day)).filter(
            Q(end__isnull=True) | Q(end__gte=day)
        )


class Membership(models.Model):
    """A person's role on a board over a period. Ended memberships are kept: they are history."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role, default=Role.MEMBER)
    start = models.DateField(null=True, blank=True, help_text="Blank: before our records begin")
    end = models.DateField(null=True, blank=True, help_text="Blank: still held")
    note = models.CharField(max_length=300, blank=True, help_text="Where this is recorded")

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="membership_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} - {self.get_role_display()} of {self.board}"

    def held_on(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or self.end >= day)


class StandingItem(models.Model):
    """An item every agenda of the board starts with (introductions, declarations...)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="standing_items")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, default="verbal")
    minutes_allowed = models.PositiveIntegerField(null=True, blank=True)
    presenter_text = models.CharField(max_length=300, blank=True, default="Chair")
    at_end = models.BooleanField(
        default=False, help_text="Placed after the meeting's own items (AOB, date of next meeting)"
    )
    role = models.CharField(
        max_length=30,
        choices=ItemRole,
        default=ItemRole.ORDINARY,
        help_text="What the item is for; the agenda items made from it carry the same role",
    )

    class Meta:
        ordering = ["board", "at_end", "position"]

    def __str__(self) -> str:
        return self.title


class SharingAgreementStatus(models.TextChoices):
    NOT_SENT = "not_sent", "Not sent"
    SENT = "sent", "Sent"
    SIGNED = "signed", "Signed"
    RETURNED = "returned", "Signed and returned"


class SharingAgreement(models.Model):
    """A member organisation's information sharing agreement (ISA) with the board."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="sharing_agreements")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sharing_agreements"
    )
    status = models.CharField(
        max_length=20, choices=SharingAgreementStatus, default=SharingAgreementStatus.NOT_SENT
    )
    sent_on = models.DateField(null=True, blank=True)
    signed_on = models.DateField(null=True, blank=True)
    returned_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "organisation"], name="one_isa_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ISA with {self.board}: {self.get_status_display()}"
