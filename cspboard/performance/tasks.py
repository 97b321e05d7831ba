"""The performance report's background work, run by the worker (`cspboard db_worker`)."""

from __future__ import annotations

from django_tasks import task

from .stored import refresh


@task()
def refresh_stored_reports() -> int:
    """Recompute the stored reports the data changed under, and the latest month's report and
    PDF of every board (`stored.refresh`). Queued after every commit that changes what a report
    reads; idempotent, so a task queued twice costs a look at the versions."""
    return refresh()
