"""The confirmation link of a subscription: signed, expiring (`FOLLOWING_CONFIRM_DAYS`, 7 unless
set), carrying the subscription and the events chosen, so a change of choice takes effect only
when the address's owner confirms it. Unsubscribe links are not signed: each subscription has
a random token of its own (`Subscription.unsubscribe_token`), which dies with the row."""

from cspboard.core.links import SignedLink

CONFIRM = SignedLink(
    salt="cspboard.following.confirm",
    url_name="following:confirm",
    days_setting="FOLLOWING_CONFIRM_DAYS",
    default_days=7,
)
