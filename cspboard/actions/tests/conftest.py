"""Fixtures shared by the action log's tests."""

import datetime

import pytest

from cspboard.actions import services

D = datetime.date


@pytest.fixture
def log(scenario):
    """The scenario's board with an action under each kind of item: public, withheld, a
    withheld item's sub-item, and draft minutes."""
    s = scenario
    s.public_action = services.action_create(
        board=s.board,
        text="PUBLIC-ACTION publish the plan",
        item=s.public_item,
        owners=[s.member.person],
        target_date=D(2018, 6, 1),
    )
    s.secret_action = services.action_create(
        board=s.board, text="SECRET-ACTION visit the named family", item=s.restricted_item
    )
    s.sub_action = services.action_create(
        board=s.board, text="SECRET-SUB-ACTION", item=s.restricted_sub
    )
    s.draft_action = services.action_create(
        board=s.board, text="DRAFT-ACTION", item=s.draft.items.get()
    )
    return s
