"""A task for the scheduler's tests: it counts its runs."""

from django_tasks import task

RUNS: list[str] = []


@task()
def note_run() -> None:
    RUNS.append("ran")
