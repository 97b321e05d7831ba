"""The log's own download, edited and imported back: each edit shown, then made; a row the log
cannot take refused with its reason; the withheld column kept as the items say."""

import csv
import io

import pytest

from cspboard.actions import services
from cspboard.actions.exports import export_file, whole_log
from cspboard.actions.import_plan import plan_import
from cspboard.actions.imports import ImportInvalid, actions_import
from cspboard.actions.models import ActionItem
from cspboard.actions.spreadsheets import read_spreadsheet

from .seed_log import SEED_LOG
from .test_imports import TODAY, rows_of, snapshot
from .test_imports import board as board  # noqa: F401 (a fixture)
from .test_new_views import upload

pytestmark = pytest.mark.django_db


def exported(of, **kwargs):
    content = export_file(of, whole_log(of, TODAY), "csv", **kwargs).content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def as_file(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def seeded(board):
    actions_import(board=board, rows=rows_of(SEED_LOG, "log.txt"), today=TODAY)
    return board


def test_edits_to_the_export_are_shown_then_made(seeded):
    rows = exported(seeded, with_withheld=True)
    header, first, second, third = rows[0], rows[1], rows[2], rows[3]
    assert header[-1] == "Withheld (Schedule 12A)"
    assert (first[0], first[6]) == ("1", "Open")
    first[6] = "Closed"
    second[4] = "30 June 2018"
    second[7] = "Funding agreed with MOPAC"
    third[2] = "Jade Hodgson"
    file = read_spreadsheet("log.csv", as_file(rows))

    plan = plan_import(board=seeded, rows=file, today=TODAY)
    assert plan.is_valid and plan.new_rows == []
    assert [r.existing_number for r in plan.changed_rows] == [1, 2, 3]
    assert len(plan.on_log_rows) == 7
    changes = {r.existing_number: [(c.label, c.old, c.new) for c in r.changes] for r in plan.rows}
    assert changes[1] == [("Open/Closed", "Open", "Closed")]
    assert ("Target completion", "30 March 2018", "30 June 2018") in changes[2]
    assert ("New update", "", "Funding agreed with MOPAC") in changes[2]
    old_lead = ActionItem.objects.get(board=seeded, number=3).owners.get().name
    assert changes[3] == [("Lead", old_lead, "Jade Hodgson")]

    result = actions_import(board=seeded, rows=file, today=TODAY)
    assert [a.number for a in result.changed] == [1, 2, 3] and result.created == []
    one, two, three = ActionItem.objects.filter(board=seeded, number__in=[1, 2, 3])
    assert one.status == "closed" and one.closed_on == TODAY
    assert one.history.first().history_type == "~"  # through the services, with history
    assert two.target_date.isoformat() == "2018-06-30"
    latest = two.updates.order_by("-pk").first()
    assert (latest.text, latest.source) == ("Funding agreed with MOPAC", "import")
    assert [p.name for p in three.owners.all()] == ["Jade Hodgson"]
    # The same file again changes nothing more.
    before = snapshot(seeded)
    again = actions_import(board=seeded, rows=file, today=TODAY)
    assert again.changed == [] and again.on_log == 10
    assert snapshot(seeded) == before


def test_reopening_and_rating(seeded):
    services.action_close(action=ActionItem.objects.get(board=seeded, number=5))
    rows = exported(seeded)
    rows[5][6] = "Open"
    rows[1][5] = "G"  # overdue (red by the dates): the officer's rating, with a reason
    plan = plan_import(board=seeded, rows=read_spreadsheet("l.csv", as_file(rows)), today=TODAY)
    changes = {r.existing_number: [(c.label, c.old, c.new) for c in r.changes] for r in plan.rows}
    assert changes[5][0] == ("Open/Closed", "Closed", "Open")
    assert changes[1] == [("Status (RAG) set by the officer", "Red", "Green")]
    actions_import(board=seeded, rows=read_spreadsheet("l.csv", as_file(rows)), today=TODAY)
    five, one = (ActionItem.objects.get(board=seeded, number=n) for n in (5, 1))
    assert five.status == "open" and five.closed_on is None
    assert one.rag_override == "G" and one.rag_override_reason


def test_rows_the_log_cannot_take_are_refused_with_the_reason(seeded):
    rows = exported(seeded, with_withheld=True)
    rows[1][3] = "1 January 2016"  # another meeting
    rows[2][6] = "Duplicate"
    rows[3][8] = "Paragraph 3"  # an import cannot withhold
    rows[4][2] = "Nobody Known"
    rows.append(["", "A new secret action", "", "13 December 2017", "", "", "", "", "Paragraph 1"])
    rows.append(rows[6][:4] + ["1 May 2019"] + rows[6][5:])  # action 6 twice, changed
    before = snapshot(seeded)
    file = read_spreadsheet("log.csv", as_file(rows))
    plan = plan_import(board=seeded, rows=file, today=TODAY)
    errors = {r.row: r.errors for r in plan.rows if r.errors}
    assert "Action 1 was raised on 12 September 2017, not 1 January 2016" in errors[2][0]
    assert "cannot be marked a duplicate by an import" in errors[3][0]
    assert "Action 3 is not withheld, and an import cannot withhold it" in errors[4][0]
    assert "“Nobody Known” in “Lead” is not anyone in the register" in errors[5][0]
    assert "A new action cannot be withheld by an import" in errors[12][0]
    assert errors[13] == ["Row 7 is action 6 too: give each action one row"]
    assert len(errors) == 6
    with pytest.raises(ImportInvalid):
        actions_import(board=seeded, rows=file, today=TODAY)
    assert snapshot(seeded) == before


def test_a_withheld_action_stays_marked(log):
    """The officer's download imported back unedited: the withheld marks agree; clearing one
    is refused (an import never makes an action public)."""
    rows = exported(log.board, with_withheld=True)
    assert rows[0][0].startswith("NOT FOR PUBLICATION")
    before = snapshot(log.board)
    file = read_spreadsheet("l.csv", as_file(rows))
    result = actions_import(board=log.board, rows=file, today=TODAY)
    assert result.changed == [] and result.created == []
    assert snapshot(log.board) == before
    secret = next(r for r in rows[1:] if r[1] == "SECRET-ACTION visit the named family")
    secret[8] = ""
    plan = plan_import(board=log.board, rows=read_spreadsheet("l.csv", as_file(rows)))
    (refused,) = plan.invalid_rows
    assert "is withheld (paragraph 1) by its agenda item" in refused.errors[0]


def test_the_preview_shows_each_change_and_the_message_says_what_was_done(client, log):
    client.force_login(log.officer)
    rows = exported(log.board, with_withheld=True)
    public = next(r for r in rows[1:] if r[1] == "PUBLIC-ACTION publish the plan")
    public[6], public[7] = "Closed", "Published on the website"
    response = upload(client, as_file(rows).decode())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Changes action 1" in html and "Import 1 row" in html
    assert "<del>Open</del>" in html and "<ins>Closed</ins>" in html
    assert "<ins>Published on the website</ins>" in html
    assert ActionItem.objects.get(pk=log.public_action.pk).status == "open"  # not yet
    response = client.post(
        "/boards/csp/actions/import/", {"step": "confirm", "token": response.context["token"]}
    )
    assert response.status_code == 302
    assert ActionItem.objects.get(pk=log.public_action.pk).status == "closed"
    page = client.get(response["Location"]).content.decode()
    assert "1 action changed (1) from log.csv." in page
