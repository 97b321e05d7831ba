import datetime
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cspboard.boards.choices import ItemRole
from cspboard.boards.models import Board
from cspboard.people.models import Person

from .choices import (
    AGENDA_PUBLIC_STATUSES,
    WITHHELD_MARKINGS,
    Amendment,
    AttendanceCapacity,
    AttendanceStatus,
    DecisionKind,
    ItemKind,
    ItemPurpose,
    MeetingStatus,
    PlanStatus,
    ReviewAction,
)
from .permissions import item_visible_q, minutes_visible_q
from .withholding import SCHEDULE_12A_TEXT, Withholdable, legal_basis_text

__all__ = ["SCHEDULE_12A_TEXT"]  # imported from here by older modules


class Meeting(models.Model):
    """One meeting of a board. Its URL is the board and the date, as the documents name it.

    The start and end are the wall-clock times printed on the notice of meeting, in the
    council's time zone; `starts_at` and `ends_at` give them as aware datetimes.
    """

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    online = models.BooleanField(default=False, help_text="Held online (Microsoft Teams...)")
    chair = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings_chaired"
    )
    status = models.CharField(max_length=20, choices=MeetingStatus, default=MeetingStatus.SCHEDULED)
    agenda_published_on = models.DateField(null=True, blank=True)
    no_declarations = models.BooleanField(
        default=False, help_text='The minutes record "no declarations of interest"'
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_approved",
        help_text="The later meeting that confirmed these minutes as correct",
    )
    notes = models.TextField(blank=True)
    cancelled_reason = models.CharField(max_length=300, blank=True)
    agenda_version = models.PositiveIntegerField(
        default=1, help_text="Goes up with every change to the agenda, so edits never collide"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "board"]
        constraints = [
            models.UniqueConstraint(fields=["board", "date"], name="one_meeting_per_board_a_day"),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board.name}, {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse(
            "meetings:meeting_detail",
            kwargs={"slug": self.board.slug, "date": self.date},
        )

    def _aware(self, time: datetime.time | None) -> datetime.datetime | None:
        if time is None:
            return None
        tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        return datetime.datetime.combine(self.date, time, tzinfo=tz)

    @property
    def starts_at(self) -> datetime.datetime:
        return self._aware(self.start_time)  # type: ignore[return-value]

    @property
    def ends_at(self) -> datetime.datetime | None:
        return self._aware(self.end_time)

    @property
    def has_started(self) -> bool:
        """Whether its start, in the council's time zone, has come: attendance and minutes
        are recorded only then."""
        return self.starts_at <= timezone.now()

    @property
    def not_started_reason(self) -> str:
        """Why attendance and minutes cannot be recorded yet ("" once the meeting started)."""
        if self.has_started:
            return ""
        return (
            f"The meeting has not started yet: it starts at {self.starts_at:%-H:%M} on "
            f"{self.date:%A %-d %B %Y}. Attendance and minutes are recorded once it has "
            "started (members may declare interests ahead)."
        )

    @property
    def length_minutes(self) -> int | None:
        if self.ends_at is None:
            return None
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def agenda_is_published(self) -> bool:
        return self.status in AGENDA_PUBLIC_STATUSES


class AgendaItemQuerySet(models.QuerySet):
    def with_role(self, *roles: str) -> "AgendaItemQuerySet":
        """Items playing one of `roles`, in agenda order (top-level items first by position)."""
        return self.filter(role__in=roles).order_by("position", "pk")

    def visible_to(self, access) -> "AgendaItemQuerySet":
        """Items the viewer may see in full (cspboard.meetings.permissions, the withheld rule)."""
        return self.filter(item_visible_q(access))

    def minutes_visible_to(self, access) -> "AgendaItemQuerySet":
        """Items whose minutes and decisions the viewer may read: seen in full, and the
        meeting's minutes open to them (cspboard.meetings.permissions)."""
        return self.filter(item_visible_q(access) & minutes_visible_q(access, "meeting"))


class AgendaItem(Withholdable):
    """An item on a meeting's agenda; sub-items ((i), (a)...) have a parent item.

    An item with a Schedule 12A paragraph is withheld from the public: they see its number and
    title only. Its sub-items at any depth, minutes, decisions and documents are withheld with
    it: `withheld_paragraph` stores the paragraph that withholds each item (its own or the
    nearest above it), kept by meetings.services.withholding.withholding_sync.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="subitems"
    )
    position = models.PositiveIntegerField(help_text="Order within the meeting, across levels")
    number = models.CharField(max_length=20, help_text='"3", "(i)", "(a)"')
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    presenters = models.ManyToManyField(Person, blank=True, related_name="items_presented")
    presenter_text = models.CharField(
        max_length=300, blank=True, help_text='As printed: "Chair", "Subgroup leads"'
    )
    minutes_allowed = models.PositiveIntegerField(null=True, blank=True)
    pages = models.CharField(max_length=50, blank=True, help_text='As printed: "Pages 1 - 9"')
    kind = models.CharField(max_length=20, choices=ItemKind, default=ItemKind.VERBAL)
    purpose = models.CharField(max_length=20, choices=ItemPurpose, blank=True)
    is_standing = models.BooleanField(default=False)
    role = models.CharField(
        max_length=30,
        choices=ItemRole,
        default=ItemRole.ORDINARY,
        help_text="What the item is for: the pack puts the minutes, the action log, the "
        "performance report and the subgroup updates under the item with that role",
    )
    withheld_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="The Schedule 12A paragraph withholding the item: its own or an item's above it",
    )
    minutes = models.TextField(blank=True, help_text="Sanitised HTML")
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up with every save, so two editors never overwrite each other"
    )
    amendment = models.CharField(max_length=20, choices=Amendment, blank=True)
    plan_status = models.CharField(
        max_length=20,
        choices=PlanStatus,
        default=PlanStatus.PLANNED,
        help_text="On the forward plan",
    )
    plan_comment = models.CharField(
        max_length=300, blank=True, help_text="Officers' note on the forward plan"
    )

    history = HistoricalRecords(excluded_fields=["position", "withheld_paragraph"])

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="unique_item_position"),
            models.CheckConstraint(
                condition=Q(schedule_12a_paragraph__isnull=True)
                | Q(schedule_12a_paragraph__gte=1, schedule_12a_paragraph__lte=7),
                name="item_schedule_12a_paragraph_1_to_7",
            ),
            models.CheckConstraint(
                condition=~Q(security_marking__in=WITHHELD_MARKINGS)
                | Q(schedule_12a_paragraph__isnull=False),
                name="item_withheld_marking_needs_paragraph",
            ),
            # An item's own paragraph is the one withholding it: nothing can set a paragraph
            # without the stored withholding (meetings.withholding) agreeing.
            models.CheckConstraint(
                condition=Q(schedule_12a_paragraph__isnull=True)
                | Q(
                    withheld_paragraph__isnull=False,
                    withheld_paragraph=models.F("schedule_12a_paragraph"),
                ),
                name="item_own_paragraph_withholds_it",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def is_withheld(self) -> bool:
        """Withheld from the public, on its own account or that of an item above it."""
        return self.withheld_paragraph is not None

    @property
    def legal_basis(self) -> str:
        """The Schedule 12A text that withholds it (its own paragraph's, or the nearest
        item's above it)."""
        return legal_basis_text(self.withheld_paragraph)


class Attendance(models.Model):
    """Who was at a meeting, in what capacity; or who sent apologies or was absent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="attendance"
    )
    name = models.CharField(max_length=200, blank=True, help_text="For someone not in the register")
    status = models.CharField(
        max_length=20, choices=AttendanceStatus, default=AttendanceStatus.PRESENT
    )
    capacity = models.CharField(
        max_length=20, choices=AttendanceCapacity, default=AttendanceCapacity.MEMBER
    )
    substitute_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="substituted_by"
    )
    # The post and body they came as, as the record of the meeting gives them: kept with the
    # meeting, so a later change of post in the register does not rewrite who was there as what.
    role = models.CharField(max_length=200, blank=True, help_text="The post as the record gives it")
    organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendance",
        help_text="The organisation they represented, when it is in the register",
    )
    organisation_name = models.CharField(
        max_length=200, blank=True, help_text="As written, for an organisation not in the register"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "status", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""),
                name="attendance_names_someone",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="one_attendance_per_person",
            ),
        ]
        verbose_name_plural = "attendance"

    def __str__(self) -> str:
        return f"{self.display_name}: {self.get_status_display()}"

    @property
    def display_name(self) -> str:
        return self.person.display_name if self.person_id else self.name


class Declaration(models.Model):
    """A declaration of interest made at a meeting, against an item where one is named."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="declarations"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    text = models.TextField()
    made_in_advance = models.BooleanField(default=False, help_text="Recorded by the member ahead")

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.text[:50]}"


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, access) -> "DecisionQuerySet":
        """Decisions the viewer may read: those under items whose minutes they may read
        (`AgendaItem.objects.minutes_visible_to`'s rule, followed from the decision to its item
        as a join rather than a subquery)."""
        return self.filter(
            item_visible_q(access, "item") & minutes_visible_q(access, "item__meeting")
        )


class Decision(models.Model):
    """Something the board decided or resolved under an item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=20, choices=DecisionKind, default=DecisionKind.DECISION)
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["item", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class MinutesReview(models.Model):
    """One step of the minutes' approval: sent to the chair, approved or returned with
    comments, confirmed by the board at a later meeting, published."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reviews")
    action = models.CharField(max_length=20, choices=ReviewAction)
    comments = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_action_display()}"
