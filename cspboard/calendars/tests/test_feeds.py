"""Building the calendars: events, times in London time, cancelled meetings, links."""

import datetime

import icalendar

from cspboard.calendars.feeds import build_calendar, meeting_uid
from cspboard.calendars.selectors import board_feed_meetings, person_feed_meetings

UTC = datetime.UTC


def test_board_calendar_has_one_event_per_meeting(feeds):
    calendar = icalendar.Calendar.from_ical(build_calendar(board_feed_meetings(feeds.board), "x"))
    uids = sorted(str(event["uid"]) for event in calendar.events)
    meetings = [feeds.summer, feeds.winter, feeds.cancelled]
    assert uids == sorted(f"meeting-{m.pk}@boards.example.gov.uk" for m in meetings)
    assert calendar["x-wr-calname"] == "x"
    assert calendar["version"] == "2.0"


def test_uid_is_stable_when_the_meeting_moves(feeds):
    before = meeting_uid(feeds.summer)
    feeds.summer.date = datetime.date(2018, 6, 27)
    feeds.summer.save(update_fields=["date"])
    assert meeting_uid(feeds.summer) == before


def test_summer_times_are_london_time(feeds):
    event = icalendar.Calendar.from_ical(build_calendar([feeds.summer], "x")).events[0]
    assert event.start.tzinfo is not None
    assert event.start.astimezone(UTC) == datetime.datetime(2018, 6, 20, 9, 0, tzinfo=UTC)
    assert event.end.astimezone(UTC) == datetime.datetime(2018, 6, 20, 11, 30, tzinfo=UTC)
    assert event["dtstart"].params["TZID"] == "Europe/London"


def test_calendar_carries_the_london_time_zone(feeds):
    calendar = icalendar.Calendar.from_ical(build_calendar([feeds.summer], "x"))
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
    assert calendar.get_missing_tzids() == set()


def test_winter_meeting_without_end_lasts_the_boards_usual_length(feeds):
    event = icalendar.Calendar.from_ical(build_calendar([feeds.winter], "x")).events[0]
    assert event.start.astimezone(UTC) == datetime.datetime(2018, 12, 5, 14, 0, tzinfo=UTC)
    assert event.end - event.start == datetime.timedelta(
        minutes=feeds.board.default_meeting_minutes
    )


def test_event_says_where_and_links_to_the_meeting_page(feeds):
    calendar = icalendar.Calendar.from_ical(build_calendar([feeds.summer, feeds.winter], "x"))
    summer, winter = calendar.events
    url = "https://boards.example.gov.uk/boards/csp/meetings/2018-06-20/"
    assert feeds.summer.get_absolute_url() == "/boards/csp/meetings/2018-06-20/"
    assert summer["summary"] == "Community Safety Partnership Board"
    assert summer["location"] == "Town Hall"
    assert summer["url"] == url
    assert url in summer["description"]
    assert summer["status"] == "CONFIRMED"
    assert winter["location"] == "Online"


def test_cancelled_meeting_is_marked_cancelled(feeds):
    event = icalendar.Calendar.from_ical(build_calendar([feeds.cancelled], "x")).events[0]
    assert event["status"] == "CANCELLED"
    assert "cancelled" in event["description"]


def test_events_hold_no_agenda_items(feeds):
    from cspboard.meetings.tests.factories import AgendaItemFactory

    AgendaItemFactory(meeting=feeds.summer, title="SECRET named family", schedule_12a_paragraph=1)
    body = build_calendar(board_feed_meetings(feeds.board), "x")
    assert b"SECRET" not in body


def test_empty_calendar_is_valid(feeds):
    calendar = icalendar.Calendar.from_ical(build_calendar([], "Nothing"))
    assert calendar.events == []


def test_person_meetings_are_current_boards_and_attended_meetings(feeds):
    meetings = set(person_feed_meetings(feeds.person))
    assert meetings == {feeds.summer, feeds.winter, feeds.cancelled, feeds.guest_meeting}
    assert list(person_feed_meetings(feeds.stranger)) == []


def test_person_meetings_listed_once_when_both_member_and_attending(feeds):
    from cspboard.meetings.tests.factories import AttendanceFactory

    AttendanceFactory(meeting=feeds.summer, person=feeds.person)
    assert list(person_feed_meetings(feeds.person)).count(feeds.summer) == 1


def _transitions(timezone_component) -> list[tuple[datetime.datetime, str]]:
    """Every change of offset a VTIMEZONE states: (when, the name it changes to)."""
    found = []
    for part in timezone_component.subcomponents:
        name = str(part["TZNAME"])
        found.append((part.DTSTART.replace(tzinfo=None), name))
        rdates = part.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            found += [(d.dt.replace(tzinfo=None), name) for d in rdate.dts]
    return sorted(found)


def test_a_2030_meeting_falls_inside_the_time_zones_transitions(feeds):
    """The VTIMEZONE is generated from zoneinfo for the events' years, not a block that stops
    in 2025: a calendar program needs British Summer Time's 2030 dates from it."""
    from cspboard.meetings.tests.factories import MeetingFactory

    later = MeetingFactory(
        board=feeds.board, date=datetime.date(2030, 6, 19), start_time=datetime.time(10)
    )
    calendar = icalendar.Calendar.from_ical(build_calendar([feeds.summer, later], "x"))
    [london] = calendar.timezones
    transitions = _transitions(london)
    start = datetime.datetime(2030, 6, 19, 10)
    assert transitions[0][0] < datetime.datetime(2018, 3, 25) and transitions[-1][0] > start
    before = [name for when, name in transitions if when <= start]
    after = [name for when, name in transitions if when > start]
    assert before[-1] == "BST" and after[0] == "GMT"  # the last clocks-forward, the next back
    assert datetime.datetime(2030, 3, 31, 2) in [when for when, _ in transitions]
    event = next(e for e in calendar.events if e.start.year == 2030)
    assert event.start.astimezone(UTC) == datetime.datetime(2030, 6, 19, 9, 0, tzinfo=UTC)
