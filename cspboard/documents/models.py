from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cspboard.core.storage import documents_storage
from cspboard.meetings.choices import WITHHELD_MARKINGS
from cspboard.meetings.models import AgendaItem
from cspboard.meetings.permissions import document_visible_q
from cspboard.meetings.withholding import Withholdable, legal_basis_text
from cspboard.people.models import Person

from .choices import DocumentKind


def document_upload_to(instance: "Document", filename: str) -> str:
    meeting = instance.item.meeting
    return f"{meeting.board.slug}/{meeting.date:%Y-%m-%d}/{filename}"


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, access) -> "DocumentQuerySet":
        """Papers the viewer may have (cspboard.meetings.permissions, the withheld rule)."""
        return self.filter(document_visible_q(access))


class Document(Withholdable):
    """A paper attached to an agenda item: a report, an appendix, a presentation.

    Withheld from the public when its own marking is PROTECTED or RESTRICTED, or when its item
    is withheld; members of the board see it either way.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=DocumentKind, default=DocumentKind.REPORT)
    author = models.CharField(max_length=200, blank=True)
    author_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    date = models.DateField(null=True, blank=True)
    file = models.FileField(storage=documents_storage, upload_to=document_upload_to, max_length=300)
    filename = models.CharField(max_length=200, help_text="The name it downloads as")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["item", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(schedule_12a_paragraph__isnull=True)
                | Q(schedule_12a_paragraph__gte=1, schedule_12a_paragraph__lte=7),
                name="document_schedule_12a_paragraph_1_to_7",
            ),
            models.CheckConstraint(
                condition=~Q(security_marking__in=WITHHELD_MARKINGS)
                | Q(schedule_12a_paragraph__isnull=False),
                name="document_withheld_marking_needs_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "documents:document_download", kwargs={"pk": self.pk, "filename": self.filename}
        )

    @property
    def legal_basis(self) -> str:
        """Its own paragraph's text, or that of the item withholding it."""
        return legal_basis_text(self.schedule_12a_paragraph or self.item.withheld_paragraph)
