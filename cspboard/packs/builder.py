"""Build a meeting's agenda pack: one PDF, as the board's members (or the public) receive it.

Order: front sheet (notice of meeting) and agenda, the minutes of the board's previous meeting
and the outstanding action log, then each item's papers in agenda order: its uploaded papers
(PDFs merged in; DOCX, ODT and XLSX converted where a converter is installed, see
`conversion.py`; any other paper listed by title with where to get it), then the papers other
apps generate for it (`contributions.py`). In the members' pack every page of a withheld paper
is marked RESTRICTED; in the public pack each withheld paper is one "Document is Restricted"
page giving the Schedule 12A paragraph.

How it is put together, cheaply:
- The pack's own pages (minutes, action log, restricted pages, lists of papers) are laid out by
  WeasyPrint in one document, then split where each part begins.
- The agenda's page references are computed from the pack itself: every other part's length
  is known before the front sheet is laid out, so it is laid out once with references that
  assume its usual length, and again only if it came out longer (at most three passes).
- Each paper's PDF is read once. Page numbers and markings are written into the pages directly
  (`stamping.py`), with no second layout.

What the reader of each pack may see is decided by cspboard.meetings.permissions, with the reader
being "a member of the board" or "the public". `progress(done, total)`, when given, is called
as each part is ready; an exception it raises ends the build.

The agenda as the reader may see it is `agenda.py`; the PDF primitives, shared with the minutes,
are `pdfs.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string

from cspboard.boards.access import Access
from cspboard.boards.choices import MINUTES_ROLES
from cspboard.documents.models import Document
from cspboard.meetings.contributions import (
    GeneratedPaper,
    PackSectionProvider,
    generated_papers,
    pack_section_providers,
    providers,
)
from cspboard.meetings.models import Meeting
from cspboard.meetings.permissions import can_see_minutes
from cspboard.meetings.selectors import contact_officer_on, current_members

from .agenda import PackItem, agenda_for_pack, pack_reader, previous_meeting
from .conversion import converted_pdf, convertible
from .minutes import minutes_context, minutes_marking
from .pdfs import RESTRICTED, assemble, layout, read_pdf

logger = logging.getLogger(__name__)

MAX_AGENDA_PASSES = 3
USUAL_FRONT_PAGES = 2  # the notice, then the agenda on a page of its own
PDF_TYPES = {"application/pdf"}

Progress = Callable[[int, int], None]


@dataclass
class Part:
    """A run of pages in the pack, belonging to an agenda item (or to none): a paper's own PDF,
    or a page of the pack's own (`html`, laid out with the others)."""

    item_id: int | None
    pdf: bytes | None = None
    html: str = ""
    landscape: bool = False
    marking: str | None = None  # written at the head of each of its pages
    pages: list = field(default_factory=list)  # pypdf pages, once read or rendered


# Rendering --------------------------------------------------------------------------------------


def _fragment(template: str, context: dict) -> str:
    return render_to_string(f"packs/parts/{template}", context)


def _restricted_part(legal_basis: str, item_id: int | None) -> Part:
    return Part(item_id, html=_fragment("restricted_page.html", {"legal_basis": legal_basis}))


def _paper_pages(document: Document, data: bytes) -> list | None:
    try:
        pages = list(read_pdf(data).pages)
    except Exception:  # a damaged file is listed, never breaks the pack
        logger.warning("Paper %s could not be read as a PDF", document.pk, exc_info=True)
        return None
    return pages or None


def _paper_part(document: Document, item_id: int, marking: str | None) -> Part | None:
    """The paper's own PDF (converted if need be), or None when it cannot go in: then it is
    listed."""
    if document.content_type in PDF_TYPES or document.filename.lower().endswith(".pdf"):
        try:
            with document.file.open("rb") as handle:
                data = handle.read()
        except OSError:
            logger.warning("Paper %s could not be opened", document.pk, exc_info=True)
            return None
    elif convertible(document):
        data = converted_pdf(document)
        if data is None:
            return None
    else:
        return None
    pages = _paper_pages(document, data)
    if pages is None:
        return None
    return Part(item_id, marking=marking, pages=pages)


def _generated_part(paper: GeneratedPaper, view: PackItem, members: bool) -> Part:
    """A generated paper is placed like an upload: withheld ones are the restricted page in the
    public pack and marked RESTRICTED in the members' pack."""
    item_id = view.item.pk
    if paper.withheld and not members:
        return _restricted_part(paper.legal_basis or view.legal_basis, item_id)
    marked = members and (view.withheld or paper.withheld)
    return Part(item_id, pdf=paper.pdf, marking=RESTRICTED if marked else None)


def _listed_part(view: PackItem, listed: list[Document], marking: str | None) -> Part:
    meeting = view.item.meeting
    html = _fragment(
        "listed_papers.html",
        {
            "item": view.item,
            "documents": listed,
            "meeting_url": settings.SITE_URL.rstrip("/") + meeting.get_absolute_url(),
        },
    )
    return Part(view.item.pk, html=html, marking=marking)


class _Plan:
    """The pack's parts, gathered step by step so that progress can be told."""

    def __init__(
        self,
        meeting: Meeting,
        members: bool,
        agenda: list[PackItem],
        leading: dict[int | None, list[Part]] | None = None,
    ):
        self.meeting = meeting
        self.members = members
        self.agenda = agenda
        self.parts: list[Part] = []
        self.steps: list[Callable[[], None]] = []
        self._listed: dict[int, list[Document]] = {}
        with_generated = bool(providers())
        leading = leading or {}
        for view in agenda:
            if view.redacted:
                if view.has_hidden_papers or with_generated:
                    self.steps.append(lambda view=view: self._redacted(view))
                continue
            # The pack's own pages for the item (the last minutes, the action log) come first.
            if leading.get(view.item.pk):
                self.steps.append(lambda view=view: self.parts.extend(leading[view.item.pk]))
            for doc in view.documents:
                self.steps.append(lambda view=view, doc=doc: self._upload(view, doc))
            self.steps.append(lambda view=view: self._item_end(view))

    def _redacted(self, view: PackItem) -> None:
        hidden = view.has_hidden_papers or any(
            # Asked as for the public: what comes back is withheld and its content never used.
            generated_papers(item, members=False)
            for item in view.hidden_items
        )
        if hidden:
            self.parts.append(_restricted_part(view.legal_basis, view.item.pk))

    def _upload(self, view: PackItem, doc: Document) -> None:
        restricted = self.members and (view.withheld or doc.is_marked_withheld)
        part = _paper_part(doc, view.item.pk, RESTRICTED if restricted else None)
        if part is None:
            self._listed.setdefault(view.item.pk, []).append(doc)
        else:
            self.parts.append(part)

    def _item_end(self, view: PackItem) -> None:
        item_id = view.item.pk
        for doc in view.withheld_documents:
            self.parts.append(_restricted_part(doc.legal_basis or view.legal_basis, item_id))
        listed = self._listed.get(item_id)
        if listed:
            restricted = self.members and (
                view.withheld or any(d.is_marked_withheld for d in listed)
            )
            self.parts.append(_listed_part(view, listed, RESTRICTED if restricted else None))
        for paper in generated_papers(view.item, members=self.members):
            self.parts.append(_generated_part(paper, view, self.members))


def _leading_parts(
    meeting: Meeting,
    reader: Access,
    agenda: list[PackItem],
    *,
    only_item_ids: set[int] | None = None,
) -> list[Part]:
    """The previous meeting's minutes (as the reader may see them) under the minutes item, then
    the sections other apps write (the outstanding actions, under the action-log item; one item
    may be both). An agenda with no such item still gets them, at the front of the pack,
    belonging to no item; a supplement (`only_item_ids`) only under its own items."""
    minutes_item_id = _item_with_role(agenda, MINUTES_ROLES)
    sections: list[tuple[int | None, PackSectionProvider]] = [
        (_item_with_role(agenda, provider.roles), provider) for provider in pack_section_providers()
    ]
    item_ids = [minutes_item_id] + [item_id for item_id, _ in sections]
    if only_item_ids is not None and all(item_id is None for item_id in item_ids):
        return []
    parts = []
    previous = previous_meeting(meeting)
    if previous is not None and can_see_minutes(reader, previous):
        context = minutes_context(previous, reader)
        parts.append(
            Part(
                minutes_item_id,
                html=_fragment("minutes.html", context),
                marking=minutes_marking(previous, context["items"]),
            )
        )
    for item_id, provider in sections:
        for section in provider.pages(meeting, reader=reader):
            parts.append(Part(item_id, html=section.html, landscape=section.landscape))
    if only_item_ids is not None:
        parts = [part for part in parts if part.item_id is not None]  # only what changed
    return parts


def _item_with_role(agenda: list[PackItem], roles) -> int | None:
    """The first item the reader sees in full that plays one of `roles`."""
    return next((v.item.pk for v in agenda if not v.redacted and v.item.role in roles), None)


def render_parts(parts: list[Part]) -> None:
    """Lay out every part given as HTML in one WeasyPrint document and give each its pages."""
    own = [part for part in parts if part.html]
    if not own:
        return
    html = render_to_string("packs/parts.html", {"parts": own})
    document = layout(html)
    starts: dict[int, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("part-"):
                starts.setdefault(int(anchor[5:]), number)
    pages = list(read_pdf(document.write_pdf()).pages)
    bounds = [starts[i] for i in range(len(own))] + [len(pages)]
    for i, part in enumerate(own):
        part.pages = pages[bounds[i] : bounds[i + 1]]


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


def _front_pages(
    meeting: Meeting, agenda: list[PackItem], parts: list[Part], heading: str = ""
) -> list:
    """The front sheet and agenda, with the page references of the pack that follows it."""
    context = {**_front_context(meeting), "heading": heading}

    def front_sheet():
        return layout(render_to_string("packs/front_sheet.html", {**context, "agenda": agenda}))

    front_pages = USUAL_FRONT_PAGES
    for _ in range(MAX_AGENDA_PASSES):
        _assign_pages(agenda, parts, first_page=front_pages + 1)
        document = front_sheet()
        if len(document.pages) == front_pages:
            break
        front_pages = len(document.pages)
    else:
        # Still moving after the last pass: number the parts from where they now start.
        _assign_pages(agenda, parts, first_page=front_pages + 1)
        document = front_sheet()
    return list(read_pdf(document.write_pdf()).pages)


@dataclass
class BuiltPack:
    """A pack and what is known of it once laid out: its front sheet's length, and the pages
    of each item (its papers and its sub-items'), as the agenda prints them."""

    pdf: bytes
    front_pages: int
    page_refs: dict[int, tuple[int, int]]


def build_pack(meeting: Meeting, *, members: bool, progress: Progress | None = None) -> bytes:
    """The whole pack as PDF bytes: the members' pack when `members`, else the public one."""
    return build_pack_document(meeting, members=members, progress=progress).pdf


def build_pack_document(
    meeting: Meeting,
    *,
    members: bool,
    progress: Progress | None = None,
    only_item_ids: set[int] | None = None,
    only_document_ids: set[int] | None = None,
    heading: str = "",
) -> BuiltPack:
    """The pack with its page references. With `only_item_ids`, a supplementary pack: those
    items only, with only the papers in `only_document_ids` when given, under `heading`
    ("Supplementary agenda")."""
    reader = pack_reader(meeting, members=members)
    agenda = agenda_for_pack(meeting, reader)
    if only_item_ids is not None:
        agenda = [v for v in agenda if v.item.pk in only_item_ids]
    if only_document_ids is not None:
        for view in agenda:
            view.documents = [d for d in view.documents if d.pk in only_document_ids]
            view.withheld_documents = [
                d for d in view.withheld_documents if d.pk in only_document_ids
            ]
            view.has_hidden_papers = view.has_hidden_papers and any(
                d.pk in only_document_ids for d in view.item.documents.all()
            )
    leading: dict[int | None, list[Part]] = {}
    for part in _leading_parts(meeting, reader, agenda, only_item_ids=only_item_ids):
        leading.setdefault(part.item_id, []).append(part)
    plan = _Plan(meeting, members, agenda, leading)
    plan.parts.extend(leading.get(None, []))  # no item asks for them: the front of the pack
    # Steps: the minutes and action log, each paper or item, our own pages, the agenda, the
    # assembly.
    total = len(plan.steps) + 4
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    step()
    for work in plan.steps:
        work()
        step()
    parts = plan.parts
    for part in parts:
        if part.pdf is not None:
            part.pages = list(read_pdf(part.pdf).pages)
    render_parts(parts)
    step()
    front = _front_pages(meeting, agenda, parts, heading)
    step()
    pdf = assemble([(front, None)] + [(part.pages, part.marking) for part in parts])
    step()
    refs = {v.item.pk: (v.first_page, v.last_page) for v in agenda if v.first_page is not None}
    return BuiltPack(pdf=pdf, front_pages=len(front), page_refs=refs)


def _assign_pages(agenda: list[PackItem], parts: list[Part], *, first_page: int) -> None:
    """Each item's first and last page, its sub-items' papers included."""
    spans: dict[int, tuple[int, int]] = {}
    page = first_page
    for part in parts:
        count = len(part.pages)
        if part.item_id is not None and count:
            start, _ = spans.get(part.item_id, (page, page))
            spans[part.item_id] = (start, page + count - 1)
        page += count
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
