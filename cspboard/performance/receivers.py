"""What the performance report does when the record announces it (meetings.signals)."""

from __future__ import annotations

from .changes import data_changed
from .models import Indicator


def agenda_published(sender, meeting, by=None, **kwargs) -> None:
    """Publishing an agenda publishes the commentary of its performance report's month and keeps
    the report as its pack carries it. Runs inside the publishing transaction."""
    # Imported late: the services package loads DuckDB (for the imports), which would otherwise
    # be loaded at every start, by the worker and every command, for nothing.
    from .services import meeting_report_publish

    meeting_report_publish(meeting=meeting, by=by)


# What a stored report reads (stored.py). The services say so themselves (changes.py); these
# catch the writes made elsewhere (the admin, a shell). Bulk writes send no signals: their
# services call `changes.data_changed` once.


def _indicator_board(instance) -> int | None:
    field = type(instance)._meta.get_field("indicator")
    if field.is_cached(instance):
        return instance.indicator.board_id
    return (
        Indicator.objects.filter(pk=instance.indicator_id)
        .values_list("board_id", flat=True)
        .first()
    )


def board_data_changed(sender, instance, **kwargs) -> None:
    """An indicator, figure, override, commentary, publication or snapshot of a board."""
    board_id = instance.board_id if hasattr(instance, "board_id") else _indicator_board(instance)
    data_changed(board_ids=[board_id])


def shared_data_changed(sender, **kwargs) -> None:
    """An area, its LSOAs, a population, a street crime or a recorded-crime count."""
    data_changed(shared=True)


def board_changed(sender, instance, **kwargs) -> None:
    """A board's or subgroup's name is in its (parent's) report."""
    data_changed(board_ids=[instance.pk, instance.parent_id])
