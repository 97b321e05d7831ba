"""The demo's action log (cspboard/demo/data/actions.yaml), loaded through the services."""

import datetime

import pytest

from cspboard.actions.import_plan import plan_import
from cspboard.actions.models import ActionItem
from cspboard.actions.spreadsheets import read_spreadsheet
from cspboard.actions.tests.seed_log import SEED_LOG
from cspboard.boards.models import Board
from cspboard.demo.loader import load_demo
from cspboard.demo.tests.helpers import quick_pdf

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def demo():
    result = load_demo(today=D(2026, 1, 1), render_pdf=quick_pdf)
    assert result.counts["actions"] == 32
    return Board.objects.get(slug="csp")


def test_the_demo_log(demo):
    actions = list(ActionItem.objects.filter(board=demo).order_by("number"))
    assert len(actions) == 32
    first = actions[0]
    assert first.text.startswith("Jonathan Toy to write protocol on HMO's")
    assert [p.slug for p in first.owners.all()] == ["jonathon-toy"]
    assert (first.meeting, first.raised_on, first.target_date) == (
        None,
        D(2017, 9, 12),
        D(2018, 2, 28),
    )
    assert (first.rag_override, first.rag_override_reason) == ("R", "As rated in the action log")
    assert actions[2].rag_override == "A"
    cdsa = actions[3]
    assert cdsa.meeting.date == D(2017, 12, 13) and cdsa.item.number == "4"
    assert [u.text for u in cdsa.updates.all()] == ["Reviewed CDSA"]
    assert actions[4].target_date is None  # "Date TBC"
    members = next(a for a in actions if a.text.startswith("Members to feedback"))
    assert members.all_partners and members.target_date == D(2019, 12, 18)
    closed = [a.text[:20] for a in actions if a.status == "closed"]
    assert closed == ["David Rhodes to work", "Ben Forbes to bring "]


def test_the_seeds_log_is_already_on_the_demo_log(demo):
    plan = plan_import(board=demo, rows=read_spreadsheet("log.txt", SEED_LOG.encode()))
    assert plan.is_valid and plan.new_rows == []
    assert [r.existing_number for r in plan.rows] == list(range(1, 11))


def test_the_public_log_shows_the_published_minutes_actions(client, demo):
    html = client.get("/boards/csp/actions/?status=all").content.decode()
    assert "Jade Hodgson and Fiona Taylor to review CSP action log" in html
    assert "Reviewed CDSA" in html
