"""`cspboard performance-report`: JSON with each indicator's figures, the PDF through the
report's PDF module, and clear errors."""

import json
import sys
import types
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cspboard.boards.tests.factories import BoardFactory
from cspboard.performance.services import measurements_save

from .indicator_factories import make_indicator
from .seed_figures import BURGLARY, SERIOUS_YOUTH_VIOLENCE, grid

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    board = BoardFactory(slug="csp", name="Community Safety Partnership Board")
    for slug, figures, unit in (
        ("burglary", BURGLARY, "offences"),
        ("serious-youth-violence", SERIOUS_YOUTH_VIOLENCE, "victims"),
    ):
        indicator = make_indicator(board, slug=slug, unit=unit)
        measurements_save(indicator=indicator, values=grid(figures))
    return board


def run(*args) -> str:
    out = StringIO()
    call_command("performance-report", *args, stdout=out)
    return out.getvalue()


def test_json_lists_each_indicators_figures(board):
    data = json.loads(run("--board", "csp", "--month", "2018-01", "--format", "json"))
    indicators = {i["slug"]: i for s in data["sections"] for i in s["indicators"]}
    syv = indicators["serious-youth-violence"]
    assert (syv["ytd"], syv["ytd_previous"], syv["change"], syv["percent_change"]) == (
        216,
        193,
        23,
        11.9,
    )
    assert syv["target"]["text"] == "Year on year reduction"
    assert syv["rating"] == "red"
    assert syv["sentence"] == (
        "Using 2017/18 financial year to date figures at January 2018 (216 victims) shows an "
        "11.9% increase (+23 victims) when compared to the same point in the previous year "
        "(193 victims)."
    )
    burglary = indicators["burglary"]
    assert (burglary["ytd"], burglary["ytd_previous"], burglary["percent_change"]) == (
        1309,
        1046,
        25.1,
    )


def test_json_to_a_file(board, tmp_path):
    out = tmp_path / "report.json"
    assert "Wrote" in run("--board", "csp", "--month", "2018-01", "--out", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["financial_year"] == "2017/18"


def test_pdf_through_the_reports_pdf_module(board, tmp_path, monkeypatch):
    seen = []

    def report_pdf(report):
        seen.append(report)
        return b"%PDF-1.7 test"

    monkeypatch.setitem(
        sys.modules, "cspboard.performance.pdf", types.SimpleNamespace(report_pdf=report_pdf)
    )
    out = tmp_path / "report.pdf"
    run("--board", "csp", "--month", "2018-01", "--format", "pdf", "--out", str(out))
    assert out.read_bytes() == b"%PDF-1.7 test"
    assert [s.ytd for s in seen[0].indicators] == [1309, 216]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--board", "nope", "--month", "2018-01"], 'There is no board "nope".'),
        (["--board", "csp", "--month", "January"], '"January" is not a month: give it as YYYY-MM.'),
        (["--board", "csp", "--month", "2018-13"], '"2018-13" is not a month'),
        (["--board", "csp", "--month", "2018-01", "--format", "pdf"], "Give --out FILE"),
    ],
)
def test_errors(board, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
