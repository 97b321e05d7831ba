"""The forward plan's test fixture and helpers, shared by the plan's tests (test_forward_plan.py)
and the plan's report requests' (cspboard/tests/test_forward_plan_reports.py). Import the
`plan` fixture into a test module to use it there."""

import datetime

import pytest

from cspboard.meetings.choices import PlanStatus
from cspboard.meetings.forward_plan import plan_item_set_status
from cspboard.meetings.services import (
    agenda_build_from_standing_items,
    agenda_item_add,
    meeting_create,
)

URL = "/boards/csp/meetings/plan/"
TEN, ONE = datetime.time(10), datetime.time(13)


def meeting_on(board, date):
    return meeting_create(board=board, date=date, start_time=TEN, end_time=ONE)


@pytest.fixture
def plan(scenario):
    """Two future meetings with draft agendas; the first has an item with a sub-item and a
    withheld item, each with an officer's comment."""
    s = scenario
    s.m1 = meeting_on(s.board, datetime.date(2031, 3, 26))
    agenda_build_from_standing_items(meeting=s.m1)
    s.knife = agenda_item_add(
        meeting=s.m1,
        title="Knife crime update",
        presenter_text="David Rhodes",
        minutes_allowed=15,
        before_closing_items=True,
    )
    s.knife_sub = agenda_item_add(
        meeting=s.m1, parent=s.knife, title="Stop and search charter", minutes_allowed=5
    )
    s.dhr = agenda_item_add(
        meeting=s.m1,
        title="Domestic Homicide Review Update",
        presenter_text="SECRET-PRESENTER",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
        minutes_allowed=10,
        before_closing_items=True,
    )
    plan_item_set_status(item=s.dhr, status=PlanStatus.REPORT_REQUESTED, comment="SECRET-COMMENT")
    plan_item_set_status(item=s.knife, status=PlanStatus.REPORT_RECEIVED, comment="OFFICER-COMMENT")
    s.m2 = meeting_on(s.board, datetime.date(2031, 6, 25))
    agenda_build_from_standing_items(meeting=s.m2)
    return s


def plan_meeting(plan_, meeting):
    """The plan's entry for `meeting`."""
    return next(p for p in plan_.meetings if p.meeting.pk == meeting.pk)
