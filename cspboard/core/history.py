"""Who made a change, for the audit history (django-simple-history).

Requests set the user through HistoryRequestMiddleware; services also set it from their `by`
argument so that commands and imports are attributed too.
"""


def attribute(instance, by) -> None:
    if by is not None and getattr(by, "is_authenticated", False):
        instance._history_user = by
