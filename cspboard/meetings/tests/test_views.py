import datetime

import pytest

pytestmark = pytest.mark.django_db


def test_meeting_page_shows_when_where_chair_agenda_and_attendance(client, scenario):
    html = client.get("/boards/csp/meetings/2018-03-28/").content.decode()
    assert "Wednesday 28 March 2018" in html
    assert "10am to 1pm" in html
    assert "Barking Learning Centre" in html
    assert "Fiona Chair" in html  # the chair and presenter
    assert "20 minutes" in html
    assert "Time allowed: 20 minutes of 180" in html
    assert "PUBLIC-DECISION agreed" in html


@pytest.mark.parametrize(
    "url",
    [
        "/boards/unknown/",
        "/boards/unknown/meetings/2018-03-28/",
        "/boards/csp/meetings/2018-03-29/",
        "/boards/csp/meetings/2018-13-45/",
        "/boards/csp/meetings/28-03-2018/",
        "/people/nobody/",
    ],
)
def test_unknown_board_or_date_is_a_designed_404(client, scenario, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "govuk-heading-l" in html


def test_meeting_with_unpublished_agenda_says_so(client, scenario):
    html = client.get("/boards/csp/meetings/2030-09-25/").content.decode()
    assert "The agenda has not been published yet." in html


def test_online_meeting_and_cancelled_meeting(client, scenario):
    from cspboard.meetings.services import meeting_create

    meeting_create(
        board=scenario.board,
        date=datetime.date(2021, 12, 8),
        start_time=datetime.time(10),
        online=True,
        venue="Microsoft Teams",
        status="cancelled",
    )
    html = client.get("/boards/csp/meetings/2021-12-08/").content.decode()
    assert "Online (Microsoft Teams)" in html
    assert "This meeting was cancelled." in html


def test_home_lists_upcoming_and_recent_meetings(client, scenario):
    html = client.get("/").content.decode()
    assert "Upcoming meetings" in html and "Recent meetings" in html
    assert "/boards/csp/meetings/2030-09-25/" in html
    assert "/boards/csp/meetings/2018-06-27/" in html
