"""The agenda as a pack's reader may see it: who the reader is (a member of the board, or the
public), each item with the papers shown and those replaced by a restricted page, and the
meeting before. Shared by the agenda pack (`builder.py`) and the minutes (`minutes.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from cspboard.boards.access import PUBLIC, Access
from cspboard.documents.models import Document
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.permissions import can_see_document, can_see_item


def pack_reader(meeting: Meeting, *, members: bool) -> Access:
    """Who the pack is for: a member of the board, or the public."""
    if members:
        return Access(authenticated=True, member_board_ids=frozenset({meeting.board_id}))
    return PUBLIC


def _agenda_reader(reader: Access, meeting: Meeting) -> Access:
    """The reader, allowed to see this meeting's agenda (the caller has decided that already:
    an officer may build the pack of an agenda not yet published)."""
    return Access(
        authenticated=reader.authenticated,
        member_board_ids=reader.member_board_ids,
        officer_board_ids=frozenset({meeting.board_id}),
    )


@dataclass
class PackItem:
    item: AgendaItem
    depth: int
    withheld: bool
    redacted: bool
    legal_basis: str
    documents: list[Document] = field(default_factory=list)  # papers the reader may see
    withheld_documents: list[Document] = field(default_factory=list)  # papers replaced
    has_hidden_papers: bool = False  # redacted, with papers under it or its sub-items
    hidden_items: list[AgendaItem] = field(default_factory=list)  # redacted: it and sub-items
    first_page: int | None = None
    last_page: int | None = None

    @property
    def pages(self) -> str:
        if self.first_page is None:
            return ""
        if self.last_page == self.first_page:
            return f"Page {self.first_page}"
        return f"Pages {self.first_page} - {self.last_page}"


def agenda_for_pack(meeting: Meeting, reader: Access) -> list[PackItem]:
    """The agenda as the reader may see it, in order: sub-items of a redacted item are left out."""
    rows = list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related("presenters", "decisions")
        .prefetch_related(
            Prefetch("documents", queryset=Document.objects.order_by("position", "pk"))
        )
        .order_by("position")
    )
    by_parent: dict[int | None, list[AgendaItem]] = {}
    for row in rows:
        row.meeting = meeting
        by_parent.setdefault(row.parent_id, []).append(row)
    agenda_reader = _agenda_reader(reader, meeting)
    out: list[PackItem] = []

    def has_papers(item: AgendaItem) -> bool:
        return bool(item.documents.all()) or any(has_papers(c) for c in by_parent.get(item.pk, []))

    def descendants(item: AgendaItem):
        yield item
        for child in by_parent.get(item.pk, []):
            yield from descendants(child)

    def walk(parent_id: int | None, depth: int):
        for item in by_parent.get(parent_id, []):
            full = can_see_item(agenda_reader, item)
            view = PackItem(item, depth, item.is_withheld, not full, item.legal_basis)
            out.append(view)
            if not full:
                view.has_hidden_papers = has_papers(item)
                view.hidden_items = list(descendants(item))
                continue
            for doc in item.documents.all():
                doc.item = item
                if can_see_document(agenda_reader, doc):
                    view.documents.append(doc)
                else:
                    view.withheld_documents.append(doc)
            walk(item.pk, depth + 1)

    walk(None, 0)
    return out


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(board=meeting.board, date__lt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("board")
        .order_by("-date")
        .first()
    )
