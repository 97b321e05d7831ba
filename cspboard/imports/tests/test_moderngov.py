import datetime

import pytest

from cspboard.imports import moderngov
from cspboard.imports.moderngov import (
    ModernGovError,
    parse_meeting,
    parse_time,
    schedule_12a_paragraph,
    unescaped_html,
)

from .conftest import SAVED


@pytest.mark.parametrize(
    ("written", "time"),
    [
        ("10.00 am", datetime.time(10)),
        ("2.30 pm", datetime.time(14, 30)),
        ("12.00 noon", datetime.time(12)),
        ("12.15 am", datetime.time(0, 15)),
        ("6 pm", datetime.time(18)),
        ("14:00", datetime.time(14)),
    ],
)
def test_times_as_moderngov_writes_them(written, time):
    assert parse_time(written, "here") == time


@pytest.mark.parametrize("written", ["ten o'clock", "13.00 pm", "25:00", "10.75 am"])
def test_a_time_that_is_not_one_is_refused(written):
    with pytest.raises(ModernGovError, match="here"):
        parse_time(written, "here")


def test_html_escaped_twice_is_unescaped_once_more_and_sanitised():
    assert (
        unescaped_html("&lt;p&gt;Agreed &amp;amp; noted&lt;/p&gt;&lt;script&gt;x&lt;/script&gt;")
        == "<p>Agreed &amp; noted</p>"
    )
    assert unescaped_html("<p onclick='x()'>Plain</p>") == "<p>Plain</p>"


def test_the_schedule_12a_paragraph_is_read_from_the_reference():
    assert schedule_12a_paragraph("Paragraph 3") == 3
    assert schedule_12a_paragraph("para 1 of Part 1 of Schedule 12A") == 1
    assert schedule_12a_paragraph("") is None


def test_a_meeting_with_its_items_sub_items_papers_and_attendees():
    meeting = parse_meeting((SAVED / "GetMeeting-7001.xml").read_bytes())
    assert (meeting.date, meeting.time) == (datetime.date(2018, 3, 28), datetime.time(10))
    assert meeting.location == "Committee Room 2, Town Hall"
    assert not meeting.cancelled
    assert [i.display_number for i in meeting.items] == ["1", "2", "3", "(a)", "4", "5"]
    sub = meeting.items[3]
    assert sub.parent_id == meeting.items[2].id
    assert meeting.items[2].presenter == "Ann Officer, Community Safety Manager"
    restricted = meeting.items[5]
    assert (restricted.restricted, restricted.paragraph) == (True, 1)
    assert "<script>" not in meeting.items[1].minutes
    assert [a.attendance for a in meeting.attendees][:2] == ["Present", "Apologies"]


def test_a_cancelled_meeting():
    meeting = parse_meeting((SAVED / "GetMeeting-7002.xml").read_bytes())
    assert meeting.cancelled
    assert meeting.items == ()


def test_malformed_xml_is_refused_naming_the_answer():
    with pytest.raises(ModernGovError, match=r"GetMeeting 7001: not well-formed XML"):
        parse_meeting(b"<meeting><meetingid>7001</meetingid>", "GetMeeting 7001")


def test_entities_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;">]><meeting>&b;</meeting>'
    )
    with pytest.raises(ModernGovError, match="GetMeeting 1: refused"):
        parse_meeting(bomb, "GetMeeting 1")


def test_an_oversized_answer_is_refused(monkeypatch):
    monkeypatch.setattr(moderngov, "MAX_RESPONSE_BYTES", 100)
    with pytest.raises(ModernGovError, match="larger than the limit of 100 bytes"):
        parse_meeting((SAVED / "GetMeeting-7001.xml").read_bytes(), "GetMeeting 7001")


def test_a_restricted_item_naming_no_paragraph_is_refused():
    data = (SAVED / "GetMeeting-7001.xml").read_bytes().replace(b"Paragraph 1", b"")
    with pytest.raises(ModernGovError, match="agenda item 9106: the item is restricted"):
        parse_meeting(data, "GetMeeting 7001")


def test_a_missing_date_names_the_element():
    data = (SAVED / "GetMeeting-7001.xml").read_bytes().replace(b"28/03/2018", b"2018-03-28")
    with pytest.raises(ModernGovError, match='"2018-03-28" is not a date written dd/mm/yyyy'):
        parse_meeting(data, "GetMeeting 7001")
