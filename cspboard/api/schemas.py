"""The API's answers as pydantic schemas (django-ninja): each names exactly the fields served,
so nothing private (an e-mail, a log-in, an officer's note) can reach an answer by being on a
model. They are the OpenAPI description's components."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field


class Error(Schema):
    detail: str


class Problem(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrors(Schema):
    """A parameter out of its bounds or of the wrong type (422)."""

    detail: list[Problem]


class Board(Schema):
    slug: str
    name: str
    parent: str | None = Field(description="The parent board's slug, for a subgroup")
    description: str
    url: str = Field(description="The board's page")


class Role(Schema):
    board: str = Field(description="The board's slug")
    board_name: str
    role: str
    role_label: str
    since: datetime.date | None


class Person(Schema):
    slug: str
    name: str
    honorific: str
    post_title: str
    organisation: str | None
    roles: list[Role] = Field(description="Current roles on boards")
    url: str


class Meeting(Schema):
    id: int
    board: str
    board_name: str
    date: datetime.date
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    venue: str
    online: bool
    status: str
    status_label: str
    agenda_published_on: datetime.date | None
    cancelled_reason: str
    url: str = Field(description="The meeting's page")
    ocd_event: str = Field(description="The meeting as an Open Civic Data event")


class AgendaEntry(Schema):
    id: int
    parent: int | None
    number: str
    title: str
    withheld: bool = Field(description="Withheld from the public under Schedule 12A")
    redacted: bool = Field(
        description="Withheld and not open to this reader: number, title and legal basis only"
    )
    legal_basis: str


class MeetingDetail(Meeting):
    chair: str | None
    agenda: list[AgendaEntry] = Field(
        description="The agenda in order, as the meeting page shows it to this reader; empty "
        "until it is published"
    )


class AgendaItem(Schema):
    id: int
    meeting: int
    board: str
    parent: int | None
    position: int
    number: str
    title: str
    description: str
    kind: str
    purpose: str
    presenter_text: str
    minutes_allowed: int | None
    withheld: bool
    legal_basis: str
    minutes: str | None = Field(
        description="The minutes (sanitised HTML), when published or open to this reader"
    )
    url: str


class Decision(Schema):
    id: int
    item: int
    meeting: int
    board: str
    kind: str
    text: str
    url: str


class Paper(Schema):
    id: int
    title: str
    kind: str
    date: datetime.date | None
    item: int
    meeting: int
    board: str
    filename: str
    content_type: str
    size: int
    download_url: str


class Action(Schema):
    id: int
    board: str
    number: int
    text: str
    status: str
    owners: list[str]
    lead: str
    meeting: int | None
    item: int | None
    raised_on: datetime.date
    target_date: datetime.date | None
    closed_on: datetime.date | None
    url: str


class Indicator(Schema):
    id: int
    board: str
    subgroup: str | None
    number: str
    name: str
    slug: str
    unit: str
    measure: str
    data_source: str
    in_development: bool
    source: str
    definition: str
    target_kind: str
    target_value: float | None


class MonthFigure(Schema):
    month: str = Field(description="YYYY-MM")
    value: float | None = Field(description="Missing months are null, never 0")
    benchmark: float | None


class IndicatorFigures(Schema):
    indicator: Indicator
    month: str = Field(description="The report's month, YYYY-MM")
    months: list[str] = Field(description="Every month a report can be had for")
    financial_year: str
    latest: float | None
    ytd: float | None
    ytd_previous: float | None
    rolling_12: float | None
    rating: str = Field(description="As published: drafts are never served")
    performance_text: str
    commentary: str = Field(description="As published")
    this_year: list[MonthFigure]
    last_year: list[MonthFigure]


class BoardPage(Schema):
    items: list[Board]
    next: str | None = Field(description="The next page's address; null on the last page")


class PersonPage(Schema):
    items: list[Person]
    next: str | None


class MeetingPage(Schema):
    items: list[Meeting]
    next: str | None


class AgendaItemPage(Schema):
    items: list[AgendaItem]
    next: str | None


class DecisionPage(Schema):
    items: list[Decision]
    next: str | None


class PaperPage(Schema):
    items: list[Paper]
    next: str | None


class ActionPage(Schema):
    items: list[Action]
    next: str | None


class IndicatorPage(Schema):
    items: list[Indicator]
    next: str | None


class SearchResult(Schema):
    kind: str
    kind_label: str
    title: str
    highlight: str  # the matched words in context, HTML: escaped, matches in <mark>
    board: str | None
    date: datetime.date | None
    url: str


class SearchPage(Schema):
    total: int
    items: list[SearchResult]
    next: str | None
