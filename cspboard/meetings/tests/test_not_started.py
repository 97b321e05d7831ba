"""Attendance and minutes record what happened: refused before the meeting has started (its
start in the council's time zone), while members may still declare interests ahead."""

import datetime

import pytest
from django.utils import timezone

from cspboard.core.exceptions import NotAllowed
from cspboard.meetings import services
from cspboard.meetings.models import Meeting

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
COMING = "/boards/csp/meetings/2030-09-25/"  # the scenario's meeting still to come, at 10:00


@pytest.fixture
def at(monkeypatch):
    """Set the clock: `at(datetime)` in UTC."""

    def set_clock(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_clock


def test_attendance_is_refused_before_the_meeting(scenario):
    with pytest.raises(NotAllowed, match="has not started yet: it starts at 10:00 on Wednesday"):
        services.attendance_record(meeting=scenario.unpublished, person=scenario.chair)
    with pytest.raises(NotAllowed):
        services.attendance_record(meeting=scenario.unpublished, name="A guest", capacity="guest")
    assert not scenario.unpublished.attendance.exists()
    assert Meeting.objects.get(pk=scenario.unpublished.pk).status == "scheduled"


def test_minutes_and_decisions_are_refused_before_the_meeting(scenario):
    item = scenario.unpublished_item
    with pytest.raises(NotAllowed, match="has not started yet"):
        services.item_minutes_set(item=item, minutes="Too early")
    with pytest.raises(NotAllowed, match="has not started yet"):
        services.decision_add(item=item, text="Too early")
    item.refresh_from_db()
    assert item.minutes == "" and not item.decisions.exists()


def test_declarations_may_be_made_ahead(scenario):
    declaration = services.declaration_record(
        meeting=scenario.unpublished,
        person=scenario.member.person,
        text="Trustee of a youth charity",
        made_in_advance=True,
    )
    assert declaration.pk is not None


def test_the_start_is_read_in_the_councils_time_zone(scenario, at):
    """10:00 on 25 September 2030 in London is 09:00 UTC (summer time)."""
    meeting = scenario.unpublished
    at(datetime.datetime(2030, 9, 25, 8, 59, tzinfo=UTC))  # 09:59 in London
    assert not meeting.has_started
    with pytest.raises(NotAllowed):
        services.attendance_record(meeting=meeting, person=scenario.chair)
    at(datetime.datetime(2030, 9, 25, 9, 30, tzinfo=UTC))  # 10:30 in London, 09:30 UTC
    assert meeting.has_started
    row = services.attendance_record(meeting=meeting, person=scenario.chair)
    assert row.status == "present"
    services.item_minutes_set(item=scenario.unpublished_item, minutes="Started now.")


def test_a_past_meeting_is_recorded_as_before(scenario):
    assert scenario.draft.has_started
    services.attendance_record(meeting=scenario.draft, person=scenario.chair)
    services.item_minutes_set(item=scenario.draft.items.get(), minutes="Fine")


# The officer's pages ----------------------------------------------------------------------------


@pytest.fixture
def officer(client, scenario):
    client.force_login(scenario.officer)
    return client


def test_the_attendance_page_gives_the_reason_instead_of_the_controls(officer, scenario):
    html = officer.get(COMING + "attendance/").content.decode()
    assert "The meeting has not started yet: it starts at 10:00 on Wednesday 25 September" in html
    assert "Save attendance" not in html
    assert 'action="/boards/csp/meetings/2030-09-25/attendance/guests/"' not in html


def test_posting_attendance_early_is_refused_with_the_reason(officer, scenario):
    response = officer.post(
        COMING + "attendance/", {f"status_{scenario.member.person.pk}": "present"}
    )
    assert response.status_code == 400
    assert "has not started yet" in response.content.decode()
    response = officer.post(
        COMING + "attendance/guests/", {"guest-name": "Dr Jo Bloggs", "guest-capacity": "guest"}
    )
    assert response.status_code == 400
    assert "has not started yet" in response.content.decode()
    assert not scenario.unpublished.attendance.exists()


def test_the_minutes_pages_give_the_reason_instead_of_the_controls(officer, scenario):
    item = scenario.unpublished_item
    html = officer.get(COMING + "minutes/").content.decode()
    assert "has not started yet" in html
    assert "Write the minutes" not in html
    assert "Record the declaration" in html  # declarations may come ahead
    html = officer.get(COMING + f"minutes/{item.pk}/").content.decode()
    assert "has not started yet" in html
    assert "Save the minutes" not in html and "Add the decision" not in html
    response = officer.post(
        COMING + f"minutes/{item.pk}/", {"minutes": "Too early", "version": item.version}
    )
    assert response.status_code == 400 and "has not started yet" in response.content.decode()
    response = officer.post(
        COMING + f"minutes/{item.pk}/", {"action": "decision", "decision-text": "Too early"}
    )
    assert response.status_code == 400 and "has not started yet" in response.content.decode()
    item.refresh_from_db()
    assert item.minutes == "" and not item.decisions.exists()


def test_a_started_meetings_pages_have_the_controls(officer, scenario):
    html = officer.get("/boards/csp/meetings/2018-06-27/attendance/").content.decode()
    assert "Save attendance" in html and "has not started yet" not in html
    html = officer.get("/boards/csp/meetings/2018-06-27/minutes/").content.decode()
    assert "Write the minutes" in html
