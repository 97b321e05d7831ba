"""The funding summary as a paper of the agenda pack (cspboard.meetings.contributions), for an
item with the funding-summary role.

The summary is as at the agenda's publication (or, before it, the date it must be published
by): the board's awarded and ended awards, each with its amount in that financial year and its
delivery and spend ratings from the returns accepted by then, with every measure's figures to
date against its target. Providers' narratives are not in the pack.

Two papers: the summary of the unrestricted awards, in both packs; and, when the board has
awards withheld under Schedule 12A, a summary of those, which the members' pack carries marked
RESTRICTED and the public pack replaces with the "Document is Restricted" page. An item itself
withheld gives the public pack the restricted page for both.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.template.loader import render_to_string

from cspboard.boards.choices import ItemRole
from cspboard.meetings.contributions import GeneratedPaper
from cspboard.meetings.withholding import legal_basis_text
from cspboard.reports import deadlines

from .choices import PUBLIC_AWARD_STATUSES, ReturnStatus
from .models import Award, QuarterlyReturn, ReturnFigure, financial_year_label, financial_year_of
from .selectors import amount_in, year_view


def is_funding_item(item) -> bool:
    return item.role == ItemRole.FUNDING_SUMMARY


def _awards(board, as_at):
    accepted = (
        QuarterlyReturn.objects.filter(status=ReturnStatus.ACCEPTED, reviewed_at__date__lte=as_at)
        .prefetch_related(Prefetch("figures", queryset=ReturnFigure.objects.order_by("pk")))
        .order_by("financial_year", "quarter")
    )
    return list(
        Award.objects.filter(stream__board=board, status__in=PUBLIC_AWARD_STATUSES)
        .select_related("stream", "provider")
        .prefetch_related(
            "amounts",
            "measures",
            Prefetch("returns", queryset=accepted, to_attr="visible_returns"),
        )
        .order_by("stream__name", "service_name")
    )


def _rows(awards, year):
    return [
        {
            "award": award,
            "amount": amount_in(award, year),
            "year": year_view(award, year, award.visible_returns, amount_in(award, year)),
        }
        for award in awards
    ]


def summary_html(meeting, awards, *, year, as_at, restricted: bool) -> str:
    return render_to_string(
        "funding/pdf/summary.html",
        {
            "meeting": meeting,
            "board": meeting.board,
            "rows": _rows(awards, year),
            "year_label": financial_year_label(year),
            "as_at": as_at,
            "restricted": restricted,
        },
    )


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it loads pango, which only PDFs need

    return HTML(string=html).write_pdf()


def item_papers(item, *, members: bool) -> list:
    """The funding summary for a funding-summary item; nothing for other items."""
    if not is_funding_item(item):
        return []  # no query for the pack's other items
    meeting = item.meeting
    as_at = deadlines.publication_date(meeting)
    year = financial_year_of(as_at)
    awards = _awards(meeting.board, as_at)
    if not awards:
        return []
    public = [a for a in awards if not a.is_marked_withheld]
    withheld = [a for a in awards if a.is_marked_withheld]
    title = f"Funding summary {financial_year_label(year)}, as at {as_at:%-d %B %Y}"
    item_withheld = item.is_withheld  # at any depth
    basis = item.legal_basis
    papers = []
    if public:
        if item_withheld and not members:
            papers.append(GeneratedPaper(title, b"", withheld=True, legal_basis=basis))
        else:
            html = summary_html(meeting, public, year=year, as_at=as_at, restricted=False)
            papers.append(
                GeneratedPaper(title, _pdf(html), withheld=item_withheld, legal_basis=basis)
            )
    if withheld:
        restricted_title = f"{title}: restricted awards"
        paragraph = withheld[0].schedule_12a_paragraph
        restricted_basis = basis or legal_basis_text(paragraph)
        if not members:
            papers.append(
                GeneratedPaper(restricted_title, b"", withheld=True, legal_basis=restricted_basis)
            )
        else:
            html = summary_html(meeting, withheld, year=year, as_at=as_at, restricted=True)
            papers.append(
                GeneratedPaper(
                    restricted_title, _pdf(html), withheld=True, legal_basis=restricted_basis
                )
            )
    return papers
