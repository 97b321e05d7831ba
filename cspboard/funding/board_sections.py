"""The board page's links to its funded services: the public list for everyone when the board
monitors any funding, the funding page for its officers (drawn into the page boards owns through
`cspboard.boards.contributions`, registered in `FundingConfig.ready`). The board page's body is
cached per audience, officer of the board or not: this draws the same for everyone in one."""

from __future__ import annotations

from cspboard.boards.access import access_for
from cspboard.boards.contributions import Section
from cspboard.meetings.permissions import can_manage_funding

from .models import FundingStream

TEMPLATE = "funding/includes/_board_funding.html"


def board_funding_section(board, memberships, *, user, today) -> Section:
    data = {
        "board": board,
        "can_manage": can_manage_funding(access_for(user), board),
        "has_streams": FundingStream.objects.filter(board=board).exists(),
    }
    return Section(TEMPLATE, data)
