"""The plan progress report, a paper of the agenda pack (cspboard.meetings.contributions) for an
item with the plan-progress role.

It shows the board's published plans (its own and its subgroups') as at the agenda's
publication date (today, before it is published): the version published by then and each
action's status and latest update from the updates dated on or before it (an action with no
update by then, at the status its history gave it then), so a pack rebuilt later says what the
board read. The public pack carries the actions open to the public; the
members' pack also carries a second paper, RESTRICTED, of the actions withheld under Schedule
12A, in whose place the public pack prints the "Document is Restricted" page. Under a withheld
item, both papers are for members only.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from cspboard.boards.choices import ItemRole
from cspboard.meetings.contributions import GeneratedPaper
from cspboard.meetings.models import AgendaItem
from cspboard.meetings.withholding import SCHEDULE_12A_TEXT, legal_basis_text

from .selectors import progress_as_at

TITLE = "Plan progress report"
RESTRICTED_TITLE = "Plan progress report: withheld actions"


def html_pdf(html: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - imported late: it loads pango

    return HTML(string=html).write_pdf()


def _basis(paragraphs: set[int]) -> str:
    if len(paragraphs) == 1:
        return legal_basis_text(next(iter(paragraphs)))
    numbers = ", ".join(str(p) for p in sorted(paragraphs))
    return SCHEDULE_12A_TEXT.replace("paragraph {n}", f"paragraphs {numbers}")


def _only(plans, *, withheld: bool):
    """The plans with only the actions open to the public (or only the withheld ones)."""
    kept = []
    for progress in plans:
        sections = []
        for section in progress.sections:
            actions = [a for a in section.actions if a.is_marked_withheld == withheld]
            if actions or not withheld:
                sections.append(type(section)(section.priority, actions))
        if sections or not withheld:
            kept.append((progress, sections))
    return kept


def progress_html(item: AgendaItem, plans, *, as_at, withheld: bool) -> str:
    return render_to_string(
        "plans/pdf/progress.html",
        {
            "meeting": item.meeting,
            "item": item,
            "plans": plans,
            "as_at": as_at,
            "withheld": withheld,
            "title": RESTRICTED_TITLE if withheld else TITLE,
        },
    )


def item_papers(item: AgendaItem, *, members: bool) -> list[GeneratedPaper]:
    if item.role != ItemRole.PLAN_PROGRESS:
        return []  # no query for every other item of the pack
    meeting = item.meeting
    as_at = meeting.agenda_published_on or timezone.localdate()
    item_withheld = item.is_withheld
    basis = item.legal_basis if item_withheld else ""
    if item_withheld and not members:
        return [GeneratedPaper(TITLE, b"", withheld=True, legal_basis=basis)]
    plans = progress_as_at(meeting.board, as_at=as_at, members=members)
    open_html = progress_html(item, _only(plans, withheld=False), as_at=as_at, withheld=False)
    papers = [GeneratedPaper(TITLE, html_pdf(open_html), withheld=item_withheld, legal_basis=basis)]
    if members:
        held = _only(plans, withheld=True)
        if held:
            paragraphs = {
                a.schedule_12a_paragraph
                for _, sections in held
                for section in sections
                for a in section.actions
                if a.schedule_12a_paragraph
            }
            html = progress_html(item, held, as_at=as_at, withheld=True)
            papers.append(
                GeneratedPaper(
                    RESTRICTED_TITLE,
                    html_pdf(html),
                    withheld=True,
                    legal_basis=basis or _basis(paragraphs),
                )
            )
    else:
        # The public pack shows where the members' paper stands, as for a restricted paper.
        paragraphs = _withheld_paragraphs(meeting.board, as_at)
        if paragraphs:
            papers.append(
                GeneratedPaper(RESTRICTED_TITLE, b"", withheld=True, legal_basis=_basis(paragraphs))
            )
    return papers


def _withheld_paragraphs(board, as_at) -> set[int]:
    plans = progress_as_at(board, as_at=as_at, members=True)
    return {
        a.schedule_12a_paragraph
        for progress in plans
        for section in progress.sections
        for a in section.actions
        if a.is_marked_withheld and a.schedule_12a_paragraph
    }
