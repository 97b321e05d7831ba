"""The base layer's background tasks, run by `cspboard db_worker` (docs/decisions/0006)."""

from django_tasks import task

from . import housekeeping
from .mail import deliver_email  # the outbox's task, kept beside what it calls

__all__ = ["deliver_email", "tidy_up"]


@task()
def tidy_up() -> int:
    """Delete the worker's records of tasks finished more than `TASK_RESULTS_KEEP_DAYS` ago
    (each e-mail, pack build and reminder run leaves one). Returns how many went."""
    return housekeeping.task_results_prune()
