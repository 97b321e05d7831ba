"""The board page's plans, drawn into the page boards owns through
`cspboard.boards.contributions` (registered in `PlansConfig.ready`).

The board page's body is cached once per audience (signed in or not, officer of the board or
not), so the section shows the public's view (published plans) to everyone but the board's
officers, who also see plans still in draft; a member reads drafts on the plans' own pages."""

from __future__ import annotations

import datetime

from cspboard.boards.access import PUBLIC, access_for
from cspboard.boards.contributions import Section
from cspboard.boards.models import Board, Membership
from cspboard.meetings.permissions import can_manage_plans

from .selectors import plans_of_board

TEMPLATE = "plans/includes/_board_plans.html"


def board_plans_section(
    board: Board, memberships: list[Membership], *, user, today: datetime.date
) -> Section:
    access = access_for(user)
    officer = can_manage_plans(access, board)
    plans = plans_of_board(board, access if officer else PUBLIC)
    return Section(TEMPLATE, {"board": board, "plans": plans, "is_officer": officer})
