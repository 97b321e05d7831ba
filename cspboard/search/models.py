from django.db import models
from django.db.models import Exists, OuterRef, Q

from cspboard.actions.models import ActionItem
from cspboard.boards.models import Board
from cspboard.documents.models import Document
from cspboard.meetings.models import AgendaItem, Decision, Meeting
from cspboard.people.models import Person

from .choices import PUBLIC_KINDS, EntryKind


class SearchEntryQuerySet(models.QuerySet):
    def visible_to(self, access) -> "SearchEntryQuerySet":
        """Entries the viewer may find: each kind through its own model's `visible_to`, the
        record's one access rule (cspboard.meetings.permissions), so search can show no more
        than the pages do. Boards, people and meetings are public.

        Each test is asked of the entry's own thing (a correlated EXISTS on its primary key),
        so the database checks only the entries a search matched, not every visible item."""

        def seen(queryset, column: str) -> Exists:
            return Exists(queryset.filter(pk=OuterRef(column)))

        items = AgendaItem.objects.visible_to(access)
        minutes = AgendaItem.objects.minutes_visible_to(access)
        return self.filter(
            Q(kind__in=PUBLIC_KINDS)
            | (Q(kind=EntryKind.ITEM) & seen(items, "item_id"))
            | (Q(kind__in=(EntryKind.MINUTES, EntryKind.DECISION)) & seen(minutes, "item_id"))
            | (Q(kind=EntryKind.PAPER) & seen(Document.objects.visible_to(access), "document_id"))
            | (Q(kind=EntryKind.ACTION) & seen(ActionItem.objects.visible_to(access), "action_id"))
        )


class SearchEntry(models.Model):
    """One thing a reader can find, with the words it is found by.

    `title` and `body` are plain text; the full-text index over them lives outside Django's
    models (an FTS5 table kept by triggers on SQLite, a generated tsvector column with a GIN index
    on PostgreSQL: migration 0001), so it can never disagree with this row. Who may find the
    entry is not stored here: it is asked of the thing itself at query time (`visible_to`).
    """

    key = models.CharField(max_length=40, unique=True, help_text='"item:12": kind and id')
    kind = models.CharField(max_length=20, choices=EntryKind)
    board = models.ForeignKey(Board, null=True, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, null=True, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(AgendaItem, null=True, on_delete=models.CASCADE, related_name="+")
    decision = models.ForeignKey(Decision, null=True, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, null=True, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(ActionItem, null=True, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, null=True, on_delete=models.CASCADE, related_name="+")
    date = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=400)
    body = models.TextField(blank=True)
    # A paper's text is read once, by the worker: the digest of the file it was read from.
    text_digest = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        indexes = [models.Index(fields=["kind", "date"]), models.Index(fields=["board", "date"])]
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title[:60]}"

    def get_absolute_url(self) -> str:
        """Where the reader goes: the exact item on its meeting's page, the paper itself."""
        if self.kind in (EntryKind.ITEM, EntryKind.MINUTES, EntryKind.DECISION):
            return f"{self.item.meeting.get_absolute_url()}#item-{self.item_id}"
        target = {
            EntryKind.MEETING: self.meeting,
            EntryKind.PAPER: self.document,
            EntryKind.ACTION: self.action,
            EntryKind.PERSON: self.person,
            EntryKind.BOARD: self.board,
        }[self.kind]
        return target.get_absolute_url()
