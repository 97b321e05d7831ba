"""Absolute addresses of the site's pages, for many rows at once.

`reverse()` for every row of a page of 50 cost more than the rest of the answer. So each route is
reversed once, with markers for its arguments, and made a format string; a row's address is that
string filled in, its values quoted as `reverse()` quotes them. The tests hold every address to
the row's own `get_absolute_url()`."""

from __future__ import annotations

import datetime
from functools import cache
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

_SAFE = RFC3986_SUBDELIMS + "/~:@"
_SLUG, _DATE, _NUMBER, _NAME = "slugmarker", datetime.date(1111, 11, 11), 987654321, "namemarker"


def _format(path: str) -> str:
    path = path.replace("{", "{{").replace("}", "}}")
    for marker, field in (
        (_SLUG, "{slug}"),
        (_DATE.isoformat(), "{date}"),
        (str(_NUMBER), "{number}"),
        (_NAME, "{name}"),
    ):
        path = path.replace(marker, field)
    return path


@cache
def _paths() -> dict[str, str]:
    """Reversed on first use (the URLconf is loaded by then), once per process."""
    return {
        name: _format(reverse(route, kwargs=kwargs))
        for name, route, kwargs in (
            ("board", "boards:board_detail", {"slug": _SLUG}),
            ("person", "people:person_detail", {"slug": _SLUG}),
            ("meeting", "meetings:meeting_detail", {"slug": _SLUG, "date": _DATE}),
            ("paper", "documents:document_download", {"pk": _NUMBER, "filename": _NAME}),
            ("action", "actions:action_detail", {"slug": _SLUG, "number": _NUMBER}),
            ("event", "api:meeting_ocd_event", {"meeting_id": _NUMBER}),
        )
    }


class Links:
    """The addresses one request's answer gives, on the host and scheme it was asked on."""

    def __init__(self, request):
        self.base = request.build_absolute_uri("/")[:-1]
        self.paths = _paths()

    def _url(self, route: str, **values) -> str:
        quoted = {key: quote(str(value), safe=_SAFE) for key, value in values.items()}
        return self.base + self.paths[route].format(**quoted)

    def board(self, board) -> str:
        return self._url("board", slug=board.slug)

    def person(self, person) -> str:
        return self._url("person", slug=person.slug)

    def meeting(self, meeting) -> str:
        return self._url("meeting", slug=meeting.board.slug, date=meeting.date.isoformat())

    def item(self, item) -> str:
        return f"{self.meeting(item.meeting)}#item-{item.pk}"

    def paper(self, paper) -> str:
        return self._url("paper", number=paper.pk, name=paper.filename)

    def action(self, action) -> str:
        return self._url("action", slug=action.board.slug, number=action.number)

    def absolute(self, path: str) -> str:
        """A site path (a search result's) on this request's host and scheme."""
        return self.base + path

    def event(self, meeting) -> str:
        return self._url("event", number=meeting.pk)
