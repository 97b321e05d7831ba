"""Writing a document's draft into the record: drafts built here, not parsed, so these tests
say what the write path does whatever the parser finds."""

import datetime

import pytest
from django.http import Http404

from cspboard.actions.choices import ActionStatus
from cspboard.actions.models import ActionItem
from cspboard.actions.services import action_create
from cspboard.boards.models import Board
from cspboard.boards.tests.factories import BoardFactory
from cspboard.documents.readers import Where, sha256
from cspboard.imports.choices import DocumentImportStatus
from cspboard.imports.minutes.draft import (
    ActionDraft,
    AttendeeDraft,
    DeclarationDraft,
    DocumentDraft,
    ItemDraft,
    MeetingDraft,
    to_json,
)
from cspboard.imports.minutes.selectors import (
    SourceLine,
    document_import_get,
    document_import_lines,
    document_import_meetings,
    document_imports_for,
)
from cspboard.imports.minutes.services import (
    ImportRefused,
    document_import_correct,
    document_import_discard,
    document_import_file,
    document_import_read,
    document_import_write,
    draft_write,
)
from cspboard.imports.models import DocumentImport
from cspboard.meetings.choices import AttendanceCapacity, AttendanceStatus, MeetingStatus
from cspboard.meetings.models import AgendaItem, Attendance, Decision, Declaration, Meeting
from cspboard.meetings.tests.factories import MeetingFactory
from cspboard.people.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2019, 3, 27)


def where(line: int) -> Where:
    return Where(file="minutes.txt", line=line)


def meeting_draft(**overrides) -> MeetingDraft:
    fields = dict(
        kind="minutes",
        board_name="Community Safety Partnership",
        date=DAY,
        start=datetime.time(14, 0),
        end=datetime.time(16, 0),
        venue="Room 1, Town Hall",
        chair="Cllr Maureen Worby",
        attendance=[
            AttendeeDraft(name="Cllr Maureen Worby", role="Chair", where=where(3)),
            AttendeeDraft(
                name="Jonathon Toy",
                initials="JT",
                role="Head of Community Safety",
                organisation="Metropolitan Police",
                where=where(4),
            ),
            AttendeeDraft(name="Priya Visitor", organisation="Refuge", where=where(5)),
            AttendeeDraft(name="Sam Absent", status="apologies", where=where(7)),
        ],
        declarations=[
            DeclarationDraft(name="Jonathon Toy", text="Trustee of Refuge", item_number="4")
        ],
        items=[
            ItemDraft(number="1", title="Welcome and introductions", minutes="All welcomed."),
            ItemDraft(
                number="4",
                title="Domestic abuse",
                presenters=["Jonathon Toy"],
                minutes="The board discussed refuges.\n\nIt noted the waiting list.",
                decisions=["RESOLVED that the strategy be approved."],
            ),
            ItemDraft(number="4.1", title="Refuge places", parent_number="4"),
            ItemDraft(
                number="7",
                title="Case review",
                restricted=True,
                restriction_paragraph=2,
                minutes="Named individuals were discussed.",
            ),
        ],
        actions=[
            ActionDraft(
                text="JT to circulate the refuge figures",
                owners=["JT"],
                due=datetime.date(2019, 5, 1),
                item_number="4",
            ),
            ActionDraft(text="Police to share the problem profile", owners=["Metropolitan Police"]),
            ActionDraft(text="Nobody Known to report back", owners=["Nobody Known"]),
        ],
    )
    fields.update(overrides)
    return MeetingDraft(**fields)


def document(*meetings: MeetingDraft, name: str = "minutes.txt", digest: str = "a" * 64):
    return DocumentDraft(name=name, sha256=digest, kind="text", meetings=list(meetings))


@pytest.fixture
def board():
    return BoardFactory(name="Community Safety Partnership", slug="csp")


@pytest.fixture
def people():
    police = OrganisationFactory(name="Metropolitan Police", short_name="MPS")
    return {
        "worby": PersonFactory(name="Maureen Worby", honorific="Cllr"),
        "toy": PersonFactory(name="Jonathon Toy"),
        "police": police,
    }


def test_a_draft_is_written_through_the_record(board, people):
    summary = draft_write(board=board, draft=document(meeting_draft()))

    meeting = Meeting.objects.get(board=board)
    assert (meeting.date, meeting.start_time, meeting.end_time) == (
        DAY,
        datetime.time(14, 0),
        datetime.time(16, 0),
    )
    assert meeting.venue == "Room 1, Town Hall"
    assert meeting.chair == people["worby"]
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED
    items = {item.number: item for item in meeting.items.all()}
    assert list(items) == ["1", "4", "4.1", "7"]
    assert items["4.1"].parent == items["4"]
    assert list(items["4"].presenters.all()) == [people["toy"]]
    assert items["4"].minutes == (
        "<p>The board discussed refuges.</p><p>It noted the waiting list.</p>"
    )
    assert items["7"].schedule_12a_paragraph == 2 and items["7"].is_withheld
    assert not items["4"].is_withheld
    decision = Decision.objects.get()
    assert decision.item == items["4"] and decision.kind == "resolution"

    rows = {row.display_name: row for row in meeting.attendance.all()}
    assert rows["Cllr Maureen Worby"].person == people["worby"]
    assert rows["Jonathon Toy"].person == people["toy"]
    assert rows["Priya Visitor"].person is None  # recorded by name, as written
    # The post and body as the minutes give them, matched to the register or kept as written.
    toy = rows["Jonathon Toy"]
    assert (toy.role, toy.organisation, toy.organisation_name) == (
        "Head of Community Safety",
        people["police"],
        "",
    )
    visitor = rows["Priya Visitor"]
    assert (visitor.organisation, visitor.organisation_name) == (None, "Refuge")
    assert rows["Sam Absent"].status == AttendanceStatus.APOLOGIES
    declaration = Declaration.objects.get()
    assert (declaration.person, declaration.item) == (people["toy"], items["4"])

    actions = {a.text: a for a in ActionItem.objects.filter(board=board)}
    first = actions["JT to circulate the refuge figures"]
    assert list(first.owners.all()) == [people["toy"]]  # JT defined by the attendance list
    assert first.target_date == datetime.date(2019, 5, 1)
    assert first.item == items["4"] and first.meeting == meeting
    assert actions["Police to share the problem profile"].owner_organisation == people["police"]
    unknown = actions["Nobody Known to report back"]
    assert not unknown.owners.exists() and unknown.lead_text == "Nobody Known"

    assert (summary.meetings_created, summary.items, summary.attendance) == (1, 4, 4)
    assert (summary.declarations, summary.actions) == (1, 3)
    assert summary.meeting_ids == [meeting.pk]
    assert any('"Priya Visitor" is no one person' in m for m in summary.messages)
    assert any('"Nobody Known"' in m for m in summary.messages)
    assert summary.describe().startswith("Wrote 1 meetings new")


def test_a_dry_run_writes_nothing_and_says_the_same(board, people):
    dry = draft_write(board=board, draft=document(meeting_draft()), dry_run=True)
    assert not Meeting.objects.exists() and not ActionItem.objects.exists()
    assert not Attendance.objects.exists()
    assert dry.describe().startswith("Would write 1 meetings new")
    real = draft_write(board=board, draft=document(meeting_draft()))
    counts = ("meetings_created", "items", "attendance", "declarations", "actions", "messages")
    assert [getattr(dry, f) for f in counts] == [getattr(real, f) for f in counts]


def test_a_meeting_the_board_has_is_filled_in_not_duplicated(board, people):
    meeting = MeetingFactory(
        board=board,
        date=DAY,
        start_time=datetime.time(10, 0),
        end_time=None,
        venue="Kept",
        status=MeetingStatus.HELD,
    )
    AgendaItem.objects.create(meeting=meeting, position=1, number="4", title="Domestic abuse")
    summary = draft_write(board=board, draft=document(meeting_draft()))
    assert any('record has as "held"; its status is left' in m for m in summary.messages)
    assert (summary.items, summary.items_filled) == (3, 1)  # three added, one filled in
    assert "3 items (1 more filled in)" in summary.describe()
    assert Meeting.objects.filter(board=board).count() == 1
    meeting.refresh_from_db()
    assert meeting.venue == "Kept" and meeting.start_time == datetime.time(10, 0)
    assert meeting.end_time == datetime.time(16, 0)  # it was empty
    assert meeting.history.count() >= 2  # the change is in the history

    # A second document of the same meeting adds only what is not there yet.
    again = draft_write(
        board=board, draft=document(meeting_draft(), name="other.txt", digest="b" * 64)
    )
    assert again.meetings_created == 0 and again.meetings_updated == 1
    assert (again.items, again.attendance, again.declarations, again.actions) == (0, 0, 0, 0)
    assert again.actions_known == 3
    assert meeting.items.count() == 4 and meeting.attendance.count() == 4
    assert meeting.items.get(number="4").minutes.startswith("<p>The board discussed")
    assert ActionItem.objects.filter(board=board).count() == 3


def test_an_action_entered_by_hand_is_not_imported_again(board, people):
    meeting = MeetingFactory(board=board, date=DAY, status=MeetingStatus.HELD)
    typed = action_create(
        board=board, text="JT to circulate the Refuge figures", meeting=meeting, raised_on=DAY
    )
    summary = draft_write(board=board, draft=document(meeting_draft()))
    assert summary.actions_known == 1 and summary.actions == 2
    assert ActionItem.objects.filter(board=board).count() == 3
    assert ActionItem.objects.filter(text__icontains="refuge figures").get() == typed


def test_an_action_log_closing_an_action_closes_it(board, people):
    draft_write(board=board, draft=document(meeting_draft()))
    log = meeting_draft(
        date=datetime.date(2019, 6, 26),
        kind="action_log",
        attendance=[],
        declarations=[],
        items=[],
        actions=[ActionDraft(text="JT to circulate the refuge figures.", status="closed")],
    )
    summary = draft_write(board=board, draft=document(log, digest="c" * 64))
    action = ActionItem.objects.get(text="JT to circulate the refuge figures")
    assert action.status == ActionStatus.CLOSED
    assert summary.actions == 0 and summary.actions_known == 1


@pytest.fixture
def pending(board):
    data = b"Community Safety Partnership\nMinutes of the meeting\n1. Welcome\n"
    return document_import_read(board=board, data=data, name="minutes.txt"), data


def test_reading_keeps_a_pending_import_for_review(board, pending):
    record, data = pending
    assert record.status == DocumentImportStatus.PENDING
    assert record.sha256 == sha256(data)
    assert record.lines[0] == [None, 1, "Community Safety Partnership"]
    assert record.draft["name"] == "minutes.txt"
    assert not Meeting.objects.exists()
    # Reading the same file again returns the import waiting, not a second one.
    assert document_import_read(board=board, data=data, name="again.txt") == record
    assert document_import_get(record.pk, board) == record
    assert list(document_imports_for(board)) == [record]
    assert document_import_lines(record)[2] == SourceLine(None, 3, "1. Welcome")
    other = BoardFactory()
    with pytest.raises(Http404):
        document_import_get(record.pk, other)


def test_review_correct_then_write(board, people, pending):
    record, data = pending
    corrected = document(meeting_draft(), digest=record.sha256)
    record = document_import_correct(record=record, draft=corrected)
    assert record.draft == to_json(corrected)

    record = document_import_write(record=record)
    assert record.status == DocumentImportStatus.WRITTEN and record.written_at
    meeting = Meeting.objects.get(board=board)
    assert list(document_import_meetings(record)) == [meeting]
    assert record.summary["actions"] == 3

    # Imported: the same file again says so and changes nothing.
    with pytest.raises(ImportRefused, match="This file was imported to Community Safety"):
        document_import_read(board=board, data=data, name="renamed.txt")
    summary = draft_write(board=board, draft=corrected)
    assert summary.already_imported and "nothing was changed" in summary.messages[0]
    assert Meeting.objects.count() == 1 and AgendaItem.objects.count() == 4
    with pytest.raises(ImportRefused, match="can no longer be changed"):
        document_import_write(record=record)
    with pytest.raises(ImportRefused, match="its meetings are part of the record"):
        document_import_discard(record=record)


@pytest.mark.parametrize(
    "bad, message",
    [
        ("not a draft", "should be an object"),
        ({"name": "x", "sha256": "s", "kind": "text", "meetings": "no"}, "should be a list"),
        (
            {"name": "x", "sha256": "s", "kind": "text", "meetings": [{"date": "31/02/2019"}]},
            "not valid",
        ),
        (
            {"name": "x", "sha256": "s", "kind": "text", "meetings": [{"items": [{"title": 3}]}]},
            "not valid",
        ),
    ],
)
def test_a_bad_correction_is_refused(pending, bad, message):
    record, _ = pending
    before = record.draft
    with pytest.raises(ImportRefused, match=message) as refusal:
        document_import_correct(record=record, draft=bad)
    assert "Nothing was written" in str(refusal.value)
    record.refresh_from_db()
    assert record.draft == before


def test_a_correction_of_another_file_is_refused(pending):
    record, _ = pending
    with pytest.raises(ImportRefused, match="another file"):
        document_import_correct(record=record, draft=document(meeting_draft(), digest="f" * 64))


def test_discarding(pending):
    record, _ = pending
    record = document_import_discard(record=record)
    assert record.status == DocumentImportStatus.DISCARDED
    with pytest.raises(ImportRefused, match="can no longer be changed"):
        document_import_write(record=record)


def test_refusals_write_nothing(board, people):
    cases = [
        (document(meeting_draft(date=None)), "has no date"),
        (document(meeting_draft(items=[ItemDraft(number="1", title=" ")])), "has no title"),
        (
            document(
                meeting_draft(
                    items=[
                        ItemDraft(
                            number="7", title="Case", restricted=True, restriction_paragraph=9
                        )
                    ]
                )
            ),
            "there are seven",
        ),
        (document(), "No meeting was found"),
    ]
    for draft, message in cases:
        with pytest.raises(ImportRefused, match=message) as refusal:
            draft_write(board=board, draft=draft)
        assert "Nothing was written." in str(refusal.value)
    assert not Meeting.objects.exists()


def test_a_meeting_of_another_board_is_refused(board, people):
    BoardFactory(name="Health and Wellbeing Board", slug="hwb")
    with pytest.raises(ImportRefused, match='meeting of "Health and Wellbeing Board"'):
        draft_write(
            board=board, draft=document(meeting_draft(board_name="Health and Wellbeing Board"))
        )
    assert not Meeting.objects.exists()


def test_all_or_nothing_across_meetings(board, people):
    later = datetime.date(2019, 6, 26)
    MeetingFactory(board=board, date=later, status=MeetingStatus.CANCELLED)
    draft = document(meeting_draft(), meeting_draft(date=later))
    with pytest.raises(ImportRefused, match="recorded as cancelled") as refusal:
        draft_write(board=board, draft=draft)
    assert "Nothing was written" in str(refusal.value)
    assert Meeting.objects.filter(board=board).count() == 1  # the cancelled one, only
    assert not ActionItem.objects.exists() and not Attendance.objects.exists()


def test_unknown_substitute_and_capacity(board, people):
    draft = meeting_draft(
        attendance=[
            AttendeeDraft(
                name="Jonathon Toy",
                capacity=AttendanceCapacity.SUBSTITUTE,
                substitute_for="Someone Elsewhere",
            ),
            AttendeeDraft(name="Odd Capacity", capacity="wizard", status="maybe"),
        ],
        declarations=[DeclarationDraft(name="Unknown Person", text="Owns a pub")],
        actions=[],
    )
    summary = draft_write(board=board, draft=document(draft))
    rows = {row.display_name: row for row in Attendance.objects.all()}
    assert rows["Jonathon Toy"].capacity == AttendanceCapacity.MEMBER
    assert rows["Odd Capacity"].capacity == AttendanceCapacity.MEMBER
    assert rows["Odd Capacity"].status == AttendanceStatus.PRESENT
    assert not Declaration.objects.exists()
    assert any('declaration by "Unknown Person" is left out' in m for m in summary.messages)
    assert any("Someone Elsewhere" in m for m in summary.messages)


def test_a_future_meeting_takes_its_agenda_only(board, people):
    soon = datetime.date.today() + datetime.timedelta(days=30)
    summary = draft_write(board=board, draft=document(meeting_draft(date=soon, kind="agenda")))
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert meeting.items.count() == 4 and not meeting.attendance.exists()
    assert any("has not happened" in m for m in summary.messages)


def test_no_start_time_is_said(board):
    summary = draft_write(board=board, draft=document(meeting_draft(start=None, end=None)))
    assert Meeting.objects.get().start_time == datetime.time(0, 0)
    assert any("no start time" in m for m in summary.messages)


def test_the_command_path_records_the_file(board, people, monkeypatch):
    from cspboard.imports.minutes import services

    data = b"any text"
    monkeypatch.setattr(
        services, "parse_document", lambda doc: document(meeting_draft(), digest=doc.sha256)
    )
    dry = document_import_file(board=board, data=data, name="m.txt", dry_run=True)
    assert dry.record is None and dry.summary.dry_run
    assert not Meeting.objects.exists() and not DocumentImport.objects.exists()

    done = document_import_file(board=board, data=data, name="m.txt")
    assert done.record.status == DocumentImportStatus.WRITTEN
    assert list(done.record.meetings.values_list("date", flat=True)) == [DAY]

    again = document_import_file(board=board, data=data, name="copy.txt")
    assert again.summary.already_imported and again.record is None
    assert DocumentImport.objects.count() == 1 and Meeting.objects.count() == 1


def test_a_restricted_item_naming_no_paragraph_is_withheld_and_said(board):
    items = [ItemDraft(number="7", title="Case review", restricted=True, minutes="Names.")]
    summary = draft_write(board=board, draft=document(meeting_draft(items=items, actions=[])))
    item = AgendaItem.objects.get()
    assert item.is_withheld and item.schedule_12a_paragraph == 1
    assert any("names no Schedule 12A paragraph: withheld" in m for m in summary.messages)


def test_an_empty_part_with_no_date_is_passed_over(board):
    empty = MeetingDraft(kind="action_log")
    summary = draft_write(board=board, draft=document(meeting_draft(actions=[]), empty))
    assert summary.meetings_created == 1
    assert any("has no date and nothing in it" in m for m in summary.messages)


# Any draft is written whole or refused with nothing written ----------------------------------

from hypothesis import HealthCheck, event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

words = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
names = st.sampled_from(["Jonathon Toy", "JT", "Cllr Maureen Worby", "Police", "", "Zed"]) | words
numbers = st.sampled_from(["", "1", "2", "2.1", "(i)", "4a", "4"]) | words
dates = st.none() | st.dates(datetime.date(1990, 1, 1), datetime.date(2040, 12, 31))
times = st.none() | st.times()
paragraphs = st.none() | st.integers(-2, 9)

items = st.builds(
    ItemDraft,
    number=numbers,
    title=words,
    parent_number=numbers,
    presenters=st.lists(names, max_size=2),
    minutes_allowed=st.none() | st.integers(-5, 10**12),
    pages=words,
    restricted=st.booleans(),
    restriction_paragraph=paragraphs,
    minutes=words,
    decisions=st.lists(words, max_size=2),
)
attendees = st.builds(
    AttendeeDraft,
    name=names,
    status=st.sampled_from(["present", "apologies", "absent", "other"]),
    capacity=st.sampled_from(["member", "substitute", "guest", "x"]),
    initials=st.sampled_from(["", "JT", "MW"]),
    substitute_for=names,
)
actions = st.builds(
    ActionDraft,
    text=words,
    owners=st.lists(names, max_size=2),
    due=dates,
    item_number=numbers,
    status=st.sampled_from(["", "open", "closed", "CLOSED"]),
)
meetings = st.builds(
    MeetingDraft,
    kind=st.sampled_from(["agenda", "minutes", "action_log", "unknown"]),
    board_name=st.sampled_from(["", "Community Safety Partnership", "Other Board"]) | words,
    date=dates,
    start=times,
    end=times,
    venue=words,
    chair=names,
    attendance=st.lists(attendees, max_size=3),
    declarations=st.lists(
        st.builds(DeclarationDraft, name=names, text=words, item_number=numbers), max_size=2
    ),
    no_declarations=st.booleans(),
    items=st.lists(items, max_size=4),
    actions=st.lists(actions, max_size=3),
)


def counts() -> tuple:
    return tuple(
        model.objects.count()
        for model in (Meeting, AgendaItem, Attendance, Declaration, Decision, ActionItem)
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(found=st.lists(meetings, max_size=3), dry_run=st.booleans())
def test_any_draft_is_written_whole_or_refused(board, people, found, dry_run):
    BoardFactory(name="Other Board") if not Board.objects.filter(name="Other Board") else None
    before = counts()
    draft = DocumentDraft(name="any.txt", sha256="", kind="text", meetings=found)
    try:
        summary = draft_write(board=board, draft=draft, dry_run=dry_run)
    except ImportRefused as refusal:
        assert "Nothing was written." in str(refusal)
        assert counts() == before
        event("refused")
        return
    event("written")
    if dry_run:
        assert counts() == before
    else:
        assert counts()[0] - before[0] == summary.meetings_created


def test_an_unnumbered_item_does_not_renumber_the_printed_ones(board):
    items = [
        ItemDraft(number="4", title="Domestic abuse"),
        ItemDraft(number="4.1", title="Refuge places", parent_number="4"),
        ItemDraft(number="", title="Any other business"),
    ]
    draft_write(board=board, draft=document(meeting_draft(items=items, actions=[])))
    numbers = list(AgendaItem.objects.order_by("position").values_list("number", flat=True))
    assert numbers == ["4", "4.1", "-"]


def test_an_agenda_numbered_nowhere_is_numbered(board):
    items = [ItemDraft(number="", title="Welcome"), ItemDraft(number="", title="Minutes")]
    draft_write(board=board, draft=document(meeting_draft(items=items, actions=[])))
    numbers = list(AgendaItem.objects.order_by("position").values_list("number", flat=True))
    assert numbers == ["1", "2"]
