"""The pack (packs) lists the action log (actions) as it stood on the meeting's date."""

import pytest

from cspboard.actions import services
from cspboard.actions.exports import EVERYTHING
from cspboard.actions.tests.as_at import D, recorded_on

# The actions' log fixture: imported, it is this module's.
from cspboard.actions.tests.as_at import log as log
from cspboard.packs.agenda import agenda_for_pack
from cspboard.packs.builder import _leading_parts

pytestmark = pytest.mark.django_db


def test_the_pack_lists_the_actions_as_at_the_meeting(log):
    board, earlier, meeting, later = log
    closed = services.action_create(board=board, text="CLOSED-LATER", meeting=earlier)
    recorded_on(closed, D(2017, 12, 7))
    services.action_close(action=closed, on=D(2019, 1, 10))
    services.action_create(board=board, text="RAISED-LATER", meeting=later)
    parts = _leading_parts(meeting, EVERYTHING, agenda_for_pack(meeting, EVERYTHING))
    html = "".join(part.html for part in parts)
    assert "CLOSED-LATER" in html and "RAISED-LATER" not in html
