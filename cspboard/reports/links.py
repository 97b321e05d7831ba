"""Signed links that let a report's author submit it without an account.

Made with `cspboard.core.links`, as action links are: the link carries the request's and the
author's primary keys, signed with the site's secret key and a salt used for nothing else, and
the time it was made. It works for that request only, while that person is still its author and
it is not withdrawn, for `settings.REPORT_LINK_DAYS` days (45 unless set: a request goes out
about four weeks before the deadline, and every reminder carries a fresh link). Nothing is
stored.
"""

from __future__ import annotations

from cspboard.core.links import LinkExpired, LinkInvalid, SignedLink

from .choices import OPEN_STATUSES
from .models import ReportRequest

__all__ = [
    "LinkExpired",
    "LinkInvalid",
    "report_link_path",
    "report_link_token",
    "report_link_url",
    "request_for_link",
]

LINK = SignedLink(
    salt="cspboard.reports.links.submit",
    url_name="reports:submit_link",
    days_setting="REPORT_LINK_DAYS",
    default_days=45,
)


def report_link_token(request: ReportRequest) -> str:
    return LINK.token(r=request.pk, p=request.author_id)


def report_link_path(request: ReportRequest) -> str:
    return LINK.path(r=request.pk, p=request.author_id)


def report_link_url(request: ReportRequest) -> str:
    return LINK.url(r=request.pk, p=request.author_id)


def request_for_link(token: str) -> ReportRequest:
    """The request a link was made for. Raises `LinkExpired` or `LinkInvalid` (also when that
    person is no longer its author or the request is no longer open)."""
    request_pk, person_pk = LINK.keys(token, "r", "p")
    request = (
        ReportRequest.objects.select_related(
            "item", "item__parent", "item__meeting", "item__meeting__board", "author"
        )
        .filter(pk=request_pk, author_id=person_pk, status__in=OPEN_STATUSES)
        .first()
    )
    if request is None:
        raise LinkInvalid
    return request
