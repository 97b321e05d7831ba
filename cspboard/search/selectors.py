"""Searching the record as one reader may: `search(access, ...)` finds, counts, ranks and
highlights only entries `SearchEntry.objects.visible_to(access)` allows, so a word found only
in restricted material returns nothing to anyone else, not even a count."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cspboard.boards.models import Board

from .backends import MARK_END, MARK_START, backend
from .models import SearchEntry
from .query import ParsedQuery

PER_PAGE = 20
MAX_PAGE = 50  # deep pages cost the most and are never read; refine the search instead


@dataclass(frozen=True)
class Filters:
    board: Board | None = None
    kinds: tuple[str, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    by_date: bool = False


@dataclass(frozen=True)
class Result:
    entry: SearchEntry
    title: SafeString
    snippet: SafeString
    url: str


@dataclass(frozen=True)
class Results:
    query: ParsedQuery
    total: int
    page: int
    per_page: int
    results: list[Result]

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // self.per_page)))


def marked(text: str) -> SafeString:
    """The engine's highlight made safe: everything escaped, then the marks made <mark>s."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 (escaped above; only <mark> added)


def visible_entries(access, filters: Filters):
    entries = SearchEntry.objects.visible_to(access)
    if filters.board is not None:
        entries = entries.filter(board=filters.board)
    if filters.kinds:
        entries = entries.filter(kind__in=filters.kinds)
    if filters.date_from:
        entries = entries.filter(date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(date__lte=filters.date_to)
    return entries


_RELATED = (
    "board",
    "meeting__board",
    "item__meeting__board",
    "document",
    "action__board",
    "person",
)


def search(
    access,
    query: ParsedQuery,
    filters: Filters = Filters(),
    *,
    page: int = 1,
    per_page=PER_PAGE,
    offset: int | None = None,
) -> Results:
    """One page of what `access` may find: by page number (the search page, at most
    MAX_PAGE), or from `offset` (the API's cursor)."""
    if not query:
        return Results(query, 0, 1, per_page, [])
    page = max(1, min(page, MAX_PAGE))
    engine = backend()
    found = engine.page(
        visible_entries(access, filters),
        query,
        by_date=filters.by_date,
        limit=per_page,
        offset=(page - 1) * per_page if offset is None else offset,
    )
    entries = SearchEntry.objects.select_related(*_RELATED).in_bulk(found.ids)
    marks = engine.highlights(found.ids, query)
    results = []
    for pk in found.ids:
        entry = entries[pk]
        title, snippet = marks.get(pk, (entry.title, ""))
        results.append(Result(entry, marked(title), marked(snippet), entry.get_absolute_url()))
    return Results(query, found.total, page, per_page, results)


def search_entries(access, query: ParsedQuery, filters: Filters = Filters(), *, limit: int = 500):
    """The newest `limit` entries the reader may find for the terms, as a queryset (for a
    saved search's alerts: which of them are new)."""
    if not query:
        return SearchEntry.objects.none()
    found = backend().matching(visible_entries(access, filters), query)
    return found.order_by("-date", "-pk")[:limit]
