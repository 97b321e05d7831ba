"""The board page's link to importing the board's past, for its officers only (drawn into the
page boards owns through `cspboard.boards.contributions`, registered in `ImportsConfig.ready`).
The board page's body is cached per audience, officer of the board or not, as this needs."""

from __future__ import annotations

from cspboard.boards.access import access_for, can_manage_board
from cspboard.boards.contributions import Section

TEMPLATE = "imports/includes/_board_imports.html"


def board_imports_section(board, memberships, *, user, today) -> Section:
    can_manage = can_manage_board(access_for(user), board)
    return Section(TEMPLATE, {"board": board, "can_manage": can_manage})
