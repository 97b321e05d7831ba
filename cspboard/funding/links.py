"""Signed links that let a provider submit a quarterly return without an account.

Made with `cspboard.core.links`: the link carries the return's and its award's primary keys,
signed with the site's secret key and a salt used for nothing else, and the time it was made.
It opens the return while it is requested, sent back for changes or submitted (then to say it
has been sent), for `settings.FUNDING_RETURN_LINK_DAYS` days (45 unless set: every reminder
carries a fresh link). Nothing is stored.
"""

from __future__ import annotations

from cspboard.core.links import LinkExpired, LinkInvalid, SignedLink

from .choices import LINK_RETURN_STATUSES
from .models import QuarterlyReturn

__all__ = ["LinkExpired", "LinkInvalid", "return_for_link", "return_link_path", "return_link_url"]

LINK = SignedLink(
    salt="cspboard.funding.links.return",
    url_name="funding:return_link",
    days_setting="FUNDING_RETURN_LINK_DAYS",
    default_days=45,
)


def return_link_path(quarterly_return: QuarterlyReturn) -> str:
    return LINK.path(r=quarterly_return.pk, a=quarterly_return.award_id)


def return_link_url(quarterly_return: QuarterlyReturn) -> str:
    return LINK.url(r=quarterly_return.pk, a=quarterly_return.award_id)


def return_for_link(token: str) -> QuarterlyReturn:
    """The return a link was made for. Raises `LinkExpired` or `LinkInvalid` (also when the
    return is accepted, or no longer of that award)."""
    return_pk, award_pk = LINK.keys(token, "r", "a")
    found = (
        QuarterlyReturn.objects.select_related("award", "award__stream", "award__provider")
        .filter(pk=return_pk, award_id=award_pk, status__in=LINK_RETURN_STATUSES)
        .first()
    )
    if found is None:
        raise LinkInvalid
    return found
