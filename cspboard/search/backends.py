"""The two full-text engines behind one interface: SQLite FTS5 (the embedded default) and
PostgreSQL's full-text search (production). Both stem English words, so "meetings" finds
"meeting"; both are given the same terms (`query.ParsedQuery`).

A search runs in three steps, the same on both:
1. the engine lists the entries matching the terms, best first (`ranked`: ids and nothing else);
2. the database keeps those the reader may find: `visible`, the entries
   `SearchEntry.objects.visible_to(access)` allows, filtered to the matched ids, so the access
   rule is checked only for what matched;
3. the engine highlights the page of results the reader is shown, and nothing else.
Nothing the reader may not see is counted, shown or highlighted.

The SQL is assembled from fixed fragments; every value the reader gave is a parameter (ruff's
S608 and S611 are off for this module in pyproject.toml). Highlights come back with the matched
words between MARK_START and MARK_END (control characters indexing strips from the text), so the
page can escape everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .query import ParsedQuery

MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Page:
    total: int
    ids: list[int]


class _Engine:
    MATCHES = ""  # SQL giving the ids of the entries that match, one parameter: the terms
    RANKED = ""  # the same, best first

    def terms(self, query: ParsedQuery) -> str:
        raise NotImplementedError

    def page(
        self, visible: QuerySet, query: ParsedQuery, *, by_date: bool, limit: int, offset: int
    ) -> Page:
        terms = self.terms(query)
        found = visible.filter(pk__in=RawSQL(self.MATCHES, (terms,)))
        if by_date:
            total = found.count()
            ids = list(
                found.order_by("-date", "-pk").values_list("pk", flat=True)[offset : offset + limit]
            )
            return Page(total, ids)
        allowed = set(found.values_list("pk", flat=True))
        with connection.cursor() as cursor:
            cursor.execute(self.RANKED, (terms,))
            ranked = [row[0] for row in cursor.fetchall() if row[0] in allowed]
        return Page(len(allowed), ranked[offset : offset + limit])


class SqliteBackend(_Engine):
    """FTS5 over `search_fts`, an external-content table kept by triggers (migration 0001),
    with the Porter stemmer. Titles weigh eight times the body in bm25."""

    MATCHES = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
    RANKED = (
        "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
        "ORDER BY bm25(search_fts, 8.0, 1.0), rowid DESC"
    )

    def terms(self, query: ParsedQuery) -> str:
        return query.fts5()

    def highlights(self, ids: list[int], query: ParsedQuery) -> dict[int, tuple[str, str]]:
        if not ids:
            return {}
        marks = (MARK_START, MARK_END)
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, highlight(search_fts, 0, %s, %s), "
                "snippet(search_fts, 1, %s, %s, %s, 32) FROM search_fts "
                f"WHERE search_fts MATCH %s AND rowid IN ({placeholders})",
                (*marks, *marks, ELLIPSIS, query.fts5(), *ids),
            )
            return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


class PostgresBackend(_Engine):
    """A generated tsvector column (title weighted A, body B, English configuration) with a GIN
    index; websearch_to_tsquery reads the terms, ts_rank_cd ranks them."""

    TSQUERY = "websearch_to_tsquery('english', %s)"
    MATCHES = f"SELECT id FROM search_searchentry WHERE search_vector @@ {TSQUERY}"
    RANKED = (
        "SELECT e.id FROM search_searchentry e, " + TSQUERY + " q WHERE e.search_vector @@ q "
        "ORDER BY ts_rank_cd(e.search_vector, q) DESC, e.id DESC"
    )

    def terms(self, query: ParsedQuery) -> str:
        return query.websearch()

    def highlights(self, ids: list[int], query: ParsedQuery) -> dict[int, tuple[str, str]]:
        if not ids:
            return {}
        marks = f"StartSel={MARK_START}, StopSel={MARK_END}"
        title_options = f"{marks}, HighlightAll=true"
        body_options = (
            f'{marks}, MaxWords=32, MinWords=12, MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, ts_headline('english', title, q, %s), "
                f"ts_headline('english', body, q, %s) "
                f"FROM search_searchentry, {self.TSQUERY} q WHERE id = ANY(%s)",
                (title_options, body_options, query.websearch(), list(ids)),
            )
            return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


def backend() -> SqliteBackend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SqliteBackend()
