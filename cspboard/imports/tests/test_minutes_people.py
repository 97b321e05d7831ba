"""The people half of the minutes parser: attendance, declarations and actions.

Most tests are short documents laid out as other partnerships lay out their minutes; the last
ones read the five seed packs and compare with the demo's hand-built record."""

from __future__ import annotations

import datetime
import difflib
import io
import pathlib
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspboard.core.tests.shared_data import shared_data_missing
from cspboard.documents.readers import (
    Line,
    UnreadableDocument,
    Where,
    read_document,
    read_path,
)
from cspboard.imports.minutes.actions import read_actions
from cspboard.imports.minutes.attendance import read_attendance
from cspboard.imports.minutes.draft import ItemDraft, MeetingDraft, from_json, to_json
from cspboard.imports.minutes.names import cut_name, looks_like_person
from cspboard.imports.minutes.parse import parse_document

SEEDS = pathlib.Path(__file__).resolve().parents[4] / "shared" / "seeds"
DEMO = pathlib.Path(__file__).resolve().parents[2] / "demo" / "data"


def _lines(text: str, name: str = "x.txt") -> list[Line]:
    return read_document(text.encode(), name).lines


def _attendance(text: str) -> MeetingDraft:
    meeting = MeetingDraft()
    read_attendance(_lines(text), meeting)
    return meeting


def _people(meeting: MeetingDraft, status: str = "present") -> list[str]:
    return [p.name for p in meeting.attendance if p.status == status]


def _person(meeting: MeetingDraft, name: str):
    (found,) = [p for p in meeting.attendance if p.name == name]
    return found


# -- attendance: layouts -----------------------------------------------------------------------


def test_attendees_one_a_line_with_initials_post_and_organisation():
    meeting = _attendance(
        "Safer Borough Partnership\n"
        "Minutes of the meeting held on 4 May 2022\n\n"
        "Attendees\n"
        "Jonathon Toy (JT), Director of Community Safety, LBBD\n"
        "Supt Mary Field (MF), Metropolitan Police Service\n"
        "Dr Ann Lee, Consultant in Public Health\n\n"
        "Apologies\n"
        "Cllr Worby\n"
        "Raj Patel, Victim Support\n\n"
        "1. Welcome and introductions\n"
        "The chair welcomed everyone.\n"
    )
    assert _people(meeting) == ["Jonathon Toy", "Supt Mary Field", "Dr Ann Lee"]
    assert _people(meeting, "apologies") == ["Cllr Worby", "Raj Patel"]
    toy = _person(meeting, "Jonathon Toy")
    assert (toy.initials, toy.role, toy.organisation) == (
        "JT",
        "Director of Community Safety",
        "LBBD",
    )
    field = _person(meeting, "Supt Mary Field")
    assert (field.initials, field.organisation) == ("MF", "Metropolitan Police Service")
    assert _person(meeting, "Dr Ann Lee").role == "Consultant in Public Health"
    assert _person(meeting, "Raj Patel").organisation == "Victim Support"
    assert toy.where == Where(file="x.txt", line=5)


def test_run_on_list_with_chair_substitutes_and_note_taker():
    meeting = _attendance(
        "Present: Cllr Worby (Chair), Anne Bristow, Supt Jo Kay for Chief Supt Stuart Bell,\n"
        "Priya Shah (substitute for Tom Reed), Ken Ode (NOTE TAKER)\n"
        "Also present: Gail Moss (Community Safety Officer), Ian Hart\n"
        "Apologies for absence: Tom Reed and Stuart Bell.\n"
        "Minute taker: Jo Bloggs\n\n"
        "Minutes\n"
        "1. Apologies\n"
    )
    assert _people(meeting) == [
        "Cllr Worby",
        "Anne Bristow",
        "Supt Jo Kay",
        "Priya Shah",
        "Ken Ode",
        "Gail Moss",
        "Ian Hart",
        "Jo Bloggs",
    ]
    assert _people(meeting, "apologies") == ["Tom Reed", "Stuart Bell"]
    assert meeting.chair == "Cllr Worby"
    assert _person(meeting, "Cllr Worby").role == "Chair"
    kay = _person(meeting, "Supt Jo Kay")
    assert (kay.capacity, kay.substitute_for) == ("substitute", "Chief Supt Stuart Bell")
    shah = _person(meeting, "Priya Shah")
    assert (shah.capacity, shah.substitute_for) == ("substitute", "Tom Reed")
    assert _person(meeting, "Ken Ode").capacity == "note_taker"
    assert _person(meeting, "Jo Bloggs").capacity == "note_taker"
    moss = _person(meeting, "Gail Moss")
    assert (moss.capacity, moss.role) == ("officer", "Community Safety Officer")
    assert _person(meeting, "Ian Hart").capacity == "officer"
    assert meeting.sources["chair"].line == 1


def test_membership_table_under_members_present_stops_at_the_first_item():
    meeting = _attendance(
        "Members present\n"
        "Name\tPost title\tOrganisation\n"
        "Cllr Syed Ghani (Chair)\tCabinet Member for Enforcement\tLBBD\n"
        "Fiona Taylor\tChief Executive\tLondon Borough of Barking and Dagenham\n"
        "Narinder Dail\tBorough Commander\tLondon Fire Brigade\n"
        "\n"
        "1. Welcome\n"
        "Kevin Makambe\tHead of Triage\tLBBD\n"
    )
    assert _people(meeting) == ["Cllr Syed Ghani", "Fiona Taylor", "Narinder Dail"]
    ghani = _person(meeting, "Cllr Syed Ghani")
    assert (ghani.role, ghani.organisation) == ("Chair, Cabinet Member for Enforcement", "LBBD")
    dail = _person(meeting, "Narinder Dail")
    assert (dail.role, dail.organisation) == ("Borough Commander", "London Fire Brigade")
    assert meeting.chair == "Cllr Syed Ghani"


def test_a_table_with_an_attendance_column_needs_no_heading():
    meeting = _attendance(
        "Name\tOrganisation\tAttendance\n"
        "Sam Hill\tProbation Service\tPresent\n"
        "Lee Chan\tLBBD\tApologies\n"
        "Ola Ade\tNHS North East London\tAbsent\n"
    )
    assert _people(meeting) == ["Sam Hill"]
    assert _people(meeting, "apologies") == ["Lee Chan"]
    assert _people(meeting, "absent") == ["Ola Ade"]
    assert _person(meeting, "Sam Hill").organisation == "Probation Service"


def test_a_membership_table_without_attendance_is_not_attendance():
    meeting = _attendance(
        "Membership\n"
        "Name\tPost title\tOrganisation\n"
        "Fiona Taylor\tChief Executive\tLBBD\n"
        "Members: Fiona Taylor (Chair); Rita Chadha, Matthew Cole\n"
    )
    assert meeting.attendance == []


def test_apologies_in_a_sentence_and_in_attendance_beside_present():
    meeting = _attendance(
        "Present: Cllr Amy Stone (Chair), Rob Dean\n"
        "In attendance: Lucy Grey (Democratic Services)\n\n"
        "1. Apologies for absence\n"
        "Apologies for absence were received from Cllr Bell and Dr Omar Khan.\n"
    )
    assert _people(meeting, "apologies") == ["Cllr Bell", "Dr Omar Khan"]
    assert _person(meeting, "Lucy Grey").capacity == "officer"
    assert _person(meeting, "Rob Dean").capacity == "member"


def test_in_attendance_alone_lists_the_members():
    meeting = _attendance("In attendance:\nAmy Stone\nRob Dean\n\nItem 1 Welcome\n")
    assert [(p.name, p.capacity) for p in meeting.attendance] == [
        ("Amy Stone", "member"),
        ("Rob Dean", "member"),
    ]


def test_headings_from_a_word_or_html_document():
    def line(number, text, heading=False, cells=()):
        return Line(text=text, where=Where("m.docx", number), heading=heading, cells=cells)

    lines = [
        line(1, "Present", heading=True),
        line(2, "Anne Smith – Chair, Safer Communities Board"),
        line(3, "Bob Jones – Head of Housing, Riverside Council"),
        line(4, "Guests", heading=True),
        line(5, "Carol White, Youth Zone"),
        line(6, "Welcome and introductions", heading=True),
        line(7, "Dan Green, a resident, asked about lighting."),
    ]
    meeting = MeetingDraft()
    read_attendance(lines, meeting)
    assert [(p.name, p.capacity) for p in meeting.attendance] == [
        ("Anne Smith", "member"),
        ("Bob Jones", "member"),
        ("Carol White", "guest"),
    ]
    jones = _person(meeting, "Bob Jones")
    assert (jones.role, jones.organisation) == ("Head of Housing", "Riverside Council")
    assert meeting.chair == "Anne Smith"
    assert _person(meeting, "Carol White").organisation == "Youth Zone"


def test_label_in_the_first_cell_of_a_table_row():
    meeting = _attendance(
        "Present\tAmy Stone (AS), Rob Dean (RD)\nApologies\tTim Wood\nItem\tMinutes\n"
    )
    assert _people(meeting) == ["Amy Stone", "Rob Dean"]
    assert _people(meeting, "apologies") == ["Tim Wood"]
    assert _person(meeting, "Rob Dean").initials == "RD"


def test_initials_defined_in_the_minutes_text_reach_the_attendee():
    meeting = _attendance(
        "Present: Jonathan Toy, Daniel James, Sara Lim\n\n"
        "1. Strategic assessment\n"
        "The board saw the Strategic Assessment. Daniel James (DJ) presented it. "
        "Jonathon Toy (JT) asked about it.\n"
    )
    assert _person(meeting, "Daniel James").initials == "DJ"
    assert _person(meeting, "Jonathan Toy").initials == "JT"
    assert _person(meeting, "Sara Lim").initials == ""


def test_names_run_together_are_split_and_posts_cut_from_names():
    meeting = _attendance(
        "Present: Tom Hale Director of Enforcement, Rita Chadha Matthew Cole, Ann Ray\n"
    )
    assert _people(meeting) == ["Tom Hale", "Rita Chadha", "Matthew Cole", "Ann Ray"]
    assert _person(meeting, "Tom Hale").role == "Director of Enforcement"
    assert any("Rita Chadha Matthew Cole" in w and "two people" in w for w in meeting.warnings)


def test_prose_and_reports_give_no_attendance():
    meeting = _attendance(
        "Attendance\n"
        "43 young people attended, drawn from the following schools.\n"
        "Present day crime figures show a fall.\n"
        "Minutes:\n"
        "The chair opened the meeting and apologies were noted.\n"
        "Apologies were noted.\n"
        "Apologies: None.\n"
    )
    assert meeting.attendance == []


def test_a_second_present_list_far_below_is_another_meetings():
    filler = "The board discussed the report.\n" * 60
    meeting = _attendance(f"Present: Amy Stone, Rob Dean\n{filler}Present: Zed Zane, Yan Yu\n")
    assert _people(meeting) == ["Amy Stone", "Rob Dean"]
    assert any("another meeting" in w for w in meeting.warnings)


def test_the_same_person_twice_in_a_list_is_one_attendee():
    meeting = _attendance("Apologies: Rita Chadha, Matthew Cole, Rita Chadha.\n")
    assert _people(meeting, "apologies") == ["Rita Chadha", "Matthew Cole"]


def test_without_a_list_the_people_recorded_speaking_are_proposed_with_a_warning():
    text = (
        "3. Knife crime update\n"
        "Inspector Ravi Nair presented the figures. Councillor Amy Stone, Cabinet Member for "
        "Enforcement, also asked about Heathway. The CDSA highlighted three priorities.\n"
        "Previously reported figures were revised. In April 2021 Sarah Everard was killed.\n"
        "- Lee Chan noted the change.\n"
        "Inspector Ravi Nair responded that the team would follow up.\n"
    )
    meeting = _attendance(text)
    assert [(p.name, p.status, p.where.line) for p in meeting.attendance] == [
        ("Inspector Ravi Nair", "present", 2),
        ("Councillor Amy Stone", "present", 2),
        ("Lee Chan", "present", 4),
    ]
    assert any("record as speaking" in w for w in meeting.warnings)

    listed = _attendance("Present: Ann Ray, Bob Hall\n" + text)
    assert _people(listed) == ["Ann Ray", "Bob Hall"]

    agenda = MeetingDraft(kind="agenda")
    read_attendance(_lines(text), agenda)
    assert agenda.attendance == []


# -- declarations ------------------------------------------------------------------------------


def test_none_under_the_declarations_heading():
    meeting = _attendance("2. Declarations of interest\n\nNone.\n\n3. Minutes\n")
    assert meeting.no_declarations is True
    assert meeting.declarations == []


def test_there_were_no_declarations():
    meeting = _attendance("Declarations of Interest\nThere were no declarations of interest.\n")
    assert meeting.no_declarations is True


def test_a_declaration_with_its_item():
    meeting = _attendance(
        "2. Declarations of interest\n"
        "Cllr Maureen Worby declared a personal interest in item 6 as a trustee of Refuge.\n"
        "3. Minutes\n"
    )
    (declaration,) = meeting.declarations
    assert declaration.name == "Cllr Maureen Worby"
    assert declaration.item_number == "6"
    assert "trustee of Refuge" in declaration.text
    assert declaration.where.line == 2
    assert meeting.no_declarations is False


def test_declarations_written_after_the_heading():
    meeting = _attendance(
        "Declarations of interest: Cllr Lee – item 5 – a governor of the school; "
        "Dr Omar Khan (item 7): employed by the provider\n"
        "Item 3 Minutes\n"
    )
    assert [(d.name, d.item_number) for d in meeting.declarations] == [
        ("Cllr Lee", "5"),
        ("Dr Omar Khan", "7"),
    ]
    below = _attendance(
        "DECLARATIONS OF INTEREST\nAnn Ray – Item 4, Trustee of Refuge\n"
        "The chair reminded members to keep their register up to date.\n"
    )
    assert [(d.name, d.item_number, d.text) for d in below.declarations] == [
        ("Ann Ray", "4", "Item 4, Trustee of Refuge")
    ]
    assert _attendance("Declarations of interest: None.\n").no_declarations is True


def test_a_table_of_declarations():
    meeting = _attendance(
        "Declarations of Interest\n"
        "Name\tItem\tInterest\n"
        "Dr Omar Khan\t5\tEmployed by the provider\n"
    )
    (declaration,) = meeting.declarations
    assert (declaration.name, declaration.item_number, declaration.text) == (
        "Dr Omar Khan",
        "5",
        "Employed by the provider",
    )


def test_the_agendas_standing_text_is_not_a_declaration():
    meeting = _attendance(
        "2. Declaration of Interests\n"
        "Members of the Board are asked to declare any personal or prejudicial interest they "
        "may have in any matter which is to be considered at this meeting.\n"
        "3. Minutes (Pages 1 - 9)\n"
        "Date of Meeting\tReport Title\tPresenter\tTime\tItem No\n"
        "Wednesday 27 September 2023\tDeclaration of Interest\tChair\t2 mins\tItem 2\n"
        "\tForward Plan\tChair\t5 mins\tItem 13\n"
    )
    assert meeting.declarations == []
    assert meeting.no_declarations is False


# -- actions -----------------------------------------------------------------------------------


def _actions(text: str, items=(), date=None) -> MeetingDraft:
    meeting = MeetingDraft(date=date, items=list(items))
    read_actions(_lines(text, "m.txt"), meeting)
    return meeting


def test_action_lines_with_where_owner_item_and_due_date():
    text = (
        "Present: Jonathon Toy (JT), Kim Lo (KL)\n"
        "4. Knife crime\n"
        "The board discussed the figures.\n"
        "ACTION: JT to circulate the knife crime figures by 30 June 2022.\n"
        "5. Any other business\n"
        "ACTION – Kim Lo to invite the youth service to the next meeting.\n"
    )
    items = [
        ItemDraft(number="4", title="Knife crime", where=Where("m.txt", 2)),
        ItemDraft(number="5", title="Any other business", where=Where("m.txt", 5)),
    ]
    meeting = _actions(text, items)
    first, second = meeting.actions
    assert first.owners == ["JT"]
    assert first.due == datetime.date(2022, 6, 30)
    assert (first.item_number, first.where) == ("4", Where("m.txt", 4))
    assert second.owners == ["Kim Lo"]
    assert (second.item_number, second.where.line) == ("5", 6)


def test_an_action_table_with_numbers_owners_due_dates_and_status():
    text = (
        "Action log\n"
        "No.\tAction\tOwner\tDue date\tStatus\n"
        "1\tCirculate the draft strategy to partners\tJT\t30 April 2022\tOpen\n"
        "2\tBook the venue for the summit\tKim Lo\t01/05/2022\tClosed\n"
    )
    meeting = _actions(text)
    assert [(a.number, a.owners, a.due, a.status, a.where.line) for a in meeting.actions] == [
        ("1", ["JT"], datetime.date(2022, 4, 30), "open", 3),
        ("2", ["Kim Lo"], datetime.date(2022, 5, 1), "closed", 4),
    ]
    assert meeting.actions[0].text == "Circulate the draft strategy to partners"


def test_an_action_wrapped_over_lines_is_placed_on_its_first_line():
    text = (
        "Minutes\n\n"
        "ACTION: Partners to review the ten recommendations within the plan and\n"
        "provide feedback by the end of March 2024.\n"
        "ACTION: Sam Roy to write to NELFT.\n"
    )
    meeting = _actions(text, date=datetime.date(2024, 1, 10))
    wrapped, short = meeting.actions
    assert wrapped.where.line == 3
    assert wrapped.due == datetime.date(2024, 3, 31)
    assert "provide feedback" in wrapped.text
    assert short.where.line == 5


def test_updates_to_the_log_are_not_new_actions_and_closed_is_read():
    text = (
        "Action 2 No completion date discussed, now planned for the end of March 2018.\n"
        "ACTION: David Rhodes to work with the gangs team (CLOSED)\n"
        "ACTION: Ben Forbes to bring an update to September's board (Outstanding)\n"
    )
    meeting = _actions(text)
    assert [(a.owners, a.status) for a in meeting.actions] == [
        (["David Rhodes"], "closed"),
        (["Ben Forbes"], "open"),
    ]
    assert meeting.actions[1].due_text == "to September's board"


def test_an_action_line_and_its_log_row_are_one_action():
    text = (
        "ACTION: Kim Lo to book the venue for the summit.\n"
        "Action\tLead\tTarget completion\tStatus\n"
        "Kim Lo to book the venue for the summit.\tKim Lo\t30 April 2022\tOpen\n"
    )
    (action,) = _actions(text).actions
    assert (action.owners, action.due, action.status, action.where.line) == (
        ["Kim Lo"],
        datetime.date(2022, 4, 30),
        "open",
        3,
    )


def test_no_actions_and_no_lines():
    assert _actions("The board noted the report.\n").actions == []
    meeting = MeetingDraft()
    read_actions([], meeting)
    assert meeting.actions == []


# -- the seeds ---------------------------------------------------------------------------------


def _seed(name: str):
    path = SEEDS / name
    if not path.exists():
        shared_data_missing(f"The seed packs are not at {SEEDS}")
    return read_path(path)


def _register():
    data = yaml.safe_load((DEMO / "partnership.yaml").read_text())
    forms: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for person in data["people"]:
        key = person["key"]
        for form in [person["name"], *[a["alias"] for a in person.get("aliases", [])]]:
            forms[_bare(form)] = key
        surnames.setdefault(person["name"].split()[-1].casefold(), set()).add(key)
    return forms, surnames


_TITLES = re.compile(
    r"^(?:(?:cllr|councillor|supt|spt\.?\s*int|insp|dr|chief|superintendent|det)\.?\s+)+", re.I
)


def _bare(name: str) -> str:
    return " ".join(_TITLES.sub("", name).replace(".", "").casefold().split())


def _key_for(name: str, register) -> str | None:
    forms, surnames = register
    bare = _bare(name)
    if bare in forms:
        return forms[bare]
    first_names = {"dan": "daniel", "steve": "stephen", "stephen": "steve"}
    parts = bare.split()
    if parts and parts[0] in first_names:
        alternative = " ".join([first_names[parts[0]], *parts[1:]])
        if alternative in forms:
            return forms[alternative]
    candidates = surnames.get(parts[-1], set()) if parts else set()
    return next(iter(candidates)) if len(candidates) == 1 else None


def _expected(date: str, status: str) -> set[str]:
    data = yaml.safe_load((DEMO / "meetings" / f"{date}.yaml").read_text())
    return {a["person"] for a in data["attendance"] if a["status"] == status}


@pytest.mark.parametrize(
    ("seed", "date", "note_takers"),
    [
        ("003_fd7ab8671c1905b6.txt", "2017-12-13", 1),
        ("002_3279537257ad4eb2.txt", "2023-06-28", 1),
        ("000_041d7d68cf73db97.txt", "2023-06-28", 1),
        # No attendance list: the demo records those the minutes record as speaking.
        ("001_b0a640582758f8e4.txt", "2021-12-08", 0),
        ("004_0950aaeaa6eb6065.txt", "2019-12-11", 0),
    ],
)
def test_seed_attendance_matches_the_demo_record(seed, date, note_takers):
    meeting = MeetingDraft()
    read_attendance(_seed(seed).lines, meeting)
    register = _register()
    for status in ("present", "apologies"):
        found = {
            _key_for(p.name, register) or p.name for p in meeting.attendance if p.status == status
        }
        expected = _expected(date, status)
        assert found == expected, (status, found - expected, expected - found)
    assert meeting.no_declarations is True
    assert len([p for p in meeting.attendance if p.capacity == "note_taker"]) == note_takers


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.replace("…", " ").casefold()).split())


def test_seed_actions_match_the_demo_action_log():
    demo = yaml.safe_load((DEMO / "actions.yaml").read_text())["actions"]
    found = []
    for name in sorted(p.name for p in SEEDS.glob("00*.txt")) or ["000_041d7d68cf73db97.txt"]:
        doc = _seed(name)
        meeting = MeetingDraft()
        read_actions(doc.lines, meeting)
        found.extend(meeting.actions)
    register = _register()
    matched = owners_right = 0
    for expected in demo:
        for action in found:
            ratio = difflib.SequenceMatcher(
                None, _normal(expected["text"]), _normal(action.text)
            ).ratio()
            if ratio >= 0.9:
                assert action.where is not None
                if expected.get("target") and action.due:
                    assert action.due == expected["target"], expected["text"]
                matched += 1
                keys = {_key_for(owner, register) for owner in action.owners}
                owners_right += set(expected.get("owners", [])) <= keys
                break
    assert matched / len(demo) >= 0.95
    assert owners_right / matched >= 0.95


def test_a_table_headed_present_and_apologies_with_bullets_and_initials():
    meeting = _attendance(
        "Present\tApologies\n"
        "Amy Stone (Chair)\tTim Wood\n"
        "Rob Dean\tSam Fox\n"
        "\tKim Lo\n"
        "\n"
        "Also present\n"
        "• Lucy Grey, Partnership Analyst\n"
        "• Ola Ade, Refuge\n"
        "\n"
        "Name\tInitials\tOrganisation\tAttendance\n"
        "Nina Bose\tNB\tBarnardos\tSent apologies\n"
    )
    assert _people(meeting) == ["Amy Stone", "Rob Dean", "Lucy Grey", "Ola Ade"]
    assert _people(meeting, "apologies") == ["Tim Wood", "Sam Fox", "Kim Lo", "Nina Bose"]
    assert _person(meeting, "Lucy Grey").role == "Partnership Analyst"
    assert _person(meeting, "Ola Ade").organisation == "Refuge"
    assert _person(meeting, "Nina Bose").initials == "NB"
    assert meeting.chair == "Amy Stone"


# -- any input ---------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "Present:",
        "Apologies",
        "In attendance",
        "Also present:",
        "Minutes:",
        "Note taker:",
        "Declarations of interest",
        "None",
        "ACTION:",
        "Action 2",
        "Cllr",
        "Jonathon Toy (JT),",
        "Director of",
        "LBBD",
        "for",
        "(substitute for",
        ")",
        "(",
        "declared an interest in item 5",
        "to circulate",
        "by 31 March 2024",
        "1.",
        "Item",
        "Name\tPost\tOrganisation",
        "\t",
        "Present\tApologies",
        ",",
        "and",
        "–",
        "<p>",
        "**",
        "&amp;",
    ]
)
_TEXT = st.lists(st.one_of(_WORDS, st.text(max_size=12)), max_size=60).map(
    lambda parts: " ".join(parts).replace(" \\n ", "\n")
)
_DOCUMENT = st.lists(_TEXT, max_size=25).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENT)
def test_any_text_reads_without_crashing_and_every_find_has_a_source(text):
    # Lines as any reader may give them (a DOCX's may hold what a text file's may not).
    lines = [
        Line(
            text=value,
            where=Where("f.docx", number),
            cells=tuple(value.split("\t")) if "\t" in value else (),
            heading=number % 7 == 0,
        )
        for number, value in enumerate(text.split("\n"), start=1)
    ]
    meeting = MeetingDraft(date=datetime.date(2024, 1, 10))
    read_attendance(lines, meeting)
    read_actions(lines, meeting)
    numbers = {line.where.line for line in lines}
    for found in [*meeting.attendance, *meeting.declarations]:
        assert found.name.strip()
        assert found.where is not None and found.where.line in numbers
    for action in meeting.actions:
        assert action.text.strip()
        assert action.where is None or action.where.line in numbers
    assert not (meeting.no_declarations and meeting.declarations)


def test_a_large_document_is_read_in_bounded_time():
    block = (
        "Present: " + ", ".join(f"Person Number{i}" for i in range(40)) + "\n"
        "ACTION: Person Number1 to circulate the report by 31 March 2024.\n"
        "Cllr Ann Bee declared a personal interest in item 4 as a governor.\n"
        + "The board discussed the plan, the figures and the next steps in detail. " * 20
        + "\n"
    )
    text = block * 2000
    meeting = MeetingDraft()
    lines = _lines(text)
    read_attendance(lines, meeting)
    read_actions(lines, meeting)
    assert len(meeting.attendance) <= 500


def test_council_style_lists_with_a_plural_title_and_qualified_labels():
    meeting = _attendance(
        "PRESENT: Councillors Smith (Chair), Jones and Patel; "
        "Cllr A Brown (deputy for Cllr Green)\n"
        "Present (officers): Mark Hill (Head of Community Safety)\n"
        "Apologies for absence were received from Councillors Green and Cole.\n"
    )
    assert _people(meeting) == [
        "Councillor Smith",
        "Councillor Jones",
        "Councillor Patel",
        "Cllr A Brown",
        "Mark Hill",
    ]
    assert _people(meeting, "apologies") == ["Councillor Green", "Councillor Cole"]
    brown = _person(meeting, "Cllr A Brown")
    assert (brown.capacity, brown.substitute_for) == ("substitute", "Cllr Green")
    hill = _person(meeting, "Mark Hill")
    assert (hill.capacity, hill.role) == ("officer", "Head of Community Safety")
    assert meeting.chair == "Councillor Smith"


def test_surnames_in_capitals_and_initials_after_a_dash():
    meeting = _attendance("Present:\nAnne SMITH – AS\nJonathon Toy – JT – LBBD\n")
    assert [(p.name, p.initials, p.organisation) for p in meeting.attendance] == [
        ("Anne SMITH", "AS", ""),
        ("Jonathon Toy", "JT", "LBBD"),
    ]


def test_a_run_of_names_over_several_lines_under_a_heading():
    meeting = _attendance(
        "Present:\nAnne Smith, Bob Jones, Carl Dunn\nDee Fox, Eve Gray\n\n"
        "Apologies:\nRaj Patel, Be First\nAnn Lee, Age Concern\n"
    )
    assert _people(meeting) == ["Anne Smith", "Bob Jones", "Carl Dunn", "Dee Fox", "Eve Gray"]
    assert [(p.name, p.organisation) for p in meeting.attendance if p.status == "apologies"] == [
        ("Raj Patel", "Be First"),
        ("Ann Lee", "Age Concern"),
    ]


def test_a_plural_title_in_the_middle_of_a_list():
    meeting = _attendance(
        "PRESENT:\n"
        "Councillor Ann Lee (Chair); Councillors Bell, Carl Dunn and Fox; Mr Gus Hay\n"
        "\n1. Apologies\n"
    )
    assert _people(meeting) == [
        "Councillor Ann Lee",
        "Councillor Bell",
        "Councillor Carl Dunn",
        "Councillor Fox",
        "Mr Gus Hay",
    ]


def test_and_between_names_outside_brackets():
    meeting = _attendance(
        "Present: Tom Reed and Stuart Bell (Chair); Ann Ray (Head of Policy and Strategy)\n"
    )
    assert _people(meeting) == ["Tom Reed", "Stuart Bell", "Ann Ray"]
    assert _person(meeting, "Ann Ray").role == "Head of Policy and Strategy"
    assert meeting.chair == "Stuart Bell"


# -- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Anne Bristow", True),
        ("Cllr Worby", True),
        ("Chief Supt Stuart Bell", True),
        ("Spt.Int. Jane Scotchbrook", True),
        ("Angela D'urso", True),
        ("Hamera-Asfa Davey", True),
        ("Rita Giles MBE", True),
        ("Heather McDonald", True),
        ("LBBD", False),
        ("Director of Community Safety", False),
        ("Metropolitan Police Service", False),
        ("Chief Executive", False),
        ("Deputy Chair", False),
        ("Victim Support", False),
        ("Barnardos", False),
        ("43 young people", False),
        ("The chair welcomed everyone", False),
        ("Domestic Abuse Update", False),
        ("Knife Crime Strategy", False),
        ("Any Other Business", False),
        ("Jo Young", True),
        ("Anne SMITH", True),
        ("Anne NHS", False),
        ("Jonathon Toy LBBD", False),
    ],
)
def test_a_name_is_told_from_a_post_or_a_body(text, person):
    assert looks_like_person(text) is person


def test_a_post_run_on_after_a_name_is_cut_off():
    assert cut_name("Jonathan Toy Director of Enforcement") == (
        "Jonathan Toy",
        "Director of Enforcement",
    )
    assert cut_name("Metropolitan Police Service") == ("Metropolitan Police Service", "")
    assert cut_name("Cllr Ann Lee") == ("Cllr Ann Lee", "")


def test_a_list_of_one_name_a_line_ends_at_an_unnumbered_item_title():
    meeting = _attendance(
        "Present\nAmy Stone\nRob Dean\nDomestic Abuse Update\nJo Young presented the update.\n"
    )
    assert _people(meeting) == ["Amy Stone", "Rob Dean"]


def test_an_acronym_in_brackets_is_a_body_unless_it_fits_the_name():
    meeting = _attendance(
        "Attendees:\nAnne Smith (LBBD)\nHazel North-Stephens (HNS)\nCllr Worby (MW)\n"
    )
    smith = _person(meeting, "Anne Smith")
    assert (smith.initials, smith.organisation) == ("", "LBBD")
    assert _person(meeting, "Hazel North-Stephens").initials == "HNS"
    assert _person(meeting, "Cllr Worby").initials == "MW"


def test_a_moderngov_attendance_table():
    meeting = _attendance(
        "Attendee\tRole\tAttendance\n"
        "Councillor Amy Stone\tChair\tPresent\n"
        "Councillor Bob Hall\tMember\tApologies\n"
        "Councillor Cy Low\tMember\tPresent as substitute\n"
        "Councillor Di Fox\tMember\tExpected\n"
        "Mark Hill\tOfficer\tIn attendance\n"
    )
    assert [(p.name, p.status, p.capacity) for p in meeting.attendance] == [
        ("Councillor Amy Stone", "present", "member"),
        ("Councillor Bob Hall", "apologies", "member"),
        ("Councillor Cy Low", "present", "substitute"),
        ("Mark Hill", "present", "officer"),
    ]
    assert meeting.chair == "Councillor Amy Stone"


def test_absent_and_notes_in_brackets():
    meeting = _attendance(
        "Present: Diane Worby (arrived late), Ola Ade (via Teams), Tom Fry (Probation Service)\n"
        "Absent: Kay Moss\n"
    )
    assert _people(meeting) == ["Diane Worby", "Ola Ade", "Tom Fry"]
    assert _people(meeting, "absent") == ["Kay Moss"]
    assert (_person(meeting, "Diane Worby").role, _person(meeting, "Ola Ade").role) == ("", "")
    assert _person(meeting, "Tom Fry").organisation == "Probation Service"


def test_a_parsed_document_keeps_its_people_through_json():
    doc = read_document(
        (
            b"Minutes of the Safer Communities Board, 4 May 2022\n"
            b"Present: Jonathon Toy (JT), Director of Community Safety, LBBD; Cllr Worby (Chair)\n"
            b"Apologies: Supt Jo Kay\n"
            b"2. Declarations of interest\nNone.\n"
            b"3. Knife crime\nACTION: JT to circulate the figures by 30 June 2022.\n"
        ),
        "m.txt",
    )
    draft = parse_document(doc)
    (meeting,) = draft.meetings
    assert [p.name for p in meeting.attendance] == ["Jonathon Toy", "Cllr Worby", "Supt Jo Kay"]
    assert meeting.no_declarations is True
    (action,) = meeting.actions
    assert (action.owners, action.due, action.where.line) == (
        ["JT"],
        datetime.date(2022, 6, 30),
        7,
    )
    assert action.item_number == "3"
    assert from_json(to_json(draft)) == draft


# -- through the readers: HTML and Word --------------------------------------------------------


def _read_or_skip(data: bytes, name: str):
    try:
        return read_document(data, name)
    except UnreadableDocument as error:
        if "not yet supported" in str(error):
            pytest.skip(f"this branch's readers do not read {name} yet")
        raise


def test_html_minutes_with_headings_lists_and_tables():
    html = """<html><body><h1>Safer Stockton Partnership</h1>
    <h2>Present</h2><ul><li>Cllr Amy Stone (Chair)</li>
    <li>Jonathon Toy (JT), Director of Community Safety, LBBD</li>
    <li>Supt Jo Kay for Chief Supt Stuart Bell</li></ul>
    <h2>In attendance</h2><p>Lucy Grey, Democratic Services Officer</p>
    <h2>Apologies</h2><p>Tom Reed, Ola Ade</p>
    <h2>1. Declarations of interest</h2><p>There were no declarations of interest.</p>
    <h2>2. Knife crime</h2><p><strong>ACTION:</strong> JT to circulate the figures by 30 June
    2022.</p>
    <h2>Action log</h2><table><tr><th>No.</th><th>Action</th><th>Owner</th><th>Due</th>
    <th>Status</th></tr><tr><td>1</td><td>Book the venue for the summit</td><td>Kim Lo</td>
    <td>01/05/2022</td><td>Closed</td></tr></table></body></html>"""
    doc = _read_or_skip(html.encode(), "m.html")
    meeting = MeetingDraft()
    read_attendance(doc.lines, meeting)
    read_actions(doc.lines, meeting)
    assert [(p.name, p.status, p.capacity) for p in meeting.attendance] == [
        ("Cllr Amy Stone", "present", "member"),
        ("Jonathon Toy", "present", "member"),
        ("Supt Jo Kay", "present", "substitute"),
        ("Lucy Grey", "present", "officer"),
        ("Tom Reed", "apologies", "member"),
        ("Ola Ade", "apologies", "member"),
    ]
    assert _person(meeting, "Jonathon Toy").initials == "JT"
    assert meeting.no_declarations is True
    assert [(a.owners, a.due, a.status, a.number) for a in meeting.actions] == [
        (["JT"], datetime.date(2022, 6, 30), "", ""),
        (["Kim Lo"], datetime.date(2022, 5, 1), "closed", "1"),
    ]
    assert all(a.where.file == "m.html" for a in meeting.actions)


def test_word_minutes_with_a_members_table_and_bulleted_apologies():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Attendees", 2)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Name", "Role", "Organisation"], strict=True):
        cell.text = text
    for row in [
        ("Cllr Syed Ghani (Chair)", "Cabinet Member", "LBBD"),
        ("Jane Scotchbrook (JS)", "Detective Superintendent", "MPS"),
    ]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.add_heading("Apologies", 2)
    document.add_paragraph("Angie Fuller", style="List Bullet")
    document.add_paragraph("Steve Calder (Probation)", style="List Bullet")
    document.add_heading("1. Declarations of interest", 2)
    document.add_paragraph("None.")
    paragraph = document.add_paragraph()
    paragraph.add_run("ACTION").bold = True
    paragraph.add_run(": JS to share the stop and search data by 30 November 2022.")
    saved = io.BytesIO()
    document.save(saved)
    doc = _read_or_skip(saved.getvalue(), "m.docx")
    meeting = MeetingDraft()
    read_attendance(doc.lines, meeting)
    read_actions(doc.lines, meeting)
    assert _people(meeting) == ["Cllr Syed Ghani", "Jane Scotchbrook"]
    assert _people(meeting, "apologies") == ["Angie Fuller", "Steve Calder"]
    scotchbrook = _person(meeting, "Jane Scotchbrook")
    assert (scotchbrook.initials, scotchbrook.role, scotchbrook.organisation) == (
        "JS",
        "Detective Superintendent",
        "MPS",
    )
    assert meeting.chair == "Cllr Syed Ghani"
    assert meeting.no_declarations is True
    (action,) = meeting.actions
    assert (action.owners, action.due) == (["JS"], datetime.date(2022, 11, 30))


def test_a_list_on_its_labels_line_going_on_one_entry_a_line_and_wrapping_inside_brackets():
    meeting = _attendance(
        "Attendance:  Cllr Nora Vance (Vice-Chair)\n"
        "             DCI Hugh Barrow (Police)\n"
        "             Esther Lamb (Clinical Commissioning\n"
        "             Group), Owen Stroud\n"
        "\n"
        "Officers present:  Bea Lyle (Partnership Analyst), Ned Fisk (Committee\n"
        "                   Clerk)\n"
        "\n"
        "1. Welcome\n"
        "Nora Vance opened the meeting.\n"
    )
    assert _people(meeting) == [
        "Cllr Nora Vance",
        "DCI Hugh Barrow",
        "Esther Lamb",
        "Owen Stroud",
        "Bea Lyle",
        "Ned Fisk",
    ]
    assert _person(meeting, "Esther Lamb").organisation == "Clinical Commissioning Group"
    assert _person(meeting, "Ned Fisk").role == "Committee Clerk"


def test_a_sentence_list_wrapped_inside_a_name_and_the_note_taker_after_it():
    meeting = _attendance(
        "Present: Ms Dora Quill (Chair), PC Ivo\n"
        "Marsh (Neighbourhood Team, deputising for Sgt Lea Bond), Tariq Hollis (Women's\n"
        "Aid). Notes taken by Gwen Saye.\n"
        "The Chair opened the meeting at 6pm.\n"
    )
    assert _people(meeting) == ["Ms Dora Quill", "PC Ivo Marsh", "Tariq Hollis", "Gwen Saye"]
    assert _person(meeting, "PC Ivo Marsh").capacity == "substitute"
    assert _person(meeting, "Gwen Saye").capacity == "note_taker"


def test_a_present_list_in_groups_of_table_rows():
    meeting = _attendance(
        "ATTENDANCE\n"
        "Partners:\n"
        "Noor Haq\tProbation Service\tHead of Delivery\n"
        "Cllr Lee Pike\tRiverside Council\tCabinet Member\n"
        "Officers:\n"
        "Kit Moss\tRiverside Council\tScrutiny Officer\n"
        "\n"
        "Apologies: Jan Orme\n"
    )
    assert _people(meeting) == ["Noor Haq", "Cllr Lee Pike", "Kit Moss"]
    assert _person(meeting, "Kit Moss").capacity == "officer"
    assert _people(meeting, "apologies") == ["Jan Orme"]


def test_initials_in_brackets_are_initials_even_when_they_spell_an_honour():
    meeting = _attendance("Attendees\nOlga Brant (OB) – Housing\nDavid Lowe (DL) – Chair\n")
    assert [(p.name, p.initials) for p in meeting.attendance] == [
        ("Olga Brant", "OB"),
        ("David Lowe", "DL"),
    ]


def test_owner_then_colon_then_the_action_in_a_list_under_an_actions_heading():
    meeting = _actions(
        "7. Close\n"
        "Update: the figures were noted.\n\n"
        "Action points\n"
        "- Nia Rowe: write to ward councillors about the CCTV review (by 30 April 2024)\n"
        "- PCSO Dev Mann & Lisa Ford: walk the canal path with the rangers\n"
        "- Chair: thanks were given for the venue\n",
        date=datetime.date(2024, 4, 2),
    )
    assert [(a.owners, a.due) for a in meeting.actions] == [
        (["Nia Rowe"], datetime.date(2024, 4, 30)),
        (["PCSO Dev Mann", "Lisa Ford"], None),
    ]


def test_an_action_table_flattened_to_text_with_wrapped_cells():
    meeting = _actions(
        "Matters arising\n"
        "Ref Action Lead Due date RAG\n"
        "A1 Send the CCTV audit findings to the licensing PK 15 May 2024 Amber\n"
        "sub-group\n"
        "A2 Map repeat victims of shed burglary Community Safety Team 30/06/2024 In\n"
        "progress\n"
        "A3 Book the venue for the community safety summit Cllr Ana Ruiz TBC Green\n"
        "\n"
        "Date and time of the next meeting\n",
        date=datetime.date(2024, 4, 2),
    )
    assert [(a.text, a.owners, a.due, a.due_text, a.status) for a in meeting.actions] == [
        (
            "Send the CCTV audit findings to the licensing sub-group",
            ["PK"],
            datetime.date(2024, 5, 15),
            "15 May 2024",
            "",
        ),
        (
            "Map repeat victims of shed burglary",
            ["Community Safety Team"],
            datetime.date(2024, 6, 30),
            "30/06/2024",
            "open",
        ),
        ("Book the venue for the community safety summit", ["Cllr Ana Ruiz"], None, "TBC", ""),
    ]
    assert [a.where.line for a in meeting.actions] == [3, 5, 7]


def test_a_run_on_list_does_not_take_the_heading_under_it_or_run_past_a_full_stop():
    meeting = _attendance(
        "Present: Jo Marr, Ann Lee. Apologies were received from Cllr Tam Ross.\n"
        "Prevent Duty\n"
        "The panel noted the referral figures.\n"
    )
    assert _people(meeting) == ["Jo Marr", "Ann Lee"]
    assert _people(meeting, "apologies") == ["Cllr Tam Ross"]


def test_a_list_tabbed_under_its_label_one_entry_a_line():
    meeting = _attendance(
        "Present:\tCllr Rhian Parry (Chair)\n\tCllr Sol Baptiste\n\tMaya Ito (Probation)\n\n"
        "Apologies:\tGreg Hale\n"
    )
    assert _people(meeting) == ["Cllr Rhian Parry", "Cllr Sol Baptiste", "Maya Ito"]
    assert _people(meeting, "apologies") == ["Greg Hale"]


def test_an_unnumbered_flattened_action_table_whose_action_wraps_before_its_other_cells():
    meeting = _actions(
        "Action Lead Target date\n"
        "Publish the summer ASB leaflet GO 30/05/2025\n"
        "Ask the bus operator for incident data covering the\n"
        "late-night routes Ken Abara 16 June 2025\n"
    )
    assert [(a.text, a.owners, a.due, a.where.line) for a in meeting.actions] == [
        ("Publish the summer ASB leaflet", ["GO"], datetime.date(2025, 5, 30), 2),
        (
            "Ask the bus operator for incident data covering the late-night routes",
            ["Ken Abara"],
            datetime.date(2025, 6, 16),
            3,
        ),
    ]


def test_a_body_written_after_the_initials_in_brackets():
    meeting = _attendance(
        "Attendees: Supt Lena Bright (LB) West Police, Tom Ferris (TF) Harbour Council, "
        "Ama Owusu (AO)\n"
    )
    assert [(p.name, p.initials, p.organisation) for p in meeting.attendance] == [
        ("Supt Lena Bright", "LB", "West Police"),
        ("Tom Ferris", "TF", "Harbour Council"),
        ("Ama Owusu", "AO", ""),
    ]


def test_a_numbered_list_under_an_actions_heading_names_someone_to_act():
    meeting = _actions(
        "5. Close\n"
        "Agreed actions\n"
        "1. GW: share the CCTV fault log with the town team\n"
        "2. Beth Amis and Cllr Joe Pratt to meet the school heads by 9 May 2025\n"
        "3. Thanks were recorded to the host\n",
        date=datetime.date(2025, 4, 10),
    )
    assert [(a.owners, a.due) for a in meeting.actions] == [
        (["GW"], None),
        (["Beth Amis", "Cllr Joe Pratt"], datetime.date(2025, 5, 9)),
    ]


def test_labels_that_say_how_people_attended():
    meeting = _attendance(
        "Present in person: Ola Grant (Chair), Pip Hurst\n"
        "Present remotely: Quin Ivers\n"
        "Attending by phone - Rae Jolly\n\n"
        "1. Welcome\nThe Chair, present remotely for item 1, welcomed all.\n"
    )
    assert _people(meeting) == ["Ola Grant", "Pip Hurst", "Quin Ivers", "Rae Jolly"]


def test_owners_before_a_dash_or_in_brackets_before_a_colon():
    meeting = _actions(
        "3. Street drinking\n"
        "ACTION (RT): map the street drinking complaints\n"
        "Action: Sue Obi – invite the licensing officer to the next meeting\n"
        "ACTION: Update - the policy is to be redrafted\n"
        "Actions\n"
        "• Youth Offending Service - share the referral figures\n"
    )
    assert [a.owners for a in meeting.actions] == [
        ["RT"],
        ["Sue Obi"],
        [],
        ["Youth Offending Service"],
    ]


def test_initials_written_after_a_name_without_brackets():
    meeting = _attendance(
        "Attendees\nNell Frost NF – Vale Police\nOscar Platt OP – Housing Options\n"
        "Tess Ward OBE – Chair\nAnne SMITH\n\n1. Welcome\n"
    )
    assert [(p.name, p.initials) for p in meeting.attendance] == [
        ("Nell Frost", "NF"),
        ("Oscar Platt", "OP"),
        ("Tess Ward OBE", ""),
        ("Anne SMITH", ""),
    ]
