import datetime

import pytest

from cspboard.imports import moderngov
from cspboard.imports.moderngov import (
    ModernGovError,
    UnusableMeeting,
    parse_meeting,
    parse_meetings,
    parse_time,
    schedule_12a_paragraph,
    unescaped_html,
)

from .conftest import SAVED

MANCHESTER = SAVED / "manchester"


def with_changes(path, *changes: tuple[bytes, bytes]) -> bytes:
    data = path.read_bytes()
    for old, new in changes:
        assert old in data, old
        data = data.replace(old, new)
    return data


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


@pytest.mark.parametrize(
    ("written", "paragraph"),
    [
        ("Paragraph 3", 3),
        ("3", 3),
        ("para 1 of Part 1 of Schedule 12A", 1),
        ("Part 1 of Schedule 12A, paragraph 3", 3),
        ("Schedule 12A Part 1 Para. 5", 5),
        ("Exempt under section 100A: 7", 7),
        ("Paragraph 9", None),
        ("Part 1 of Schedule 12A", None),
        ("", None),
    ],
)
def test_the_schedule_12a_paragraph_is_read_from_the_reference(written, paragraph):
    assert schedule_12a_paragraph(written) == paragraph


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


def test_a_restricted_item_takes_its_paragraph_from_its_restricted_paper():
    data = with_changes(
        SAVED / "GetMeeting-7001.xml",
        (b"<restrictionsRef>Paragraph 1</restrictionsRef>", b"<restrictionsRef />"),
        (
            b"<isrestricted>True</isrestricted>\n          <publicationdate>",
            b"<isrestricted>True</isrestricted>\n          "
            b"<restrictionsRef>Para 3</restrictionsRef><publicationdate>",
        ),
    )
    item = parse_meeting(data).items[5]
    assert (item.restricted, item.paragraph) == (True, 3)


def test_a_restricted_item_naming_no_paragraph_is_left_out_with_its_sub_items():
    data = with_changes(
        SAVED / "GetMeeting-7001.xml",
        (b"<restrictionsRef>Paragraph 1</restrictionsRef>", b"<restrictionsRef />"),
        # Item 3 becomes restricted, naming no paragraph: 3 and 3a go; the rest stay.
        (
            b"<isrestricted>False</isrestricted>\n      <restrictionsRef></restrictionsRef>\n"
            b"      <linkeddocuments>\n        <linkeddoc>\n          <attachmentid>102",
            b"<isrestricted>True</isrestricted>\n      <restrictionsRef></restrictionsRef>\n"
            b"      <linkeddocuments>\n        <linkeddoc>\n          <attachmentid>102",
        ),
    )
    meeting = parse_meeting(data, "GetMeeting 7001")
    assert [i.number for i in meeting.items] == ["1", "2", "4"]
    assert meeting.left_out == (
        'GetMeeting 7001, meeting 7001: item 3 "Community Safety Plan 2018-21" is restricted but '
        "names no Schedule 12A paragraph to withhold it under: left out, with its sub-items and "
        "papers; add it by hand.",
        'GetMeeting 7001, meeting 7001: item 5 "MARAC case review" is restricted but names no '
        "Schedule 12A paragraph to withhold it under: left out, with its sub-items and papers; "
        "add it by hand.",
    )


def test_a_date_that_is_not_one_makes_the_meeting_unusable():
    data = (SAVED / "GetMeeting-7001.xml").read_bytes().replace(b"28/03/2018", b"2018-03-28")
    with pytest.raises(UnusableMeeting, match='"2018-03-28" is not a date written dd/mm/yyyy'):
        parse_meeting(data, "GetMeeting 7001")


# A council's real answers (tests/moderngov/manchester) ---------------------------------------


def test_a_real_meeting_with_its_minutes():
    meeting = parse_meeting((MANCHESTER / "GetMeeting-4967.xml").read_bytes(), "GetMeeting 4967")
    assert (meeting.id, meeting.date, meeting.time) == (
        "4967",
        datetime.date(2026, 2, 10),
        datetime.time(10),
    )
    assert meeting.location == "Council Antechamber, Level 2, Town Hall Extension"
    assert (meeting.status, meeting.cancelled, meeting.unknown_status) == (
        "Confirmed",
        False,
        False,
    )
    assert (meeting.agenda_published, meeting.minutes_published) == (True, True)
    assert meeting.agenda_published_on == datetime.date(2026, 2, 2)
    # The printed numbers, not ModernGov's own order (4 and 12).
    assert [(i.number, i.sub_number, i.title) for i in meeting.items] == [
        ("1", "", "Minutes"),
        ("9", "", "Work Programme"),
    ]
    minutes, work = meeting.items
    assert minutes.text == (
        "To approve as a correct record the minutes of the meeting held on 25 November 2025."
    )
    # Word's markup goes; the paragraph stays.
    assert minutes.minutes == (
        "<p>To approve the minutes of the meeting held on\n25 November 2025 as a correct "
        "record.</p>"
    )
    assert minutes.presenter == ""  # the "Presented By" comment is empty
    assert [(p.id, p.restricted, p.published) for p in minutes.papers] == [
        ("60860", False, datetime.date(2026, 2, 2))
    ]
    assert work.papers[0].title == "DRAFT WP  FEBRUARY 2026"
    (attendee,) = meeting.attendees
    assert (attendee.id, attendee.name, attendee.role, attendee.attendance) == (
        "192",
        "Councillor Basil Curley",
        "Committee Member",
        "Expected",
    )


def test_a_real_cancelled_meeting():
    meeting = parse_meeting((MANCHESTER / "GetMeeting-4966.xml").read_bytes())
    assert meeting.cancelled
    assert (meeting.items, meeting.agenda_published_on) == ((), None)


def test_a_real_list_of_meetings():
    stubs, problems = parse_meetings((MANCHESTER / "GetMeetings-144.xml").read_bytes())
    assert [(s.id, s.date, s.time) for s in stubs] == [
        ("4966", datetime.date(2026, 1, 13), "10.00 am"),
        ("4967", datetime.date(2026, 2, 10), "10.00 am"),
    ]
    assert problems == []


# Numbers, presenters, statuses, times --------------------------------------------------------


@pytest.mark.parametrize(
    ("display", "sub", "number", "sub_number"),
    [
        ("3a", "", "3", "a"),
        ("3.1", "", "3", "1"),
        ("3 (ii)", "", "3", "ii"),
        ("3(b)", "", "3", "b"),
        ("3.", "b", "3", "b"),
        ("31", "", "31", ""),  # item 31, not item 3's sub-item 1
        ("7b", "", "7b", ""),  # no item 7 above it: kept as a numbered item of its own
    ],
)
def test_sub_items_are_read_from_the_printed_number(display, sub, number, sub_number):
    data = with_changes(
        SAVED / "GetMeeting-7001.xml",
        (
            b"<agendaitemsubnumber>a</agendaitemsubnumber>\n      "
            b"<fulldisplaynumberformat>3a</fulldisplaynumberformat>",
            f"<agendaitemsubnumber>{sub}</agendaitemsubnumber>"
            f"<fulldisplaynumberformat>{display}</fulldisplaynumberformat>".encode(),
        ),
    )
    item = parse_meeting(data).items[3]
    assert (item.number, item.sub_number) == (number, sub_number)
    assert item.parent_id == ("9103" if sub_number else None)


def test_the_presenter_comes_from_the_presented_by_comment():
    data = with_changes(
        SAVED / "GetMeeting-7001.xml",
        (
            b"&amp;lt;p&amp;gt;Presented By: Ann Officer, Community Safety Manager"
            b"&amp;lt;/p&amp;gt;",
            b"",
        ),
        (b"<commentlabel1>Presented By", b"<commentlabel1>Lead Officer"),
    )
    assert parse_meeting(data).items[2].presenter == "Ann Officer, Community Safety Manager"


@pytest.mark.parametrize(
    ("status", "cancelled", "unknown"),
    [
        ("Confirmed", False, False),
        ("Confirmed; Budget meeting", False, False),
        ("Provisional", False, False),
        ("Cancelled", True, False),
        ("Cancelled; no business", True, False),
        ("Postponed", True, False),
        ("Rescheduled", True, False),
        ("Under review", False, True),
    ],
)
def test_statuses(status, cancelled, unknown):
    data = with_changes(
        SAVED / "GetMeeting-7001.xml",
        (
            b"<meetingstatus>Confirmed</meetingstatus>",
            f"<meetingstatus>{status}</meetingstatus>".encode(),
        ),
    )
    meeting = parse_meeting(data)
    assert (meeting.status, meeting.cancelled, meeting.unknown_status) == (
        status,
        cancelled,
        unknown,
    )


@pytest.mark.parametrize("written", ["", "TBC", "To be confirmed"])
def test_a_meeting_with_no_time_is_unusable_not_malformed(written):
    data = with_changes(
        SAVED / "GetMeeting-7001.xml",
        (b"<meetingtime>10.00 am</meetingtime>", f"<meetingtime>{written}</meetingtime>".encode()),
    )
    with pytest.raises(
        UnusableMeeting, match="GetMeeting 7001, meeting 7001: the meeting has no start time"
    ):
        parse_meeting(data, "GetMeeting 7001")
    # The time its listing gave, or the time it actually began, will do.
    assert parse_meeting(data, time="6.30 pm").time == datetime.time(18, 30)
    began = data.replace(
        b"</meetingtime>", b"</meetingtime><meetingactualstarttime>2.00 pm</meetingactualstarttime>"
    )
    assert parse_meeting(began).time == datetime.time(14)


def test_an_unusable_listing_entry_is_left_out_with_a_reason():
    data = with_changes(
        SAVED / "GetMeetings-421.xml",
        (b"<meetingdate>27/06/2018</meetingdate>", b"<meetingdate>31/06/2018</meetingdate>"),
    )
    stubs, problems = parse_meetings(data, "GetMeetings 421")
    assert [s.id for s in stubs] == ["7001"]
    assert problems == [
        'GetMeetings 421, meeting 7002: "31/06/2018" is not a date written dd/mm/yyyy. '
        "The meeting was left out."
    ]


def test_a_meeting_in_a_soap_envelope():
    inner = (SAVED / "GetMeeting-7002.xml").read_bytes().split(b"?>", 1)[1]
    envelope = (
        b'<?xml version="1.0" encoding="utf-8"?><soap:Envelope '
        b'xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        b'<GetMeetingResponse xmlns="http://moderngov.co.uk/namespaces"><GetMeetingResult>'
        + inner
        + b"</GetMeetingResult></GetMeetingResponse></soap:Body></soap:Envelope>"
    )
    meeting = parse_meeting(envelope)
    assert (meeting.id, meeting.cancelled) == ("7002", True)


def test_an_attendees_organisation_and_role():
    joe = parse_meeting((SAVED / "GetMeeting-7001.xml").read_bytes()).attendees[2]
    assert (joe.name, joe.role, joe.organisation) == (
        "Joe Unknown",
        "Partner Member",
        "Thames Valley Police",
    )


# Sanitising the HTML the answers carry ----------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        # Escaped once (as the XML parser leaves a doubly escaped answer), and plain.
        ("&lt;p&gt;Noted&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "<p>Noted</p>"),
        ("<p>Noted</p><script>alert(1)</script>", "<p>Noted</p>"),
        # Escaped deeper still.
        (
            "&amp;lt;p&amp;gt;Noted&amp;lt;/p&amp;gt;&amp;lt;script&amp;gt;x()&amp;lt;/script&amp;gt;",
            "<p>Noted</p>",
        ),
        ("&amp;amp;lt;p&amp;amp;gt;Noted&amp;amp;lt;/p&amp;amp;gt;", "<p>Noted</p>"),
        # Event handlers, styles, frames, images.
        ("<p onclick='steal()' style='color:red'>Noted</p>", "<p>Noted</p>"),
        ("&lt;p onmouseover=&quot;steal()&quot;&gt;Noted&lt;/p&gt;", "<p>Noted</p>"),
        ("<p>Noted</p><img src=x onerror=steal()>", "<p>Noted</p>"),
        ("<p>Noted</p><iframe src='https://evil.example'></iframe>", "<p>Noted</p>"),
        ("<p>Noted</p><svg onload=steal()></svg>", "<p>Noted</p>"),
        ("<p>Noted</p><style>p{display:none}</style>", "<p>Noted</p>"),
        # javascript: and data: links lose their address; the words stay.
        ("<a href='javascript:steal()'>Noted</a>", '<a rel="noopener noreferrer">Noted</a>'),
        (
            "&lt;a href=&quot;jav&amp;#x61;script:steal()&quot;&gt;Noted&lt;/a&gt;",
            '<a rel="noopener noreferrer">Noted</a>',
        ),
        ("<a href=' JaVaScRiPt:steal()'>Noted</a>", '<a rel="noopener noreferrer">Noted</a>'),
        (
            "<a href='data:text/html,<script>x()</script>'>Noted</a>",
            '<a rel="noopener noreferrer">Noted</a>',
        ),
        (
            "<a href='https://example.gov.uk/report'>Noted</a>",
            '<a href="https://example.gov.uk/report" rel="noopener noreferrer">Noted</a>',
        ),
        # Escaped text that is not markup stays text.
        ("<p>5 &lt; 6 &amp; 7 &gt; 2</p>", "<p>5 &lt; 6 &amp; 7 &gt; 2</p>"),
    ],
)
def test_html_from_the_answers_is_sanitised_however_it_was_escaped(written, kept):
    assert unescaped_html(written) == kept


def test_minutes_and_item_text_are_sanitised_in_a_whole_answer():
    hostile = (
        b"&amp;lt;p onclick=&amp;quot;x()&amp;quot;&amp;gt;Agreed&amp;lt;/p&amp;gt;"
        b"&amp;lt;a href=&amp;quot;javascript:x()&amp;quot;&amp;gt;more&amp;lt;/a&amp;gt;"
        b"&amp;lt;script&amp;gt;x()&amp;lt;/script&amp;gt;"
    )
    data = with_changes(
        SAVED / "GetMeeting-7001.xml",
        (
            b"<minutesnonemptyhtmlbody>&amp;lt;p&amp;gt;The Board discussed the case."
            b"&amp;lt;/p&amp;gt;</minutesnonemptyhtmlbody>",
            b"<minutesnonemptyhtmlbody>" + hostile + b"</minutesnonemptyhtmlbody>",
        ),
        (
            b"<agendatext>&amp;lt;p&amp;gt;Review of a high-risk domestic abuse case."
            b"&amp;lt;/p&amp;gt;</agendatext>",
            b"<agendatext>" + hostile + b"</agendatext>",
        ),
    )
    item = parse_meeting(data).items[5]
    assert item.minutes == '<p>Agreed</p><a rel="noopener noreferrer">more</a>'
    assert item.text == "Agreed\nmore"
