from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cspboard.boards.models import Board
from cspboard.documents.models import Document
from cspboard.meetings.choices import WITHHELD_MARKINGS, SecurityMarking
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.withholding import Withholdable, legal_basis_text
from cspboard.people.models import Person

from .choices import (
    DEFAULT_DEADLINE_WORKING_DAYS,
    DEFAULT_REMINDER_WORKING_DAYS,
    OPEN_STATUSES,
    NoticeKind,
    RequestStatus,
    SubgroupNoticeKind,
    SubmissionSource,
)


class ReportSettings(models.Model):
    """A board's timings for the papers of its meetings, and, for a subgroup, whether it sends
    an update report to each meeting of its parent board (the Executive Planning Group does
    not)."""

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="report_settings")
    deadline_working_days = models.PositiveSmallIntegerField(
        default=DEFAULT_DEADLINE_WORKING_DAYS,
        help_text="Reports are due this many working days before the agenda is published",
    )
    reminder_working_days = models.PositiveSmallIntegerField(
        default=DEFAULT_REMINDER_WORKING_DAYS,
        help_text="Authors are reminded this many working days before the deadline",
    )
    sends_subgroup_updates = models.BooleanField(
        default=True, help_text="A subgroup: sends an update report to its parent board"
    )

    class Meta:
        ordering = ["board"]
        verbose_name_plural = "report settings"

    def __str__(self) -> str:
        return f"Report settings of {self.board}"


class ReportRequest(models.Model):
    """A paper asked of its author for an agenda item, with a deadline.

    At most one open request (requested or submitted) per item; a withdrawn one stays in the
    record. The submitted report is the item's paper (`document`), like any other.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="report_requests")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="report_requests")
    deadline = models.DateField()
    status = models.CharField(max_length=20, choices=RequestStatus, default=RequestStatus.REQUESTED)
    note = models.TextField(blank=True, help_text="What the board needs from the report")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    document = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The paper now on the agenda",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["deadline", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(status__in=OPEN_STATUSES),
                name="one_open_report_request_per_item",
            )
        ]

    def __str__(self) -> str:
        return f"Report for {self.item} from {self.author}"

    def get_absolute_url(self) -> str:
        return reverse("reports:request_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today) -> bool:
        return self.status == RequestStatus.REQUESTED and self.deadline < today


class ReportSubmission(Withholdable):
    """One version of a submitted report: the cover sheet as written, or an upload. A new
    version replaces the paper on the agenda; the earlier files stay in the store for the
    history."""

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="submissions")
    version = models.PositiveIntegerField()
    source = models.CharField(max_length=20, choices=SubmissionSource)
    subject = models.CharField(max_length=300)
    report_date = models.DateField(null=True, blank=True)
    author_text = models.CharField(max_length=300, blank=True)
    contact = models.CharField(max_length=300, blank=True)
    purpose = models.TextField(blank=True)
    overview = models.TextField(blank=True)
    appendices = models.TextField(blank=True)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stored_name = models.CharField(max_length=300, help_text="The file in the documents store")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["request", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "version"], name="one_report_submission_per_version"
            ),
            models.CheckConstraint(
                condition=Q(schedule_12a_paragraph__isnull=True)
                | Q(schedule_12a_paragraph__gte=1, schedule_12a_paragraph__lte=7),
                name="report_submission_schedule_12a_paragraph_1_to_7",
            ),
            models.CheckConstraint(
                condition=~Q(security_marking__in=WITHHELD_MARKINGS)
                | Q(schedule_12a_paragraph__isnull=False),
                name="report_submission_withheld_marking_needs_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} (version {self.version})"


class ReportNotice(models.Model):
    """One e-mail sent to an author about a request; the key makes sending it twice
    impossible (a new deadline or a new author is a new key)."""

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=NoticeKind)
    key = models.CharField(max_length=60)
    recipients = models.TextField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind", "key"], name="one_report_notice_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.request}"


class SubgroupUpdate(Withholdable):
    """A subgroup's update report to one meeting of its parent board, on the board's template
    (brief update, key challenges, emerging trends, support required from the board,
    appendices), or an uploaded paper instead (`document`, on the "subgroup updates" item)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="subgroup_updates")
    subgroup = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="update_reports")
    title = models.CharField(max_length=300)
    report_date = models.DateField(null=True, blank=True)
    author_text = models.CharField(max_length=300, blank=True)
    contact = models.CharField(max_length=300, blank=True)
    # The seeds' template is marked UNPROTECTED unless the subgroup says otherwise.
    security_marking = models.CharField(
        max_length=20, choices=SecurityMarking, default=SecurityMarking.UNPROTECTED
    )
    brief_update = models.TextField(blank=True)
    key_challenges = models.TextField(blank=True)
    emerging_trends = models.TextField(blank=True)
    support_required = models.TextField(blank=True)
    appendices = models.TextField(blank=True)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "subgroup__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "subgroup"], name="one_update_per_subgroup_a_meeting"
            ),
            models.CheckConstraint(
                condition=Q(schedule_12a_paragraph__isnull=True)
                | Q(schedule_12a_paragraph__gte=1, schedule_12a_paragraph__lte=7),
                name="subgroup_update_schedule_12a_paragraph_1_to_7",
            ),
            models.CheckConstraint(
                condition=~Q(security_marking__in=WITHHELD_MARKINGS)
                | Q(schedule_12a_paragraph__isnull=False),
                name="subgroup_update_withheld_marking_needs_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "reports:subgroup_update",
            kwargs={
                "slug": self.meeting.board.slug,
                "date": self.meeting.date,
                "subgroup": self.subgroup.slug,
            },
        )

    @property
    def is_upload(self) -> bool:
        return self.document_id is not None

    @property
    def legal_basis(self) -> str:
        paragraph = self.schedule_12a_paragraph
        return legal_basis_text(paragraph)


class SubgroupUpdateNotice(models.Model):
    """One e-mail to a subgroup's leads about its update report to a meeting of the parent board:
    the reminder before the deadline, or the notice that it has not arrived. The key (the
    deadline) makes sending it twice impossible; a new deadline is a new key."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="subgroup_update_notices"
    )
    subgroup = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="subgroup_update_notices"
    )
    kind = models.CharField(max_length=20, choices=SubgroupNoticeKind)
    key = models.CharField(max_length=60)
    recipients = models.TextField(help_text='One "Name <address>" a line')
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "subgroup", "kind", "key"],
                name="one_subgroup_update_notice_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to the {self.subgroup} for {self.meeting}"
