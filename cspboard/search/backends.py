"""The two full-text engines behind one interface: SQLite FTS5 (the embedded default) and
PostgreSQL's full-text search (production). Both stem English words, so "meetings" finds
"meeting"; both are given the same terms (`query.ParsedQuery`) and the same rows to look in:
`visible`, the entries the reader may find, passed as a subquery so that nothing the reader may
not see is ranked, counted or highlighted.

The SQL is assembled from the ORM's own compiled subquery and fixed fragments; every value the
reader gave is a parameter (S608 is off for this module in pyproject.toml).

Highlights come back with the matched words between MARK_START and MARK_END (control characters
indexing strips from the text), so the page can escape everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from .query import ParsedQuery

MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Page:
    total: int
    ids: list[int]


def _visible_sql(visible: QuerySet) -> tuple[str, tuple]:
    sql, params = visible.values("pk").query.sql_with_params()
    return sql, tuple(params)


class SqliteBackend:
    """FTS5 over `search_fts`, an external-content table kept by triggers (migration 0001),
    with the Porter stemmer. Titles weigh eight times the body in bm25."""

    def page(
        self, visible: QuerySet, query: ParsedQuery, *, by_date: bool, limit: int, offset: int
    ) -> Page:
        sql, params = _visible_sql(visible)
        match = query.fts5()
        where = f"search_fts MATCH %s AND search_fts.rowid IN ({sql})"
        order = "e.date DESC NULLS LAST, e.id DESC" if by_date else "bm25(search_fts, 8.0, 1.0)"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM search_fts WHERE {where}", (match, *params))
            total = cursor.fetchone()[0]
            cursor.execute(
                "SELECT search_fts.rowid FROM search_fts "
                "JOIN search_searchentry e ON e.id = search_fts.rowid "
                f"WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
                (match, *params, limit, offset),
            )
            ids = [row[0] for row in cursor.fetchall()]
        return Page(total, ids)

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


class PostgresBackend:
    """A generated tsvector column (title weighted A, body B, English configuration) with a GIN
    index; websearch_to_tsquery reads the terms, ts_rank_cd ranks them."""

    TSQUERY = "websearch_to_tsquery('english', %s)"

    def page(
        self, visible: QuerySet, query: ParsedQuery, *, by_date: bool, limit: int, offset: int
    ) -> Page:
        sql, params = _visible_sql(visible)
        text = query.websearch()
        where = f"e.search_vector @@ {self.TSQUERY} AND e.id IN ({sql})"
        order = (
            "e.date DESC NULLS LAST, e.id DESC"
            if by_date
            else f"ts_rank_cd(e.search_vector, {self.TSQUERY}) DESC, e.date DESC NULLS LAST"
        )
        order_params = () if by_date else (text,)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM search_searchentry e WHERE {where}",
                (text, *params),
            )
            total = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT e.id FROM search_searchentry e WHERE {where} "
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                (text, *params, *order_params, limit, offset),
            )
            ids = [row[0] for row in cursor.fetchall()]
        return Page(total, ids)

    def highlights(self, ids: list[int], query: ParsedQuery) -> dict[int, tuple[str, str]]:
        if not ids:
            return {}
        marks = f"StartSel={MARK_START}, StopSel={MARK_END}"
        title_options = f"{marks}, HighlightAll=true"
        body_options = (
            f'{marks}, MaxWords=32, MinWords=12, MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
        )
        text = query.websearch()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, ts_headline('english', title, {self.TSQUERY}, %s), "
                f"ts_headline('english', body, {self.TSQUERY}, %s) "
                "FROM search_searchentry WHERE id = ANY(%s)",
                (text, title_options, text, body_options, list(ids)),
            )
            return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


def backend() -> SqliteBackend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SqliteBackend()
