"""The action log as a file to download: what a viewer may see (the log page's link), or the
whole log (the `actions export` command, run by whoever runs the server)."""

from __future__ import annotations

import dataclasses
import datetime

from django.http import QueryDict

from cspboard.boards.access import Access
from cspboard.boards.models import Board

from . import selectors
from .services import action_settings_for
from .spreadsheets import write_csv, write_xlsx

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EVERYTHING = Access(authenticated=True, is_admin=True)


@dataclasses.dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str


def log_for_user(user, slug: str) -> selectors.ActionLog:
    """Every action of the board's log the user may see, open or not, by number."""
    return selectors.action_log_for_viewer(user, slug, QueryDict("status=all"))


def whole_log(board: Board, today: datetime.date | None = None) -> list:
    """Every action of the board, withheld or not: for the command line only."""
    actions = list(selectors.actions_for_viewer(board, EVERYTHING).order_by("number"))
    selectors.decorate(
        actions, today or datetime.date.today(), action_settings_for(board).amber_within_days
    )
    return actions


def export_file(
    board: Board,
    actions,
    fmt: str,
    today: datetime.date | None = None,
    *,
    with_withheld: bool = False,
) -> ExportFile:
    """The file of `actions`. `with_withheld`, for those who may see withheld actions: a column
    marks each withheld one, and the file says it is not for publication when it holds any."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: choose csv or xlsx")
    today = today or datetime.date.today()
    withheld = selectors.withheld_paragraphs(board) if with_withheld else None
    if fmt == "csv":
        content = write_csv(actions, withheld=withheld)
    else:
        content = write_xlsx(actions, withheld=withheld)
    return ExportFile(
        content=content,
        content_type=FORMATS[fmt],
        filename=f"{board.slug}-action-log-{today.isoformat()}.{fmt}",
    )
