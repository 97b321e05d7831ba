"""The stored performance report of the demo's data (demo) is the live report (performance)."""

import pytest

from cspboard.boards.models import Board
from cspboard.demo.loader import Loader
from cspboard.demo.performance import load_performance
from cspboard.performance.report import months_with_data
from cspboard.performance.tests.factories_web import REPORT_MONTH
from cspboard.performance.tests.stored_checks import assert_same_as_live

pytestmark = pytest.mark.django_db


def test_the_stored_report_of_the_demo_data_is_the_live_report(db):
    """The demo's 33 indicators: entered, counted from recorded-crime counts and street crimes,
    rates, percentages, year-to-date figures, overrides, published commentary."""
    loader = Loader()
    loader.load_partnership()
    load_performance(boards=loader.boards, data_dir=loader.data_dir, counts=loader.counts)
    board = Board.objects.get(slug="csp")
    for month, drafts in [
        (REPORT_MONTH, False),
        (REPORT_MONTH, True),
        (months_with_data(board)[-1], False),
    ]:
        assert_same_as_live(board, month, drafts)
