"""The structure of a document: its meeting parts (`segments`), each part's header (`header`)
and items (`items`), and what a pack says across its parts (`restricted`, pack dates).

The seeds are checked against the demo's hand-built record of the same meetings; short
documents laid out as other partnerships lay theirs out check that the readers do not depend
on the seeds' wording.
"""

from __future__ import annotations

import datetime
import pathlib
import re
import textwrap

import pytest
import yaml

from cspboard.core.tests.shared_data import shared_data_missing
from cspboard.documents.readers import (
    Line,
    SourceDocument,
    UnreadableDocument,
    Where,
    read_document,
)
from cspboard.imports.minutes import header, items, segments
from cspboard.imports.minutes.draft import MeetingDraft
from cspboard.imports.minutes.parse import parse_document

SEEDS = pathlib.Path(__file__).resolve().parents[4] / "shared" / "seeds"
DEMO = pathlib.Path(__file__).resolve().parents[2] / "demo" / "data" / "meetings"


def _doc(text: str, name: str = "x.txt") -> SourceDocument:
    return read_document(textwrap.dedent(text).strip("\n").encode(), name)


def _seed(name: str) -> SourceDocument:
    path = SEEDS / name
    if not path.exists():
        shared_data_missing(f"seed document {name} not found in {SEEDS}")
    return read_document(path.read_bytes(), name)


def _demo(date: datetime.date) -> dict:
    return yaml.safe_load((DEMO / f"{date.isoformat()}.yaml").read_text())


def _top(items_: list) -> dict[str, str]:
    return {str(i["number"]): i["title"] for i in items_}


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


# -- The seeds -----------------------------------------------------------------------------------

SEED_PARTS = {
    # file: [(kind, date)] in document order
    "000_041d7d68cf73db97.txt": [("agenda", "2023-09-27"), ("minutes", "2023-06-28")],
    "001_b0a640582758f8e4.txt": [("agenda_and_minutes", "2021-12-08")],
    "002_3279537257ad4eb2.txt": [("minutes", "2023-06-28")],
    "003_fd7ab8671c1905b6.txt": [
        ("agenda", "2018-03-28"),
        ("minutes", "2017-12-13"),
        # The log gives no date of its own: it is the one presented at the pack's meeting.
        ("action_log", "2018-03-28"),
    ],
    "004_0950aaeaa6eb6065.txt": [("agenda_and_minutes", "2019-12-11")],
}


@pytest.mark.parametrize("name", sorted(SEED_PARTS))
def test_seed_parts_and_dates(name):
    draft = parse_document(_seed(name))
    found = [(m.kind, m.date.isoformat() if m.date else None) for m in draft.meetings]
    assert found == SEED_PARTS[name]


@pytest.mark.parametrize("name", sorted(SEED_PARTS))
def test_seed_items_match_the_demo_record(name):
    """Every top-level item of the demo's record is found with its number and title, and no
    top-level item is found that the record does not have."""
    draft = parse_document(_seed(name))
    for meeting in draft.meetings:
        if meeting.kind == "action_log":
            assert meeting.items == []
            continue
        truth = _top(_demo(meeting.date)["items"])
        found = {i.number: i.title for i in meeting.items if not i.parent_number}
        assert set(found) == set(truth), meeting.date
        for number, title in truth.items():
            assert _normal(found[number]) == _normal(title), (meeting.date, number)


def test_seed_sub_items_have_their_parent():
    draft = parse_document(_seed("003_fd7ab8671c1905b6.txt"))
    agenda = draft.meetings[0]
    subs = [(i.parent_number, i.number, i.title) for i in agenda.items if i.parent_number]
    assert ("5", "(i)", "SNB Open Public Meeting - February 2018") in subs
    assert ("6", "(v)", "Hate, Intolerance and Extremism") in subs
    assert [i.pages for i in agenda.items if i.number == "3"] == ["Pages 1 - 9"]


@pytest.mark.parametrize(
    ("name", "part", "restricted"),
    [
        ("001_b0a640582758f8e4.txt", 0, {"10", "11", "12", "15", "18"}),
        ("002_3279537257ad4eb2.txt", 0, {"9", "10", "11"}),
        ("000_041d7d68cf73db97.txt", 1, {"9", "10", "11"}),
        # marked on the reports' covers, not on the agenda
        ("003_fd7ab8671c1905b6.txt", 0, {"5", "8", "6 (i)", "6 (iv)"}),
        # marked in the pack's forward plan for the meeting
        ("000_041d7d68cf73db97.txt", 0, {"11"}),
    ],
)
def test_seed_restricted_items(name, part, restricted):
    meeting = parse_document(_seed(name)).meetings[part]
    found = {
        " ".join(filter(None, (i.parent_number, i.number))) for i in meeting.items if i.restricted
    }
    assert found == restricted


def test_seed_times_allowed_and_minutes():
    meeting = parse_document(_seed("004_0950aaeaa6eb6065.txt")).meetings[0]
    truth = {str(i["number"]): i.get("minutes_allowed") for i in _demo(meeting.date)["items"]}
    assert {i.number: i.minutes_allowed for i in meeting.items} == truth
    flag = next(i for i in meeting.items if i.title.startswith("Family Law"))
    assert flag.minutes.startswith("Item deferred to March CSP Board")
    assert flag.decisions == ["Item deferred to March CSP Board as presenter was not present."]
    assert any("not numbered" in w for w in meeting.warnings)


def test_seed_headers():
    pack = parse_document(_seed("003_fd7ab8671c1905b6.txt"))
    agenda, minutes = pack.meetings[0], pack.meetings[1]
    assert (agenda.start, agenda.end) == (datetime.time(10), datetime.time(13))
    assert agenda.venue == "Conference Centre, Barking Learning Centre, Town Square, Barking"
    assert agenda.chair == "Fiona Taylor"
    assert agenda.sources["date"].line == 7
    assert (minutes.start, minutes.end) == (datetime.time(13), datetime.time(16))
    assert minutes.chair == "Anne Bristow"
    june = parse_document(_seed("002_3279537257ad4eb2.txt")).meetings[0]
    assert june.board_name == "Community Safety Partnership Board"
    assert june.venue == "Barking Learning Centre"
    assert june.chair == "Stuart Bell"


def test_a_pack_with_a_stale_heading_is_dated_by_its_reports_and_says_so():
    agenda = parse_document(_seed("000_041d7d68cf73db97.txt")).meetings[0]
    assert agenda.date == datetime.date(2023, 9, 27)
    assert any("29 March 2023" in w and "28 June 2023" in w for w in agenda.warnings)


# -- Other layouts -------------------------------------------------------------------------------

LABELLED_MINUTES = """
    SAFER STOCKTON PARTNERSHIP
    MINUTES
    Date: Tuesday 5 March 2024
    Time: 2.00 pm - 4.30 pm
    Location: Room 3, Civic Centre
    Chairman: Cllr Jane Smith

    Attendees: Cllr Jane Smith, Tom Brown (Police), Asha Patel (Fire)
    Apologies: Rob Green

    Agenda item 1: Welcome and apologies
    The chairman welcomed everyone.

    Agenda item 2: Declarations of interest
    None were made.

    Agenda item 3: Anti-social behaviour hotspots
    Presented by: Tom Brown
    Tom Brown presented the quarterly figures.
    RESOLVED: that the hotspot plan be adopted.
    The Partnership noted the increase in reports.

    Agenda item 4: Domestic homicide review
    Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A of the Local
    Government Act 1972.

    Agenda item 5: Any other business
    None.
    """


def test_labelled_header_and_agenda_item_headings():
    draft = parse_document(_doc(LABELLED_MINUTES))
    assert [m.kind for m in draft.meetings] == ["minutes"]
    meeting = draft.meetings[0]
    assert meeting.board_name == "SAFER STOCKTON PARTNERSHIP"
    assert meeting.date == datetime.date(2024, 3, 5)
    assert (meeting.start, meeting.end) == (datetime.time(14), datetime.time(16, 30))
    assert meeting.venue == "Room 3, Civic Centre"
    assert meeting.chair == "Cllr Jane Smith"
    assert meeting.sources["venue"].line == 5
    assert [i.number for i in meeting.items] == ["1", "2", "3", "4", "5"]
    hotspots = meeting.items[2]
    assert hotspots.title == "Anti-social behaviour hotspots"
    assert hotspots.presenters == ["Tom Brown"]
    assert hotspots.decisions == [
        "RESOLVED: that the hotspot plan be adopted.",
        "The Partnership noted the increase in reports.",
    ]
    review = meeting.items[3]
    assert (review.restricted, review.restriction_paragraph) == (True, 3)
    assert not any(i.restricted for i in meeting.items if i is not review)


MINUTE_NUMBERS = """
    Minutes of the meeting of the Community Safety Board held on 14/11/2019 at 10.00am in
    Committee Room 2, Town Hall

    Present: A Jones (in the Chair), B Smith, C Patel

    Minute 19/41 Minutes of the last meeting
    The minutes were approved as a correct record.

    Minute 19/42 Serious violence duty
    1. Partners to share data.
    2. A needs assessment to follow.
    3. The strategy to be agreed in March.

    Minute 19/43 Date of next meeting
    Thursday 13 February 2020.
    """


def test_minute_numbers_and_a_numeric_date():
    meeting = parse_document(_doc(MINUTE_NUMBERS)).meetings[0]
    assert meeting.kind == "minutes"
    assert meeting.date == datetime.date(2019, 11, 14)
    assert meeting.board_name == "Community Safety Board"
    assert meeting.start == datetime.time(10)
    assert meeting.chair == "A Jones"
    assert [(i.number, i.title) for i in meeting.items] == [
        ("19/41", "Minutes of the last meeting"),
        ("19/42", "Serious violence duty"),
        ("19/43", "Date of next meeting"),
    ]
    assert meeting.items[0].decisions == ["The minutes were approved as a correct record."]
    assert "Partners to share data." in meeting.items[1].minutes


TABLE_AGENDA = """
    Health and Community Safety Board
    Agenda
    Wednesday 3rd July 2024, 6pm
    Place: The Guildhall

    No.\tItem\tLead\tTime\tPages
    1\tApologies\tChair\t5 mins\t
    2\tMinutes of the previous meeting\tChair\t5 mins\t3 - 8
    3\tYouth justice plan\tDr Ruth Hall\t20 mins\t9 - 30
    3.1\tYouth justice performance\tDr Ruth Hall\t10 mins\t31 - 35
    3.2\tRESTRICTED: Serious case review\tSam Lee\t10 mins\t
    4\tAny other business\tChair\t5 mins\t
    """


def test_a_table_agenda_with_a_header_row():
    meeting = parse_document(_doc(TABLE_AGENDA)).meetings[0]
    assert meeting.kind == "agenda"
    assert meeting.date == datetime.date(2024, 7, 3)
    assert meeting.start == datetime.time(18)
    assert meeting.venue == "The Guildhall"
    rows = [
        (i.number, i.parent_number, i.title, i.presenters, i.minutes_allowed, i.pages)
        for i in meeting.items
    ]
    assert rows == [
        ("1", "", "Apologies", ["Chair"], 5, ""),
        ("2", "", "Minutes of the previous meeting", ["Chair"], 5, "3 - 8"),
        ("3", "", "Youth justice plan", ["Dr Ruth Hall"], 20, "9 - 30"),
        ("3.1", "3", "Youth justice performance", ["Dr Ruth Hall"], 10, "31 - 35"),
        ("3.2", "3", "Serious case review", ["Sam Lee"], 10, ""),
        ("4", "", "Any other business", ["Chair"], 5, ""),
    ]
    assert [i.restricted for i in meeting.items] == [False, False, False, False, True, False]
    assert all(i.minutes == "" for i in meeting.items)  # an agenda records no minutes


LETTERED_AND_BRACKETED = """
    Notes of the Reducing Reoffending Group
    Thursday, 9 January 2025

    In attendance: Kim Ode, Lee Fry

    1) Welcome (Kim Ode)
    Kim welcomed members.
    2) Housing pathway - Lead: Lee Fry
    The group agreed to pilot the pathway.
    2a) Accommodation data
    Figures were shared.
    2b) Referral form
    The form was approved.
    3) Close
    """


def test_lettered_sub_items_and_presenters_in_brackets_or_after_lead():
    meeting = parse_document(_doc(LETTERED_AND_BRACKETED)).meetings[0]
    assert meeting.kind == "minutes"
    assert meeting.date == datetime.date(2025, 1, 9)
    assert [(i.number, i.parent_number) for i in meeting.items] == [
        ("1", ""),
        ("2", ""),
        ("2a", "2"),
        ("2b", "2"),
        ("3", ""),
    ]
    assert meeting.items[0].title == "Welcome"
    assert meeting.items[0].presenters == ["Kim Ode"]
    assert meeting.items[1].title == "Housing pathway"
    assert meeting.items[1].presenters == ["Lee Fry"]
    assert meeting.items[1].decisions == ["The group agreed to pilot the pathway."]


def test_a_numbered_list_inside_an_item_does_not_become_items():
    doc = _doc(
        """
        Minutes of the Safer Borough Board, 2 May 2024
        Present: Ann Lee (Chair), Bo Chan
        1. Apologies
        None.
        2. Violence reduction plan
        The board discussed the plan. Its priorities are:
        1. Knife crime
        2. Robbery
        3. Domestic abuse
        4. Night-time economy
        3. Any other business
        None.
        """
    )
    meeting = parse_document(doc).meetings[0]
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Apologies"),
        ("2", "Violence reduction plan"),
        ("3", "Any other business"),
    ]
    assert "4. Night-time economy" in meeting.items[1].minutes


def test_headings_mark_items_when_nothing_is_numbered():
    """An HTML or Word file whose items are headings, unnumbered."""
    texts = [
        ("Community Safety Partnership - minutes", True),
        ("Monday 4 March 2024, 10:00am - 12:00pm", False),
        ("Present: Ann Lee (Chair), Bo Chan", False),
        ("Welcome and apologies", True),
        ("Ann Lee welcomed everyone.", False),
        ("Hate crime update", True),
        (
            "Bo Chan presented the update. The board agreed to fund two more reporting centres.",
            False,
        ),
        ("Any other business", True),
        ("None.", False),
    ]
    lines = [
        Line(text=t, where=Where(file="x.html", line=n), heading=h)
        for n, (t, h) in enumerate(texts, start=1)
    ]
    draft = parse_document(SourceDocument(name="x.html", kind="html", sha256="0", lines=lines))
    meeting = draft.meetings[0]
    assert meeting.kind == "minutes"
    assert meeting.date == datetime.date(2024, 3, 4)
    assert (meeting.start, meeting.end) == (datetime.time(10), datetime.time(12))
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Welcome and apologies"),
        ("2", "Hate crime update"),
        ("3", "Any other business"),
    ]
    assert meeting.items[1].presenters == ["Bo Chan"]
    assert meeting.items[1].decisions == ["The board agreed to fund two more reporting centres."]


PACK = """
    NOTICE OF MEETING
    Safer Kirklees Partnership Board
    Thursday 10 October 2024 at 2pm
    Venue: Council Chamber

    AGENDA
    1. Apologies for absence
    2. Minutes of the last meeting (Pages 3 - 6)
    3. Prevent annual assurance (Pages 7 - 12)
    4. Performance report (Pages 13 - 20)

    This page is intentionally left blank

    Safer Kirklees Partnership Board
    Thursday 11 July 2024
    Present: Ann Lee (Chair), Bo Chan, Cy Dee
    1. Apologies for absence
    Apologies were received from Di Ewe.
    2. Community safety plan
    The board approved the plan.

    This page is intentionally left blank

    SAFER KIRKLEES PARTNERSHIP
    REPORT
    Title: Prevent Annual Assurance Statement
    Date: 10 October 2024
    Author: Fay Gee
    Security: RESTRICTED

    1. Purpose of the report
    2. Recommendations

    Appendix A - notes of the Prevent steering group
    Prevent Steering Group
    Wednesday 4 September 2024
    Present: Fay Gee, Hal Ink
    1. Channel panel referrals
    """


def test_a_pack_holds_an_agenda_and_earlier_minutes_but_its_reports_are_not_meetings():
    draft = parse_document(_doc(PACK))
    assert [(m.kind, m.date) for m in draft.meetings] == [
        ("agenda", datetime.date(2024, 10, 10)),
        ("minutes", datetime.date(2024, 7, 11)),
    ]
    agenda, minutes = draft.meetings
    assert agenda.venue == "Council Chamber"
    assert agenda.start == datetime.time(14)
    assert [i.title for i in agenda.items] == [
        "Apologies for absence",
        "Minutes of the last meeting",
        "Prevent annual assurance",
        "Performance report",
    ]
    assert [i.restricted for i in agenda.items] == [False, False, True, False]
    assert any("Prevent Annual Assurance Statement" in w for w in agenda.warnings)
    assert [i.title for i in minutes.items] == ["Apologies for absence", "Community safety plan"]
    assert minutes.items[1].decisions == ["The board approved the plan."]
    assert agenda.last_line < minutes.first_line
    # the report's own numbered sections and its appendix's items belong to no meeting
    assert minutes.last_line < 30


def test_an_action_log_is_a_part_of_its_own():
    doc = _doc(
        """
        Action log
        No.\tAction\tOwner\tDue date\tStatus
        1\tCirculate the plan\tAnn Lee\t01/05/2024\tOpen
        2\tBook the venue\tBo Chan\t01/06/2024\tClosed
        """
    )
    draft = parse_document(doc)
    assert [m.kind for m in draft.meetings] == ["action_log"]
    assert draft.meetings[0].items == []
    assert draft.meetings[0].date is None  # the rows' dates are the actions', not a meeting's


def test_a_weekday_that_is_not_the_dates_is_a_warning():
    meeting = MeetingDraft(kind="minutes")
    doc = _doc("Community Safety Board\nWednesday 9 December 2023, 10:00\n1. Apologies")
    header.read_header(doc.lines, meeting)
    assert meeting.date == datetime.date(2023, 12, 9)
    assert any("Wednesday" in w and "Saturday" in w for w in meeting.warnings)


def test_two_dates_in_a_header_are_a_warning():
    meeting = MeetingDraft(kind="minutes")
    doc = _doc("Community Safety Board\nDate: 4 March 2024\nMinutes of 5 March 2024\n1. Apologies")
    header.read_header(doc.lines, meeting)
    assert meeting.date == datetime.date(2024, 3, 4)
    assert any("5 March 2024" in w for w in meeting.warnings)


@pytest.mark.parametrize(
    ("text", "date", "start", "end"),
    [
        ("Wednesday, 28 March 2018 - 10:00 am - 1:00 pm", "2018-03-28", "10:00", "13:00"),
        ("28th March 2018 10.00 am", "2018-03-28", "10:00", None),
        ("Date: 28/03/2018 Time: 2.00 pm", "2018-03-28", "14:00", None),
        ("Date: Wednesday 11 December 2019", "2019-12-11", None, None),
        ("Wednesday 13 December 2017, 1.00-4.00pm", "2017-12-13", "13:00", "16:00"),
        ("Wednesday 8 December 2021 10:00am-13:00pm", "2021-12-08", "10:00", "13:00"),
        ("March 28, 2018 at 6:30pm", "2018-03-28", "18:30", None),
    ],
)
def test_header_dates_and_times(text, date, start, end):
    meeting = MeetingDraft(kind="minutes")
    header.read_header(_doc(f"Community Safety Board\n{text}\n1. Apologies").lines, meeting)
    assert meeting.date == datetime.date.fromisoformat(date)
    assert meeting.start == (datetime.time.fromisoformat(start) if start else None)
    assert meeting.end == (datetime.time.fromisoformat(end) if end else None)


@pytest.mark.parametrize(
    "text",
    ["", "\n\n\n", "\x0c\t\t|", "1.\n2.\n3.", "(" * 5000, "Minutes\n" * 300, "1. A\n" * 2000],
)
def test_odd_input_never_crashes(text):
    try:
        document = read_document(text.encode(), "odd.txt")
    except UnreadableDocument:
        assert not text.strip(), "only a file with no text is refused"
        return
    draft = parse_document(document)
    for meeting in draft.meetings:
        assert meeting.kind in ("agenda", "minutes", "agenda_and_minutes", "action_log", "unknown")


def test_segments_and_items_are_plain_functions_of_lines():
    lines = _doc("Agenda and minutes\nSafety Board\n5 June 2024\n15 mins\nKnife crime").lines
    parts = segments.split_meetings(lines)
    assert [p.kind for p in parts] == ["agenda_and_minutes"]
    meeting = MeetingDraft(kind=parts[0].kind)
    items.read_items(parts[0].lines, meeting)
    assert [(i.number, i.title, i.minutes_allowed) for i in meeting.items] == [
        ("1", "Knife crime", 15)
    ]


CAPITALS = """
    Stockport Metropolitan Borough Council
    Safer Stockport Partnership
    Minutes of the meeting held on Monday 3 June 2024
    Venue:
    Fred Perry House, Edward Street

    Present: Cllr A Brown (Chair), D Green, F Hope

    WELCOME AND APOLOGIES
    Apologies were received from G Ink.

    MINUTES OF THE LAST MEETING
    The minutes were agreed as a correct record.

    SERIOUS VIOLENCE DUTY
    ACTION: D Green to circulate the needs assessment.

    ANY OTHER BUSINESS
    None.
    """


def test_capital_headings_in_plain_text_mark_unnumbered_items():
    meeting = parse_document(_doc(CAPITALS)).meetings[0]
    assert meeting.kind == "minutes"
    assert meeting.board_name == "Safer Stockport Partnership"  # not the council's name
    assert meeting.date == datetime.date(2024, 6, 3)
    assert meeting.venue == "Fred Perry House, Edward Street"  # the line under "Venue:"
    assert meeting.chair == "Cllr A Brown"
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "WELCOME AND APOLOGIES"),
        ("2", "MINUTES OF THE LAST MEETING"),
        ("3", "SERIOUS VIOLENCE DUTY"),
        ("4", "ANY OTHER BUSINESS"),
    ]
    assert any("not numbered" in w for w in meeting.warnings)


PRIVATE_PART = """
    Community Safety Partnership Board - Agenda
    Thursday 12 September 2024, 10.00 am
    Location: Room 1, Town Hall

    1.0 Apologies
    2.0 Minutes of the previous meeting
    3.0 Exclusion of the press and public
    To resolve that the public be excluded for the following items, which involve the likely
    disclosure of exempt information as defined in paragraph 7 of Part 1 of Schedule 12A.
    4.0 Offender management case review
    5.0 Contract award: victim services
    """


def test_items_after_the_exclusion_of_the_press_and_public_are_restricted():
    meeting = parse_document(_doc(PRIVATE_PART)).meetings[0]
    assert meeting.kind == "agenda"
    assert [i.number for i in meeting.items] == ["1", "2", "3", "4", "5"]
    assert [(i.restricted, i.restriction_paragraph) for i in meeting.items] == [
        (False, None),
        (False, None),
        (False, None),
        (True, 7),
        (True, 7),
    ]


def test_a_part_two_heading_restricts_the_items_below_it():
    doc = _doc(
        """
        Agenda
        Safer Neighbourhoods Board, 1 October 2024
        1. Apologies
        2. Police update
        PART 2 - NOT FOR PUBLICATION
        3. Case review
        """
    )
    meeting = parse_document(doc).meetings[0]
    assert [(i.number, i.restricted) for i in meeting.items] == [
        ("1", False),
        ("2", False),
        ("3", True),
    ]


def test_minutes_numbered_through_the_year_and_numbered_paragraphs():
    doc = _doc(
        """
        Community Safety Partnership
        Minutes, 20 November 2024
        Present: Ann Lee (Chair), Bo Chan
        45. Apologies
        None.
        46. Hate crime strategy
        46.1 The board received the draft strategy and discussed its priorities at length.
        46.2 The board agreed the strategy subject to minor changes.
        47. Any other business
        47 (a) Winter night shelter
        """
    )
    meeting = parse_document(doc).meetings[0]
    assert [(i.number, i.parent_number) for i in meeting.items] == [
        ("45", ""),
        ("46", ""),
        ("47", ""),
        ("47(a)", "47"),
    ]
    assert meeting.items[1].decisions == [
        "46.2 The board agreed the strategy subject to minor changes."
    ]


def test_a_purpose_column_is_not_a_presenter():
    doc = _doc(
        """
        Agenda
        Youth Justice Board, 4 April 2024
        Item\tTitle\tPurpose\tLead
        1\tApologies\tFor information\tChair
        2\tRemand review\tFor decision\tMaya Shah
        """
    )
    meeting = parse_document(doc).meetings[0]
    assert [(i.title, i.presenters) for i in meeting.items] == [
        ("Apologies", ["Chair"]),
        ("Remand review", ["Maya Shah"]),
    ]


def test_markings_under_or_after_a_title_restrict_the_item():
    doc = _doc(
        """
        Reducing Reoffending Board
        Agenda for the meeting on 2 December 2024
        1. Apologies
        2. IOM cohort review (Exempt)
        3. Prison leavers' housing
        RESTRICTED
        4. Unrestricted performance summary
        UNRESTRICTED
        """
    )
    meeting = parse_document(doc).meetings[0]
    assert [(i.title, i.restricted) for i in meeting.items] == [
        ("Apologies", False),
        ("IOM cohort review", True),
        ("Prison leavers' housing", True),
        ("Unrestricted performance summary", False),
    ]


def test_a_document_without_a_marker_is_minutes_when_it_gives_apologies():
    doc = _doc(
        """
        Violence Against Women and Girls Subgroup, 7 May 2024
        Apologies: Ann Lee, Bo Chan
        1. Refuge capacity
        The group noted the waiting list.
        """
    )
    assert [m.kind for m in parse_document(doc).meetings] == ["minutes"]


def test_a_resolution_takes_the_list_under_it():
    doc = _doc(
        """
        Minutes of the Safer Communities Board, 9 September 2024
        Present: Ann Lee (Chair), Bo Chan
        1. Community safety plan
        Bo Chan introduced the plan. Stuart said it is not wholly agreed upon by the police.
        RESOLVED that:
        (a) the plan be approved;
        (b) a review take place in March.
        The meeting closed at 4pm.
        """
    )
    item = parse_document(doc).meetings[0].items[0]
    assert item.decisions == [
        "RESOLVED that: (a) the plan be approved; (b) a review take place in March."
    ]
    assert item.presenters == ["Bo Chan"]


def test_an_action_table_inside_minutes_stays_with_them():
    doc = _doc(
        """
        Minutes of the Community Safety Board, 6 March 2024
        Present: Ann Lee (Chair), Bo Chan
        1. Apologies
        None.
        2. Matters arising
        Action\tOwner\tDue\tStatus
        Share the data\tBo Chan\t01/04/2024\tOpen
        3. Knife crime
        The board noted the figures.
        """
    )
    draft = parse_document(doc)
    assert [m.kind for m in draft.meetings] == ["minutes"]
    assert [i.title for i in draft.meetings[0].items] == [
        "Apologies",
        "Matters arising",
        "Knife crime",
    ]


def test_two_sets_of_minutes_in_one_file_are_two_meetings():
    doc = _doc(
        """
        Minutes of the meeting of the Safety Board held on 1 May 2024
        Present: Ann Lee
        1. Apologies
        2. Any other business

        Minutes of the meeting of the Safety Board held on 7 August 2024
        Present: Ann Lee, Bo Chan
        1. Apologies
        2. Hate crime
        """
    )
    draft = parse_document(doc)
    assert [(m.kind, m.date, len(m.items)) for m in draft.meetings] == [
        ("minutes", datetime.date(2024, 5, 1), 2),
        ("minutes", datetime.date(2024, 8, 7), 2),
    ]
    assert draft.meetings[0].board_name == "Safety Board"


def test_an_item_titled_as_minutes_does_not_start_a_meeting():
    doc = _doc(
        """
        Agenda and minutes
        Health and Wellbeing Board
        Tuesday, 4 June 2024 2.00 pm
        5 mins
        Minutes of the meeting held on 12 March 2024
        The minutes were confirmed as a correct record.
        10 mins
        Drug and alcohol strategy
        """
    )
    draft = parse_document(doc)
    assert [(m.kind, m.date) for m in draft.meetings] == [
        ("agenda_and_minutes", datetime.date(2024, 6, 4))
    ]
    assert [(i.number, i.title) for i in draft.meetings[0].items] == [
        ("1", "Minutes of the meeting held on 12 March 2024"),
        ("2", "Drug and alcohol strategy"),
    ]


def test_the_chair_named_in_the_opening_words_and_lists_that_are_not_sub_items():
    doc = _doc(
        """
        Safer Communities Board minutes, 14 October 2024
        1. Welcome
        Councillor Mullane, the board's chair, opened the meeting.
        2. Serious violence duty
        The duty's aims are:
        (i) Prevent violence
        (ii) Reduce harm
        (a) The strategy be published.
        3. Close
        """
    )
    meeting = parse_document(doc).meetings[0]
    assert meeting.chair == "Councillor Mullane"
    assert [(i.number, i.parent_number) for i in meeting.items] == [
        ("1", ""),
        ("2", ""),
        ("3", ""),
    ]
    assert "(ii) Reduce harm" in meeting.items[1].minutes


def test_a_moderngov_page_as_the_html_reader_gives_it():
    """Lines as the HTML reader gives a ModernGov "Agenda and minutes" page: headings, the
    number cell's "1." on a line of its own, "Minutes:" labels, link sizes after titles."""
    texts = [
        ("Agenda and minutes", True),
        ("Safer Neighbourhood Board", True),
        ("Date: Tuesday, 14th May, 2024 6.30 pm", False),
        ("Venue: Committee Room 1, Civic Centre", False),
        ("Items", True),
        ("1.", False),
        ("Apologies for absence", False),
        ("Minutes:", False),
        ("Apologies were received from Cllr Bee.", False),
        ("2.", False),
        ("Police update PDF 200 KB", False),
        ("Minutes:", False),
        ("Inspector Dee presented the update. RESOLVED: That the update be noted.", False),
        ("3.", False),
        ("Exclusion of the press and public", False),
        ("Minutes:", False),
        (
            "RESOLVED that the public be excluded under paragraph 1 of Part 1 of Schedule 12A.",
            False,
        ),
        ("4.", False),
        ("Case review", False),
        ("Minutes:", False),
        ("The board discussed the case.", False),
    ]
    lines = [
        Line(text=t, where=Where(file="page.html", line=n), heading=h)
        for n, (t, h) in enumerate(texts, start=1)
    ]
    draft = parse_document(SourceDocument(name="page.html", kind="html", sha256="0", lines=lines))
    [meeting] = draft.meetings
    assert (meeting.kind, meeting.board_name) == ("agenda_and_minutes", "Safer Neighbourhood Board")
    assert (meeting.date, meeting.start) == (datetime.date(2024, 5, 14), datetime.time(18, 30))
    assert meeting.venue == "Committee Room 1, Civic Centre"
    rows = [(i.number, i.title, i.restricted, i.restriction_paragraph) for i in meeting.items]
    assert rows == [
        ("1", "Apologies for absence", False, None),
        ("2", "Police update", False, None),
        ("3", "Exclusion of the press and public", False, None),
        ("4", "Case review", True, 1),
    ]
    assert meeting.items[1].presenters == ["Inspector Dee"]
    assert meeting.items[1].decisions == ["RESOLVED: That the update be noted."]
    assert meeting.items[0].minutes == "Apologies were received from Cllr Bee."


def test_word_minutes_as_the_docx_reader_gives_them():
    """Headings for items, a bold run of its own ("Key points") under one, and an action
    table in the middle of the minutes, which stays with them."""
    rows = [
        ("Safer Leeds Executive - Minutes", (), True),
        ("Thursday 6 June 2024, 2pm - 4pm, Civic Hall", (), False),
        ("Present: Ann Lee (Chair), Bo Chan, Cy Dee", (), False),
        ("Welcome and apologies", (), True),
        ("Apologies were received from Di Ewe.", (), False),
        ("Anti-social behaviour", (), True),
        ("Key points", (), True),
        ("The Executive agreed to extend the PSPO.", (), False),
        ("Action\tOwner\tDue", ("Action", "Owner", "Due"), False),
        ("Extend PSPO\tBo Chan\tJuly 2024", ("Extend PSPO", "Bo Chan", "July 2024"), False),
        ("Any other business", (), True),
        ("None.", (), False),
    ]
    lines = [
        Line(text=t, where=Where(file="m.docx", line=n), cells=c, heading=h)
        for n, (t, c, h) in enumerate(rows, start=1)
    ]
    draft = parse_document(SourceDocument(name="m.docx", kind="docx", sha256="0", lines=lines))
    [meeting] = draft.meetings
    assert (meeting.kind, meeting.board_name) == ("minutes", "Safer Leeds Executive")
    assert (meeting.start, meeting.end, meeting.venue) == (
        datetime.time(14),
        datetime.time(16),
        "Civic Hall",
    )
    assert [i.title for i in meeting.items] == [
        "Welcome and apologies",
        "Anti-social behaviour",
        "Any other business",
    ]
    assert meeting.items[1].decisions == ["The Executive agreed to extend the PSPO."]
    assert "Extend PSPO" in meeting.items[1].minutes


def test_capitals_throughout_and_minute_numbers_without_the_word():
    doc = _doc(
        """
        SAFER BRENT PARTNERSHIP
        MINUTES OF THE MEETING HELD ON WEDNESDAY 15 MARCH 2023 AT 2.00 PM
        PRESENT: Councillor Ann Lee (Chair), Bo Chan
        23/01 APOLOGIES FOR ABSENCE
        Apologies were received from Cy Dee.
        23/02 MINUTES OF THE PREVIOUS MEETING
        RESOLVED that the minutes of the meeting held on 14 December 2022 be approved.
        23/03 HATE CRIME
        3.1 Noted.
        3.2 Reporting centres
        """
    )
    meeting = parse_document(doc).meetings[0]
    assert (meeting.kind, meeting.board_name) == ("minutes", "SAFER BRENT PARTNERSHIP")
    assert (meeting.date, meeting.start) == (datetime.date(2023, 3, 15), datetime.time(14))
    assert meeting.chair == "Councillor Ann Lee"
    assert [i.number for i in meeting.items] == ["23/01", "23/02", "23/03"]
    assert meeting.items[1].decisions == [
        "RESOLVED that the minutes of the meeting held on 14 December 2022 be approved."
    ]


def test_a_forward_plan_table_inside_minutes_does_not_end_them():
    doc = _doc(
        """
        Minutes of the Community Safety Board, 6 March 2024
        Present: Ann Lee (Chair)
        1. Forward plan
        Forward Plan
        Date of meeting\tItem\tPresenter
        5 June 2024\tCCTV review\tBo Chan
        2. Any other business
        None.
        """
    )
    [meeting] = parse_document(doc).meetings
    assert [i.title for i in meeting.items] == ["Forward plan", "Any other business"]


def test_a_forward_plan_in_a_pack_marks_the_meetings_restricted_items():
    doc = _doc(
        """
        Agenda
        Safer Borough Board, Tuesday 8 October 2024
        1. Apologies
        2. Prevent update
        3. Knife crime

        This page is intentionally left blank

        Forward Plan
        Date of meeting\tItem\tPresenter
        8 October 2024\tRESTRICTED: Prevent Update\tSam Lee
        \tKnife crime\tBo Chan
        14 January 2025\tRESTRICTED: Knife crime\tBo Chan
        """
    )
    agenda = parse_document(doc).meetings[0]
    assert [(i.title, i.restricted) for i in agenda.items] == [
        ("Apologies", False),
        ("Prevent update", True),
        ("Knife crime", False),  # restricted in January's plan, not this meeting's
    ]


def test_a_pdf_packs_item_stamp_atop_a_page_is_not_an_item():
    texts = [
        (1, "Community Safety Board"),
        (1, "Minutes, 4 March 2024"),
        (1, "Present: Ann Lee (Chair)"),
        (1, "1. Apologies"),
        (2, "Agenda Item 3"),
        (2, "2. Knife crime"),
        (2, "The board noted the figures."),
    ]
    lines = [
        Line(text=t, where=Where(file="p.pdf", line=n, page=page))
        for n, (page, t) in enumerate(texts, start=1)
    ]
    [meeting] = parse_document(
        SourceDocument(name="p.pdf", kind="pdf", sha256="0", lines=lines)
    ).meetings
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Apologies"),
        ("2", "Knife crime"),
    ]


def test_an_html_agenda_with_lettered_and_roman_sub_lists():
    page = (
        "<html><body><h1>Harbourside Community Safety Committee</h1>"
        "<p>Wednesday 12 March 2025, 7.00 pm, Harbour Room</p><h2>Agenda</h2><ol>"
        "<li>Apologies</li><li>Partner reports<ol type='A'><li>Police</li>"
        "<li>Probation</li></ol></li><li>Youth provision<ol type='i'><li>Summer activities</li>"
        "<li>Detached youth work</li></ol></li><li>Any other business</li></ol></body></html>"
    )
    draft = parse_document(read_document(page.encode(), "agenda.html"))
    (meeting,) = draft.meetings
    assert [(i.number, i.parent_number, i.title) for i in meeting.items] == [
        ("1", "", "Apologies"),
        ("2", "", "Partner reports"),
        ("(a)", "2", "Police"),
        ("(b)", "2", "Probation"),
        ("3", "", "Youth provision"),
        ("(i)", "3", "Summer activities"),
        ("(ii)", "3", "Detached youth work"),
        ("4", "", "Any other business"),
    ]


def test_an_item_table_whose_item_cells_hold_the_title_and_the_minutes():
    page = (
        "<html><body><h1>Kingsmere Community Safety Board - Tuesday, 4th March, 2025 6.00 pm</h1>"
        "<table><tr><th>Item</th><th>Subject</th></tr>"
        "<tr><td>12.</td><td><p>Welcome and apologies</p><p>The Chair welcomed members. "
        "Apologies were given by Ms Ruth Dale.</p></td></tr>"
        "<tr><td>13.</td><td><p>Safer streets fund bid</p><p>ACTION: Ivan Cole to submit the "
        "bid by 28 March 2025.</p></td></tr>"
        "<tr><td>14.</td><td><p>Any other business</p></td></tr>"
        "</table></body></html>"
    )
    draft = parse_document(read_document(page.encode(), "minutes.html"))
    (meeting,) = draft.meetings
    assert [(i.number, i.title) for i in meeting.items] == [
        ("12", "Welcome and apologies"),
        ("13", "Safer streets fund bid"),
        ("14", "Any other business"),
    ]
    (action,) = meeting.actions
    assert (action.owners, action.item_number) == (["Ivan Cole"], "13")


@pytest.mark.parametrize(
    ("wording", "last_restricted"),
    [
        ("during consideration of the next item of business", False),
        ("for the remaining items of business", True),
    ],
)
def test_an_exclusion_for_one_item_leaves_the_items_after_it_open(wording, last_restricted):
    draft = parse_document(
        _doc(
            f"""
            Minutes of the Oakfield Safer Communities Panel, 3 June 2025

            9. Exclusion of the public
            The public were excluded {wording}, as it involves exempt information under
            paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.

            10. Youth diversion contract
            The Panel agreed the award.

            11. Close of meeting
            The meeting closed at 8.15 pm.
            """
        )
    )
    (meeting,) = draft.meetings
    found = {i.number: (i.restricted, i.restriction_paragraph) for i in meeting.items}
    assert found["9"] == (False, None)
    assert found["10"] == (True, 3)
    assert found["11"] == ((True, 3) if last_restricted else (False, None))


def test_an_action_log_without_a_date_is_the_one_presented_at_the_documents_meeting():
    from cspboard.imports.minutes.draft import ActionDraft
    from cspboard.imports.minutes.parse import _date_action_logs

    agenda = MeetingDraft(kind="agenda", date=datetime.date(2024, 3, 7))
    minutes = MeetingDraft(kind="minutes", date=datetime.date(2023, 12, 5))
    log = MeetingDraft(kind="action_log", actions=[ActionDraft(text="Send the plan")])
    empty = MeetingDraft(kind="action_log")
    _date_action_logs([agenda, minutes, log, empty])
    assert log.date == datetime.date(2024, 3, 7)
    assert (
        "presented at the meeting of 07 March 2024, the meeting this document is for"
        in (log.warnings[0])
    )
    assert empty.date is None  # nothing in it: passed over when written

    # Minutes with their log after them, and no agenda: the minutes' meeting.
    log = MeetingDraft(kind="action_log", actions=[ActionDraft(text="Send the plan")])
    _date_action_logs([minutes, log])
    assert log.date == datetime.date(2023, 12, 5)
