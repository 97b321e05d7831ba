"""axe-core on the forward plan, for the public and for an officer (with the controls open)."""

import datetime

import pytest

from cspboard.meetings.forward_plan import plan_item_set_status
from cspboard.meetings.services import (
    agenda_build_from_standing_items,
    agenda_item_add,
    meeting_create,
)
from cspboard.people.tests.factories import PersonFactory
from cspboard.reports.services import report_request_create

URL = "/boards/csp/meetings/plan/"


@pytest.fixture
def plan(scenario):
    papers = []
    for date in (datetime.date(2031, 3, 26), datetime.date(2031, 6, 25)):
        meeting = meeting_create(
            board=scenario.board,
            date=date,
            start_time=datetime.time(10),
            end_time=datetime.time(13),
        )
        agenda_build_from_standing_items(meeting=meeting)
        item = agenda_item_add(
            meeting=meeting,
            title="Domestic Homicide Review Update",
            kind="paper",
            security_marking="RESTRICTED",
            schedule_12a_paragraph=1,
            minutes_allowed=10,
            before_closing_items=True,
        )
        plan_item_set_status(item=item, status="report_requested", comment="Chased")
        papers.append(item)
    # The officer sees one paper's request (its author and deadline) and the other's link to
    # request it.
    report_request_create(item=papers[0], author=PersonFactory(name="Erik Stein"))
    return scenario


def test_forward_plan_anonymous(page, plan, assert_accessible):
    assert page.goto(URL).status == 200
    assert page.get_by_text("Restricted item").first.is_visible()
    assert page.get_by_text("Request the report").count() == 0
    assert_accessible(page)


def test_forward_plan_officer(page, plan, sign_in, assert_accessible):
    sign_in("officer", next=URL)
    assert page.url.endswith(URL)
    for summary in page.locator("summary").all():
        summary.click()
    assert page.get_by_role("button", name="Defer to next meeting").first.is_visible()
    assert page.get_by_text("Report requested from Erik Stein").is_visible()
    assert page.get_by_role("link", name="View the request").is_visible()
    assert page.get_by_role("link", name="Request the report").is_visible()
    assert_accessible(page)
