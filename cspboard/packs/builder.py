"""Build a meeting's agenda pack: one PDF, as the board's members (or the public) receive it.

Order: front sheet (notice of meeting) and agenda, the minutes of the board's previous meeting
and the outstanding action log, then each item's papers in agenda order. The agenda's page
references are computed from the pack itself: the front sheet and agenda are rendered with
placeholders, the sections after them are rendered once, and the agenda is re-rendered with the
real references until its own length stops changing (at most three passes). Every page is then
stamped with its number; in the members' pack every page of a withheld paper is stamped
RESTRICTED. In the public pack each withheld paper is one "Document is Restricted" page giving
the Schedule 12A paragraph.

What the reader of each pack may see is decided by cspboard.core.permissions, with the reader
being "a member of the board" or "the public".
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.template.loader import render_to_string

from cspboard.core.permissions import (
    PUBLIC,
    Access,
    can_see_document,
    can_see_item_in_full,
    can_see_minutes,
)
from cspboard.documents.models import Document
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.selectors import contact_officer_on, current_members

logger = logging.getLogger(__name__)

MAX_AGENDA_PASSES = 3
PDF_TYPES = {"application/pdf"}


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
    first_page: int | None = None
    last_page: int | None = None

    @property
    def pages(self) -> str:
        if self.first_page is None:
            return ""
        if self.last_page == self.first_page:
            return f"Page {self.first_page}"
        return f"Pages {self.first_page} - {self.last_page}"


@dataclass
class Section:
    """A run of pages in the pack, belonging to an agenda item (or to none)."""

    pdf: bytes
    item_id: int | None
    restricted: bool = False
    pages: int = 0


def agenda_for_pack(meeting: Meeting, reader: Access) -> list[PackItem]:
    """The agenda as the reader may see it, in order: sub-items of a redacted item are left out."""
    rows = list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related("presenters")
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

    def walk(parent_id: int | None, depth: int, parent_withheld: bool, parent_basis: str):
        for item in by_parent.get(parent_id, []):
            withheld = parent_withheld or item.is_withheld
            basis = item.legal_basis or parent_basis
            full = can_see_item_in_full(agenda_reader, meeting, withheld)
            view = PackItem(item, depth, withheld, not full, basis)
            out.append(view)
            if not full:
                view.has_hidden_papers = has_papers(item)
                continue
            for doc in item.documents.all():
                doc.item = item
                if can_see_document(agenda_reader, doc, withheld):
                    view.documents.append(doc)
                else:
                    view.withheld_documents.append(doc)
            walk(item.pk, depth + 1, withheld, basis)

    walk(None, 0, False, "")
    return out


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(board=meeting.board, date__lt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("board")
        .order_by("-date")
        .first()
    )


# Rendering --------------------------------------------------------------------------------------


def html_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it loads pango, which only packs need

    return HTML(string=html).write_pdf()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _render(template: str, context: dict) -> bytes:
    return html_pdf(render_to_string(f"packs/{template}", context))


def _restricted_page(legal_basis: str, title: str = "") -> bytes:
    return _render("restricted_page.html", {"legal_basis": legal_basis, "title": title})


def _stored_pdf(document: Document) -> bytes | None:
    """The paper's own PDF, or None when it is not a readable PDF (then it is listed)."""
    if document.content_type not in PDF_TYPES and not document.filename.lower().endswith(".pdf"):
        return None
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        page_count(data)
    except Exception:  # a damaged or missing file is listed, never breaks the pack
        logger.warning("Paper %s could not be read as a PDF", document.pk, exc_info=True)
        return None
    return data


def _item_sections(view: PackItem, members: bool) -> list[Section]:
    item_id = view.item.pk
    if view.redacted:
        if not view.has_hidden_papers:
            return []
        return [Section(_restricted_page(view.legal_basis), item_id)]
    sections: list[Section] = []
    listed: list[Document] = []
    for doc in view.documents:
        data = _stored_pdf(doc)
        if data is None:
            listed.append(doc)
            continue
        restricted = members and (view.withheld or doc.is_marked_withheld)
        sections.append(Section(data, item_id, restricted=restricted))
    for doc in view.withheld_documents:
        sections.append(Section(_restricted_page(doc.legal_basis or view.legal_basis), item_id))
    if listed:
        restricted = members and (view.withheld or any(d.is_marked_withheld for d in listed))
        pdf = _render("listed_papers.html", {"item": view.item, "documents": listed})
        sections.append(Section(pdf, item_id, restricted=restricted))
    return sections


def _minutes_sections(meeting: Meeting, reader: Access, item_id: int | None) -> list[Section]:
    """The previous meeting's minutes (as the reader may see them) and the outstanding actions."""
    from cspboard.actions.queries import outstanding_actions_for

    sections = []
    previous = previous_meeting(meeting)
    if previous is not None and can_see_minutes(reader, previous):
        items = agenda_for_pack(previous, reader)
        pdf = _render("minutes.html", {"meeting": previous, "items": items})
        sections.append(Section(pdf, item_id))
    actions = outstanding_actions_for(reader, meeting.board)
    if actions:
        pdf = _render("action_log.html", {"meeting": meeting, "actions": actions})
        sections.append(Section(pdf, item_id))
    return sections


def _front_context(meeting: Meeting) -> dict:
    chair_id = meeting.chair_id
    members = [
        f"{p.display_name} (Chair)" if p.pk == chair_id else p.display_name
        for p in current_members(meeting)
    ]
    if meeting.chair and chair_id not in {p.pk for p in current_members(meeting)}:
        members.insert(0, f"{meeting.chair.display_name} (Chair)")
    return {
        "meeting": meeting,
        "board": meeting.board,
        "members": members,
        "contact_officer": contact_officer_on(meeting),
    }


def build_pack(meeting: Meeting, *, members: bool) -> bytes:
    """The whole pack as PDF bytes: the members' pack when `members`, else the public one."""
    from pypdf import PdfReader, PdfWriter

    reader = pack_reader(meeting, members=members)
    agenda = agenda_for_pack(meeting, reader)
    minutes_item = next(
        (
            v
            for v in agenda
            if v.depth == 0 and not v.redacted and "minutes" in v.item.title.lower()
        ),
        None,
    )
    sections = _minutes_sections(meeting, reader, minutes_item.item.pk if minutes_item else None)
    for view in agenda:
        sections.extend(_item_sections(view, members))
    for section in sections:
        section.pages = page_count(section.pdf)

    front = _front_context(meeting)
    front_pdf = b""
    front_pages = 0
    for _ in range(MAX_AGENDA_PASSES):
        _assign_pages(agenda, sections, first_page=front_pages + 1)
        front_pdf = _render("front_sheet.html", {**front, "agenda": agenda})
        pages = page_count(front_pdf)
        if pages == front_pages:
            break
        front_pages = pages
    else:
        # Still moving after the last pass: number the sections from where they now start.
        _assign_pages(agenda, sections, first_page=front_pages + 1)
        front_pdf = _render("front_sheet.html", {**front, "agenda": agenda})

    writer = PdfWriter()
    marks: list[bool] = []
    for pdf, restricted in [(front_pdf, False)] + [(s.pdf, s.restricted) for s in sections]:
        part = PdfReader(io.BytesIO(pdf))
        for page in part.pages:
            writer.add_page(page)
            marks.append(restricted)
    _stamp(writer, marks)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _assign_pages(agenda: list[PackItem], sections: list[Section], *, first_page: int) -> None:
    """Each item's first and last page, its sub-items' papers included."""
    spans: dict[int, tuple[int, int]] = {}
    page = first_page
    for section in sections:
        if section.item_id is not None and section.pages:
            start, _ = spans.get(section.item_id, (page, page))
            spans[section.item_id] = (start, page + section.pages - 1)
        page += section.pages
    # Walk backwards so a parent's span covers its sub-items' (they follow it in the agenda).
    covered: dict[int, tuple[int, int]] = dict(spans)
    for view in reversed(agenda):
        parent_id = view.item.parent_id
        span = covered.get(view.item.pk)
        if parent_id is not None and span is not None:
            start, end = covered.get(parent_id, span)
            covered[parent_id] = (min(start, span[0]), max(end, span[1]))
    for view in agenda:
        view.first_page, view.last_page = covered.get(view.item.pk, (None, None))


def _stamp(writer, marks: list[bool]) -> None:
    """Number every page (and mark a withheld paper's pages RESTRICTED) with one overlay PDF
    made by WeasyPrint, sized page by page to the pages it lies on."""
    from pypdf import PdfReader

    sizes: dict[tuple[float, float], str] = {}
    pages = []
    for page, restricted in zip(writer.pages, marks, strict=True):
        box = page.mediabox
        size = (round(float(box.width), 2), round(float(box.height), 2))
        name = sizes.setdefault(size, f"s{len(sizes)}")
        pages.append({"size": name, "restricted": restricted})
    html = render_to_string(
        "packs/stamps.html",
        {"pages": pages, "sizes": [(name, w, h) for (w, h), name in sizes.items()]},
    )
    overlay = PdfReader(io.BytesIO(html_pdf(html)))
    for page, stamp in zip(writer.pages, overlay.pages, strict=True):
        box = page.mediabox
        if float(box.left) or float(box.bottom):
            from pypdf import Transformation

            page.merge_transformed_page(
                stamp, Transformation().translate(float(box.left), float(box.bottom))
            )
        else:
            page.merge_page(stamp)
