"""Importing an action log: every row checked, all or nothing, nothing twice, and the log's own
export imported back changes nothing."""

import datetime

import pytest

from cspboard.actions import services
from cspboard.actions.exports import whole_log
from cspboard.actions.import_plan import plan_import
from cspboard.actions.imports import ImportInvalid, actions_import
from cspboard.actions.models import ActionItem, ActionUpdate
from cspboard.actions.spreadsheets import HEADERS, read_spreadsheet, write_csv, write_xlsx
from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.meetings.services import meeting_create
from cspboard.people.models import PersonAlias
from cspboard.people.tests.factories import OrganisationFactory, PersonFactory

from .seed_log import SEED_LOG, SEED_PEOPLE

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2018, 3, 28)
HEADER = ",".join(HEADERS)


def rows_of(text, name="log.csv"):
    return read_spreadsheet(name, text.encode())


@pytest.fixture
def board():
    board = BoardFactory(slug="csp", name="Community Safety Partnership Board")
    for name, honorific in SEED_PEOPLE:
        MembershipFactory(board=board, person=PersonFactory(name=name, honorific=honorific))
    meeting_create(board=board, date=D(2017, 12, 13), start_time=datetime.time(10))
    return board


def snapshot(board):
    """Everything an import could change."""
    actions = [
        (
            a.number,
            a.text,
            a.status,
            a.target_date,
            a.raised_on,
            a.meeting_id,
            a.rag_override,
            a.lead_text,
            tuple(sorted(a.owners.values_list("pk", flat=True))),
        )
        for a in ActionItem.objects.filter(board=board).order_by("number")
    ]
    return actions, ActionUpdate.objects.count(), ActionItem.history.count()


def test_the_seeds_log_imports_with_its_leads_dates_and_comments(board):
    result = actions_import(board=board, rows=rows_of(SEED_LOG, "log.txt"), today=TODAY)
    assert len(result.created) == 10 and result.on_log == 0
    actions = list(ActionItem.objects.filter(board=board).order_by("number"))
    assert [a.number for a in actions] == list(range(1, 11))
    first = actions[0]
    assert [p.name for p in first.owners.all()] == ["Jonathon Toy"]  # "Jonathan Toy"
    assert (first.raised_on, first.meeting, first.target_date) == (
        D(2017, 9, 12),
        None,  # no meeting of that date is recorded
        D(2018, 2, 28),
    )
    fourth = actions[3]
    assert sorted(p.name for p in fourth.owners.all()) == [
        "Daniel James",  # "Dan James"
        "Jade Hodgson",
        "Jonathon Toy",
    ]
    assert fourth.meeting.date == D(2017, 12, 13)
    assert fourth.lead_text == "Jonathon Toy/ Dan James/ Jade Hodgson"
    assert [u.text for u in fourth.updates.all()] == ["Reviewed CDSA"]
    assert fourth.updates.get().source == "import"
    assert actions[4].target_date is None  # "Date TBC"
    # R on an overdue action is what the dates say; A on it is the log's own rating.
    assert first.rag_override == ""
    assert actions[2].rag_override == "A"
    assert actions[2].rag_override_reason == "As rated in the imported spreadsheet"


def test_importing_twice_creates_nothing(board):
    rows = rows_of(SEED_LOG, "log.txt")
    actions_import(board=board, rows=rows, today=TODAY)
    before = snapshot(board)
    result = actions_import(board=board, rows=rows, today=TODAY)
    assert result.created == [] and result.on_log == 10
    assert snapshot(board) == before
    plan = plan_import(board=board, rows=rows, today=TODAY)
    assert {r.note for r in plan.rows} == {
        f"Already on the log as action {n}" for n in range(1, 11)
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_round_trip_changes_nothing(board, fmt):
    actions_import(board=board, rows=rows_of(SEED_LOG, "log.txt"), today=TODAY)
    services.action_close(action=ActionItem.objects.get(board=board, number=9))
    write = write_csv if fmt == "csv" else write_xlsx
    exported = write(whole_log(board, TODAY))
    before = snapshot(board)

    result = actions_import(board=board, rows=read_spreadsheet(f"log.{fmt}", exported))
    assert result.created == [] and result.on_log == 10
    assert snapshot(board) == before


def test_the_export_imported_into_another_board_exports_the_same(board):
    """Every column survives: an empty board given the export exports it again unchanged."""
    actions_import(board=board, rows=rows_of(SEED_LOG, "log.txt"), today=TODAY)
    services.action_close(action=ActionItem.objects.get(board=board, number=9))
    services.action_set_rag(
        action=ActionItem.objects.get(board=board, number=1), rag="G", reason="Nearly done"
    )
    first = write_csv(whole_log(board, TODAY))

    other = BoardFactory(slug="other")
    for membership in board.memberships.all():
        MembershipFactory(board=other, person=membership.person)
    meeting_create(board=other, date=D(2017, 12, 13), start_time=datetime.time(10))
    result = actions_import(board=other, rows=read_spreadsheet("log.csv", first), today=TODAY)
    assert len(result.created) == 10
    assert write_csv(whole_log(other, TODAY)) == first


BAD_ROWS = f"""{HEADER}
1,Circulate the plan,Nobody Known,13 December 2017,,,,
2,,Jade Hodgson,13 December 2017,,,,
3,Review the CDSA,Jade Hodgson,the 40th of Smarch,,,,
4,Review the CDSA,Jade Hodgson,13 December 2017,soon-ish,,,
5,Close the gap,Jade Hodgson,13 December 2017,1 March 2017,,,
6,Rate it,Jade Hodgson,13 December 2017,,Purple,Maybe,
seven,Number it,Jade Hodgson,13 December 2017,,,,
8,Good row,Jade Hodgson,13 December 2017,,,,
8,Same number,Jade Hodgson,13 December 2017,,,,
10,Meet the police,JH,13 December 2017,,,,
11,Meet the organiser,,,,,,
"""


def test_every_rows_errors_are_listed_and_nothing_is_written(board):
    # "JH" is Jade Hodgson or John Hall
    MembershipFactory(board=board, person=PersonFactory(name="John Hall"))
    before = snapshot(board)
    plan = plan_import(board=board, rows=rows_of(BAD_ROWS), today=TODAY)
    errors = {row.row: row.errors for row in plan.rows}
    assert "“Nobody Known” in “Lead” is not anyone in the register" in errors[2][0]
    assert errors[3] == ["Enter the action: “Action Required” is empty"]
    assert "“the 40th of Smarch” in “Date of meeting” is not a date" in errors[4][0]
    assert "“soon-ish” in “Target Completion” is not a date" in errors[5][0]
    assert errors[6] == ["The target date is before the date of the meeting"]
    assert "“Maybe” in “Open/Closed” must be Open or Closed" in errors[7]
    assert "“Purple” in “Status (RAG)” must be R, A or G, or blank" in errors[7]
    assert errors[8] == ["“seven” in “No.” is not an action number"]
    assert errors[9] == []
    assert errors[10] == ["Row 9 has the same number, 8"]
    assert errors[11][0].startswith("“JH” in “Lead” could be Jade Hodgson or John Hall")
    assert "Enter the date of the meeting that raised the action" in errors[12]
    assert not plan.is_valid
    with pytest.raises(ImportInvalid) as raised:
        actions_import(board=board, rows=rows_of(BAD_ROWS), today=TODAY)
    assert len(raised.value.plan.invalid_rows) == 10
    assert snapshot(board) == before


def test_dates_in_the_seeds_forms_and_excel_dates(board):
    text = f"""{HEADER}
,Write it,Jade Hodgson,12 September 2017,28/02/2018,,,
,Send it,Jade Hodgson,2017-12-13,Wednesday 18 December 2019,,,
,Check it,Jade Hodgson,13/12/2017,43281,,,
,Plan it,Jade Hodgson,13th December 2017,June 2018,,,
,Say it,Jade Hodgson,13 Dec 2017,TBC,,,
"""
    plan = plan_import(board=board, rows=rows_of(text), today=TODAY)
    assert plan.is_valid
    assert [(r.raised_on, r.target_date) for r in plan.rows] == [
        (D(2017, 9, 12), D(2018, 2, 28)),
        (D(2017, 12, 13), D(2019, 12, 18)),
        (D(2017, 12, 13), D(2018, 6, 30)),
        (D(2017, 12, 13), D(2018, 6, 30)),
        (D(2017, 12, 13), None),
    ]


def test_leads_that_are_organisations_groups_or_aliases(board):
    OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    jade = board.memberships.get(person__name="Jade Hodgson").person
    PersonAlias.objects.create(person=jade, alias="JH", kind="initials")
    text = f"""{HEADER}
,Share the data,Metropolitan Police Service,13 December 2017,,,,
,Sign the ISA,All partners,13 December 2017,,,,
,Update the log,JH,13 December 2017,,,,
,Meet the groups,the police,13 December 2017,,,,
,Nobody's job,,13 December 2017,,,,
"""
    result = actions_import(board=board, rows=rows_of(text), today=TODAY)
    mps, partners, log, police, nobody = result.created
    assert mps.owner_organisation.short_name == "MPS"
    assert partners.all_partners and partners.lead_text == "All partners"
    assert list(log.owners.all()) == [jade]
    assert police.lead_text == "the police" and not police.owners.exists()
    assert nobody.lead_text == "" and not nobody.owners.exists()


def test_someone_in_the_register_but_not_on_the_board_is_found(board):
    guest = PersonFactory(name="Rita Chadha")
    text = f"{HEADER}\n,Provide the address,Rita Chadha,13 December 2017,,,,\n"
    (action,) = actions_import(board=board, rows=rows_of(text), today=TODAY).created
    assert list(action.owners.all()) == [guest]


def test_numbers_are_kept_and_the_rest_follow(board):
    services.action_create(board=board, text="Already here", raised_on=D(2017, 1, 1))
    text = f"""{HEADER}
,First new,,13 December 2017,,,,
7,Numbered,,13 December 2017,,,,
,Second new,,13 December 2017,,,,
,First new,,13 December 2017,,,,
"""
    result = actions_import(board=board, rows=rows_of(text), today=TODAY)
    assert [(a.number, a.text) for a in result.created] == [
        (8, "First new"),
        (7, "Numbered"),
        (9, "Second new"),
    ]
    assert result.on_log == 1  # the last row repeats the first
    assert (
        plan_import(board=board, rows=rows_of(text)).rows[3].note
        == "Already on the log as action 8"
    )


def test_a_matching_text_and_date_is_the_same_action_whatever_the_case(board):
    services.action_create(
        board=board, text="Penny Pyke to remove the reference.", raised_on=D(2017, 12, 13)
    )
    text = f"{HEADER}\n,PENNY PYKE to remove the reference,,13 December 2017,,,,\n"
    result = actions_import(board=board, rows=rows_of(text), today=TODAY)
    assert result.created == [] and result.on_log == 1


def test_an_empty_file_is_not_valid(board):
    plan = plan_import(board=board, rows=[], today=TODAY)
    assert not plan.is_valid
