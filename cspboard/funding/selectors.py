"""Reads of the funded services record, each fetching and authorising in one call: the officers'
funding page of a board, an award's page as the viewer may see it, the public list of funded
services, a return for the officer to review.

Who may see what is cspboard.meetings.permissions (award_visible_q, funding_return_visible_q,
can_see_return_narrative); these only apply it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.boards.access import access_for
from cspboard.boards.models import Board
from cspboard.boards.selectors import board_for_officer, board_get
from cspboard.meetings.permissions import can_manage_funding, can_see_return_narrative

from . import rag
from .choices import PUBLIC_AWARD_STATUSES, ReturnStatus
from .models import (
    Award,
    FundingStream,
    Measure,
    QuarterlyReturn,
    ReturnFigure,
    financial_year_label,
    financial_year_of,
)


@dataclass
class MeasureRow:
    measure: Measure
    by_quarter: dict[int, Decimal | None]
    to_date: Decimal
    expected: Decimal | None
    rating: rag.Rating


@dataclass
class YearView:
    """One financial year of an award: its amount, each measure's figures per quarter from the
    returns the viewer sees, and the ratings from the accepted ones."""

    year: int
    amount: Decimal | None
    rows: list[MeasureRow]
    spend_by_quarter: dict[int, Decimal | None]
    quarters_accepted: int
    delivery: rag.Rating
    spend: rag.Rating

    @property
    def label(self) -> str:
        return financial_year_label(self.year)


def year_view(
    award: Award, year: int, returns: list[QuarterlyReturn], amount: Decimal | None
) -> YearView:
    """Figures of `returns` (prefetched with figures) in `year`; ratings from accepted ones,
    pro rata to the latest quarter accepted."""
    of_year = [r for r in returns if r.financial_year == year]
    accepted = [r for r in of_year if r.status == ReturnStatus.ACCEPTED]
    quarters = max((r.quarter for r in accepted), default=0)
    shown: dict[tuple[int, int], Decimal] = {}
    for r in of_year:
        for figure in r.figures.all():
            shown[(figure.measure_id, r.quarter)] = figure.value
    rows = []
    for measure in award.measures.all():
        to_date = sum(
            (
                f.value
                for r in accepted
                for f in r.figures.all()
                if f.measure_id == measure.pk and r.quarter <= quarters
            ),
            Decimal(0),
        )
        expected = rag.expected_to_date(
            annual=measure.annual_target, quarterly=measure.quarterly_target, quarters=quarters
        )
        rows.append(
            MeasureRow(
                measure=measure,
                by_quarter={q: shown.get((measure.pk, q)) for q in (1, 2, 3, 4)},
                to_date=to_date,
                expected=expected,
                rating=rag.delivery_rating(to_date, expected),
            )
        )
    by_quarter = {r.quarter: r for r in of_year}
    spent = (
        sum((r.spend for r in accepted if r.spend is not None), Decimal(0)) if accepted else None
    )
    return YearView(
        year=year,
        amount=amount,
        rows=rows,
        spend_by_quarter={
            q: (by_quarter[q].spend if q in by_quarter else None) for q in (1, 2, 3, 4)
        },
        quarters_accepted=quarters,
        delivery=rag.worst(row.rating for row in rows),
        spend=rag.spend_rating(spent, amount, quarters),
    )


def _awards(access) -> object:
    """Awards the viewer sees, with what the pages draw of them: one query each for amounts,
    measures, the visible returns and their figures."""
    return (
        Award.objects.visible_to(access)
        .select_related("stream", "stream__board", "provider", "commissioning_lead")
        .prefetch_related(
            "amounts",
            "measures",
            Prefetch(
                "returns",
                queryset=QuarterlyReturn.objects.visible_to(access)
                .select_related("award__stream__board")
                .prefetch_related(Prefetch("figures", queryset=ReturnFigure.objects.order_by("pk")))
                .order_by("financial_year", "quarter"),
                to_attr="visible_returns",
            ),
        )
    )


def amount_in(award: Award, year: int) -> Decimal | None:
    return next((a.amount for a in award.amounts.all() if a.financial_year == year), None)


@dataclass
class AwardRow:
    award: Award
    amount: Decimal | None
    latest: QuarterlyReturn | None
    year: YearView


@dataclass
class StreamGroup:
    stream: FundingStream
    rows: list[AwardRow] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((row.amount or Decimal(0) for row in self.rows), Decimal(0))


@dataclass
class FundingPage:
    board: Board
    year: int
    groups: list[StreamGroup]
    years: list[int] = field(default_factory=list)  # the years with amounts or returns

    @property
    def other_years(self) -> list[tuple[int, str]]:
        return [(y, financial_year_label(y)) for y in self.years if y != self.year]

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)


def _years_of(awards) -> list[int]:
    years = set()
    for award in awards:
        years |= {a.financial_year for a in award.amounts.all()}
        years |= {r.financial_year for r in award.visible_returns}
    return sorted(years)


def _page(board: Board, awards, today: datetime.date, year: int | None, streams=None):
    """The page for `year` if asked for, else the latest year with amounts or returns up to
    today's (today's when none)."""
    awards = list(awards)
    years = _years_of(awards)
    if year is None:
        current = financial_year_of(today)
        year = max((y for y in years if y <= current), default=current)
    return FundingPage(board, year, _groups(board, awards, year, streams), years)


def _groups(board: Board, awards, year: int, streams=None) -> list[StreamGroup]:
    groups = {s.pk: StreamGroup(s) for s in (streams or [])}
    for award in awards:
        group = groups.setdefault(award.stream_id, StreamGroup(award.stream))
        returns = award.visible_returns
        amount = amount_in(award, year)
        group.rows.append(
            AwardRow(
                award=award,
                amount=amount,
                latest=returns[-1] if returns else None,
                year=year_view(award, year, returns, amount),
            )
        )
    return list(groups.values())


def funding_page_for_officer(
    user, slug: str, today: datetime.date, year: int | None = None
) -> FundingPage:
    """The board's streams and awards for its officers (404 for anyone else), in `year` (by
    default the latest with amounts or returns)."""
    board = board_for_officer(user, slug)
    access = access_for(user)
    streams = list(FundingStream.objects.filter(board=board).order_by("name"))
    awards = _awards(access).filter(stream__board=board).order_by("stream__name", "service_name")
    return _page(board, awards, today, year, streams)


def funded_services(user, slug: str, today: datetime.date, year: int | None = None) -> FundingPage:
    """The services the board's funding pays for, as the viewer may see them: awarded or ended
    (the public's list; proposals are on the officers' page)."""
    board = board_get(slug)
    access = access_for(user)
    awards = (
        _awards(access)
        .filter(stream__board=board, status__in=PUBLIC_AWARD_STATUSES)
        .order_by("stream__name", "service_name")
    )
    return _page(board, awards, today, year)


@dataclass
class AwardPage:
    award: Award
    years: list[YearView]
    returns: list[QuarterlyReturn]
    narrative: bool  # the viewer may read the providers' narratives
    manage: bool  # the viewer is an officer of the board


def award_for_viewer(user, slug: str, pk: int) -> AwardPage:
    """The award as the viewer may see it: 404 when they may not see it at all."""
    access = access_for(user)
    award = _awards(access).filter(stream__board__slug=slug, pk=pk).first()
    if award is None:
        raise Http404
    returns = award.visible_returns
    years = sorted(
        {a.financial_year for a in award.amounts.all()} | {r.financial_year for r in returns}
    )
    views = [year_view(award, y, returns, amount_in(award, y)) for y in years]
    board_id = award.stream.board_id
    return AwardPage(
        award=award,
        years=views,
        returns=sorted(returns, key=lambda r: (r.financial_year, r.quarter), reverse=True),
        narrative=can_see_return_narrative(access, board_id),
        manage=can_manage_funding(access, award.stream.board),
    )


def award_for_officer(user, slug: str, pk: int) -> Award:
    board = board_for_officer(user, slug)
    return get_object_or_404(
        Award.objects.select_related("stream", "stream__board", "provider"),
        stream__board=board,
        pk=pk,
    )


def stream_choices(board: Board):
    return FundingStream.objects.filter(board=board).order_by("name")


def return_for_officer(user, slug: str, pk: int) -> QuarterlyReturn:
    board = board_for_officer(user, slug)
    return get_object_or_404(
        QuarterlyReturn.objects.select_related(
            "award", "award__stream", "award__stream__board", "award__provider", "reviewed_by"
        ).prefetch_related(
            Prefetch("figures", queryset=ReturnFigure.objects.select_related("measure"))
        ),
        award__stream__board=board,
        pk=pk,
    )


def board_funding_summary(board: Board) -> dict:
    """For the board page's section (the same for every viewer of one audience): whether the
    board monitors any funding."""
    return {"has_streams": FundingStream.objects.filter(board=board).exists()}
