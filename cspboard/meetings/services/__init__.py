"""Writes for meetings: the officer's and chair's cycle from the diary to published minutes.

Every function is atomic, takes keyword arguments, and is what views, commands and imports call.
`by` is the user making the change; it is recorded in the audit history.

One module for each step of the cycle: the meeting itself (`meeting`), its agenda (`agenda`),
who attended and their declarations (`attendance`), the minutes and their approval
(`minutes`). Their public functions are named here, so callers import them from
`cspboard.meetings.services`.
"""

from .agenda import (
    ROMAN,
    agenda_build_from_standing_items,
    agenda_item_add,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
    agenda_notify_changes,
    agenda_publish,
    agenda_renumber,
    check_marking,
)
from .attendance import (
    attendance_record,
    attendance_remove,
    declaration_record,
    declaration_remove,
    declarations_none,
)
from .meeting import (
    meeting_cancel,
    meeting_create,
    meeting_delete,
    meeting_record_progress,
    meeting_update,
    meetings_create_series,
    series_dates,
)
from .minutes import (
    decision_add,
    decision_remove,
    item_minutes_restore,
    item_minutes_set,
    meeting_record_minutes_approval,
    minutes_approve,
    minutes_confirm,
    minutes_publish,
    minutes_return,
    minutes_send_to_chair,
)

__all__ = [
    "ROMAN",
    "agenda_build_from_standing_items",
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_update",
    "agenda_notify_changes",
    "agenda_publish",
    "agenda_renumber",
    "attendance_record",
    "attendance_remove",
    "check_marking",
    "decision_add",
    "decision_remove",
    "declaration_record",
    "declaration_remove",
    "declarations_none",
    "item_minutes_restore",
    "item_minutes_set",
    "meeting_cancel",
    "meeting_create",
    "meeting_delete",
    "meeting_record_progress",
    "meeting_record_minutes_approval",
    "meeting_update",
    "meetings_create_series",
    "minutes_approve",
    "minutes_confirm",
    "minutes_publish",
    "minutes_return",
    "minutes_send_to_chair",
    "series_dates",
]
