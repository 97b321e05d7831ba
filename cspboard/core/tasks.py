"""The base layer's background tasks, run by `cspboard db_worker` (docs/decisions/0006)."""

from django_tasks import task

from . import housekeeping, mail


@task()
def deliver_email(email_id: int) -> str:
    """Send one e-mail from the outbox (`core/mail.py`)."""
    return mail.email_deliver(email_id)


@task()
def tidy_up() -> int:
    """Delete the worker's records of tasks finished more than `TASK_RESULTS_KEEP_DAYS` ago
    (each e-mail, pack build and reminder run leaves one). Returns how many went."""
    return housekeeping.task_results_prune()
