"""Saying that what the stored reports read has changed (`stored.py`): the data versions move in
the writing transaction, and one refresh is queued for the worker once it commits. The
services call `data_changed`; so do the receivers of the models' signals, for writes made
elsewhere."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from .models import ReportDataVersion
from .stored import SHARED, board_key
from .tasks import refresh_stored_reports


def _pending(callback) -> bool:
    """Whether `callback` waits already for this transaction's commit."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        entry[1] is callback for entry in connection.run_on_commit
    )


def data_changed(*, board_ids: Iterable[int | None] = (), shared: bool = False) -> None:
    """Say that what the boards' reports (or, with `shared`, every board's) read has changed.
    Call it inside the writing transaction: the counters move with the write, and the refresh
    is queued once the transaction commits (once a transaction, however often it is called;
    Django forgets it with a savepoint rolled back, as it forgets the write)."""
    keys = [board_key(b) for b in sorted({b for b in board_ids if b})]
    if shared:
        keys.append(SHARED)
    # Moved at every call, even twice in a transaction: a report computed and stored between
    # two writes of one transaction must not look current after the second.
    for key in keys:
        versions = ReportDataVersion.objects.filter(key=key)
        if not versions.update(value=F("value") + 1):
            ReportDataVersion.objects.bulk_create(
                [ReportDataVersion(key=key, value=0)], ignore_conflicts=True
            )
            versions.update(value=F("value") + 1)
    if keys and not _pending(_enqueue_refresh):
        transaction.on_commit(_enqueue_refresh, robust=True)


def _enqueue_refresh() -> None:
    refresh_stored_reports.enqueue()
