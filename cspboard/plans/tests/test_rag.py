import datetime

import pytest

from cspboard.actions.models import ActionLogSettings
from cspboard.boards.tests.factories import BoardFactory
from cspboard.plans.rag import amber_within_days, plan_action_rag

TODAY = datetime.date(2024, 1, 10)


def rag(**kwargs):
    values = {
        "status": "in_progress",
        "due_on": TODAY + datetime.timedelta(days=20),
        "started_on": datetime.date(2023, 4, 1),
        "last_update_on": None,
        "rag_override": "",
        "today": TODAY,
        "amber_days": 14,
    }
    return plan_action_rag(**(values | kwargs))


def test_the_action_logs_rule():
    assert rag() == "G"
    assert rag(amber_days=30) == "A"  # due within the window with no update since it started
    assert rag(amber_days=30, last_update_on=datetime.date(2024, 1, 2)) == "G"
    assert rag(due_on=TODAY - datetime.timedelta(days=1)) == "R"
    assert rag(due_on=None) == "A"
    assert rag(rag_override="R") == "R"
    assert rag(status="complete", due_on=TODAY - datetime.timedelta(days=1)) == ""


@pytest.mark.django_db
def test_the_boards_window_is_its_action_log_settings():
    board = BoardFactory()
    assert amber_within_days(board.pk) == 14
    ActionLogSettings.objects.create(board=board, amber_within_days=30)
    assert amber_within_days(board.pk) == 30
