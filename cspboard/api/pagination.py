"""Cursor pagination: each list is ordered by a fixed key ending in the primary key, and a page
continues after the last row of the one before (keyset pagination), so a page never repeats or
skips a row when rows are added elsewhere in the list, and costs the same however deep it is.

The cursor is opaque to clients: the last row's key, signed (`django.core.signing`), so a
client cannot make one up or edit one; a cursor that does not verify is a 400."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core import signing
from django.db.models import Q, QuerySet

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_SALT = "cspboard.api.cursor"


class BadCursor(ValueError):
    """The cursor was not one this API gave out (or not for this list)."""


@dataclass
class Page:
    rows: list
    next_cursor: str | None


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return value


def _encode(kind: str, values: Sequence) -> str:
    return signing.dumps([kind, [_plain(v) for v in values]], salt=_SALT, compress=True)


def _decode(kind: str, cursor: str, model, fields: Sequence[str]) -> list:
    try:
        found_kind, values = signing.loads(cursor, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadCursor("That cursor is not valid.") from error
    if found_kind != kind or not isinstance(values, list) or len(values) != len(fields):
        raise BadCursor("That cursor belongs to another list.")
    decoded = []
    for name, value in zip(fields, values, strict=True):
        field = model._meta.get_field("id" if name == "pk" else name)
        decoded.append(field.to_python(value))
    return decoded


def _after(fields: Sequence[str], values: Sequence) -> Q:
    """Rows after `values` in ascending order of `fields`: (a > x) or (a = x and b > y)..."""
    condition = Q()
    equal = Q()
    for name, value in zip(fields, values, strict=True):
        condition |= equal & Q(**{f"{name}__gt": value})
        equal &= Q(**{name: value})
    return condition


def paginate(
    queryset: QuerySet, *, kind: str, order: Sequence[str], cursor: str | None, limit: int
) -> Page:
    """One page of `queryset` in ascending `order` (which must end with "pk", so it is total),
    starting after `cursor`; `limit` is already held to 1..MAX_LIMIT by the API's schema."""
    assert order[-1] == "pk"
    queryset = queryset.order_by(*order)
    if cursor:
        queryset = queryset.filter(_after(order, _decode(kind, cursor, queryset.model, order)))
    rows = list(queryset[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = _encode(kind, [getattr(last, name) for name in order])
    return Page(rows=rows, next_cursor=next_cursor)


def next_url(request, cursor: str | None) -> str | None:
    """The address of the next page: this request's, with the cursor replaced."""
    if cursor is None:
        return None
    params = request.GET.copy()
    params["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(params.items()))}")


def encode_offset(kind: str, offset: int) -> str:
    """A cursor for a list paged by position (search results, in the engine's order)."""
    return _encode(kind, [offset])


def decode_offset(kind: str, cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        found_kind, values = signing.loads(cursor, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadCursor("That cursor is not valid.") from error
    if found_kind != kind or not (isinstance(values, list) and len(values) == 1):
        raise BadCursor("That cursor belongs to another list.")
    offset = values[0]
    if not isinstance(offset, int) or offset < 0:
        raise BadCursor("That cursor is not valid.")
    return offset
