"""Who made a change, for the audit history (django-simple-history).

Requests set the user through HistoryRequestMiddleware; services also set it from their `by`
argument so that commands and imports are attributed too.
"""


def signed_in_user(by):
    """`by` when it is a signed-in user; None for a command, the demo loader or a signed link."""
    return by if getattr(by, "is_authenticated", False) else None


def attribute(instance, by) -> None:
    if signed_in_user(by) is not None:
        instance._history_user = by
