"""Signed links that let a report's author submit it without an account.

As for actions (cspboard.actions.links): the link carries the request's and the author's primary
keys, signed with the site's secret key and a salt used for nothing else, and the time it was
made. It works for that request only, while that person is still its author and it is not
withdrawn, for `settings.REPORT_LINK_DAYS` days (45 unless set: a request goes out about four
weeks before the deadline, and every reminder carries a fresh link). Nothing is stored.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .choices import OPEN_STATUSES
from .models import ReportRequest

SALT = "cspboard.reports.links.submit"


class LinkInvalid(Exception):
    """The link was altered, is for nothing we hold, or the request moved on without them."""


class LinkExpired(LinkInvalid):
    """The link was genuine but is older than REPORT_LINK_DAYS."""


def link_max_age() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "REPORT_LINK_DAYS", 45))


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def report_link_token(request: ReportRequest) -> str:
    return _signer().sign_object({"r": request.pk, "p": request.author_id})


def report_link_path(request: ReportRequest) -> str:
    return reverse("reports:submit_link", kwargs={"token": report_link_token(request)})


def report_link_url(request: ReportRequest) -> str:
    return settings.SITE_URL.rstrip("/") + report_link_path(request)


def request_for_link(token: str) -> ReportRequest:
    """The request a link was made for. Raises `LinkExpired` or `LinkInvalid`."""
    try:
        payload = _signer().unsign_object(token, max_age=link_max_age())
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        raise LinkInvalid from None
    if not isinstance(payload, dict):
        raise LinkInvalid
    request_pk, person_pk = payload.get("r"), payload.get("p")
    if not isinstance(request_pk, int) or not isinstance(person_pk, int):
        raise LinkInvalid
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
