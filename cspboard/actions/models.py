import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cspboard.boards.models import Board
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.permissions import action_visible_q
from cspboard.people.models import Organisation, Person

from .choices import ActionStatus, ProposalStatus, Rag, ReminderKind, UpdateSource


class ActionLogSettings(models.Model):
    """A board's RAG rule for its actions (the defaults are the board's usual rule)."""

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="action_settings")
    amber_within_days = models.PositiveIntegerField(
        default=14, help_text="Due within this many days with no update since raised: amber"
    )
    reminder_due_soon_days = models.PositiveIntegerField(default=7)
    reminder_no_update_days = models.PositiveIntegerField(default=28)

    class Meta:
        ordering = ["board"]

    def __str__(self) -> str:
        return f"Action log settings of {self.board}"


class ActionItemQuerySet(models.QuerySet):
    def visible_to(self, access) -> "ActionItemQuerySet":
        """Actions the viewer may see (cspboard.meetings.permissions, the withheld rule)."""
        return self.filter(action_visible_q(access))


class ActionItem(models.Model):
    """An action on a board's log: who does what by when, where it was raised, how it stands."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="actions")
    number = models.PositiveIntegerField(help_text="Numbered per board, as the log numbers them")
    text = models.TextField()
    owners = models.ManyToManyField(Person, blank=True, related_name="actions")
    owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    all_partners = models.BooleanField(default=False)
    lead_text = models.CharField(max_length=300, blank=True, help_text="The lead as written")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    raised_in = models.CharField(max_length=200, blank=True, help_text="A plan, if not a meeting")
    raised_on = models.DateField(default=datetime.date.today)
    target_date = models.DateField(null=True, blank=True, help_text="Blank: to be confirmed")
    status = models.CharField(max_length=20, choices=ActionStatus, default=ActionStatus.OPEN)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    rag_override = models.CharField(max_length=1, choices=Rag, blank=True)
    rag_override_reason = models.CharField(max_length=300, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_update_on = models.DateField(null=True, blank=True)
    fingerprint = models.CharField(max_length=40, blank=True)

    history = HistoricalRecords(excluded_fields=["last_update_on"])

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["board", "number"]
        constraints = [
            models.UniqueConstraint(fields=["board", "number"], name="action_number_per_board"),
            models.CheckConstraint(
                condition=~Q(rag_override="") | Q(rag_override_reason=""),
                name="action_reason_only_with_override",
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.number}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse(
            "actions:action_detail", kwargs={"slug": self.board.slug, "number": self.number}
        )

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN


class ActionUpdate(models.Model):
    """A dated progress note from an owner or the officer."""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    by_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=20, choices=UpdateSource, default=UpdateSource.OFFICER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "created_at", "pk"]

    def __str__(self) -> str:
        return f"Update on action {self.action.number}"


class ActionProposal(models.Model):
    """An action the minutes propose, waiting for the officer to confirm, edit or discard it.

    Keyed by the item and the line's fingerprint, so saving the minutes again adds nothing.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="action_proposals")
    fingerprint = models.CharField(max_length=40)
    kind = models.CharField(max_length=20, default="new")
    text = models.TextField()
    owners = models.JSONField(default=list, help_text="Owner matches as the extraction gave them")
    due = models.DateField(null=True, blank=True)
    due_text = models.CharField(max_length=200, blank=True)
    source_line = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=ProposalStatus, default=ProposalStatus.PROPOSED
    )
    action = models.ForeignKey(
        ActionItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "fingerprint"], name="one_proposal_per_line")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ReminderSent(models.Model):
    """One reminder e-mailed about one action; the key makes sending it twice impossible."""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind)
    key = models.CharField(max_length=40, help_text="What this reminder is about, e.g. the date")
    recipients = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["action", "kind", "key"], name="one_reminder_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder for action {self.action.number}"
