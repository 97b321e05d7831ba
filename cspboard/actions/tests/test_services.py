import datetime

import pytest
from django.core.exceptions import ValidationError

from cspboard.actions import selectors, services
from cspboard.actions.models import ActionItem, ActionProposal
from cspboard.actions.rag import computed_rag, rag_of
from cspboard.boards.tests.factories import BoardFactory
from cspboard.meetings import services as meeting_services
from cspboard.meetings.tests.factories import MeetingFactory
from cspboard.people.tests.factories import PersonFactory

D = datetime.date


@pytest.mark.parametrize(
    ("target", "last_update", "expected"),
    [
        (D(2024, 3, 1), None, "R"),  # overdue
        (D(2024, 3, 20), None, "A"),  # due within 14 days, no update since raised
        (D(2024, 3, 20), D(2024, 3, 5), "G"),  # due soon but updated
        (D(2024, 6, 1), None, "G"),
        (None, None, "A"),  # no date yet
    ],
)
def test_rag_rule(target, last_update, expected):
    assert (
        computed_rag(
            status="open",
            target_date=target,
            raised_on=D(2024, 1, 10),
            last_update_on=last_update,
            today=D(2024, 3, 10),
        )
        == expected
    )


def test_closed_actions_have_no_rating_and_an_override_wins():
    assert (
        computed_rag(
            status="closed",
            target_date=D(2020, 1, 1),
            raised_on=D(2019, 1, 1),
            last_update_on=None,
            today=D(2024, 1, 1),
        )
        == ""
    )
    action = ActionItem(
        status="open",
        target_date=D(2020, 1, 1),
        raised_on=D(2019, 1, 1),
        rag_override="A",
        rag_override_reason="Dates reset",
    )
    assert rag_of(action, D(2024, 1, 1)) == "A"


@pytest.mark.django_db
def test_actions_are_numbered_per_board_and_validated():
    board, other = BoardFactory(), BoardFactory()
    first = services.action_create(board=board, text="Write the protocol", raised_on=D(2017, 9, 12))
    second = services.action_create(board=board, text="Circulate funding", raised_on=D(2017, 9, 12))
    elsewhere = services.action_create(board=other, text="x")
    assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
    with pytest.raises(ValidationError):
        services.action_create(board=board, text=" ")
    with pytest.raises(ValidationError):
        services.action_create(
            board=board, text="x", raised_on=D(2018, 1, 1), target_date=D(2017, 1, 1)
        )


@pytest.mark.django_db
def test_update_close_redate_rerate_duplicate():
    board = BoardFactory()
    action = services.action_create(
        board=board,
        text="Meet the Street Watch organiser",
        raised_on=D(2017, 12, 13),
        target_date=D(2018, 3, 13),
    )
    services.action_update_post(action=action, text="Met with StreetWatch", today=D(2018, 3, 1))
    assert action.last_update_on == D(2018, 3, 1)
    with pytest.raises(ValidationError):
        services.action_set_rag(action=action, rag="A", reason="")
    services.action_set_rag(action=action, rag="A", reason="Reset dates")
    services.action_redate(action=action, target_date=D(2018, 6, 1))
    other = services.action_create(board=board, text="Meet the Street Watch organiser again")
    assert selectors.similar_open_actions(board=board, text=action.text, exclude_pk=action.pk) == [
        other
    ]
    services.action_mark_duplicate(action=other, of=action)
    other.refresh_from_db()
    assert other.status == "duplicate" and other.duplicate_of == action
    services.action_close(action=action)
    action.refresh_from_db()
    assert action.status == "closed" and action.rag_override == ""


@pytest.mark.django_db
def test_bulk_at_the_meeting():
    board = BoardFactory()
    actions = [services.action_create(board=board, text=f"Action {n}") for n in range(3)]
    services.actions_bulk(actions=actions[:2], target_date=D(2031, 1, 1))
    services.actions_bulk(actions=actions[2:], close=True)
    assert [a.target_date for a in ActionItem.objects.order_by("number")][:2] == [D(2031, 1, 1)] * 2
    assert ActionItem.objects.get(number=3).status == "closed"
    with pytest.raises(ValidationError):
        services.actions_bulk(actions=actions)


@pytest.mark.django_db
def test_saving_minutes_proposes_actions_once_and_confirming_creates_them():
    board = BoardFactory()
    meeting = MeetingFactory(board=board, status="held", date=D(2017, 12, 13))
    jt = PersonFactory(name="Jonathon Toy")
    tb = PersonFactory(name="Tim Barfoot")
    meeting_services.attendance_record(meeting=meeting, person=jt)
    meeting_services.attendance_record(meeting=meeting, person=tb)
    item = meeting_services.agenda_item_add(meeting=meeting, title="PSPO")
    minutes = (
        "<p>Jonathon Toy (JT) and Tim Barfoot (TB) attended.</p>"
        "<p>ACTION: JT and TB to compile an operation plan for the PSPOs by end of March 2018.</p>"
    )
    meeting_services.item_minutes_set(item=item, minutes=minutes)
    meeting_services.item_minutes_set(item=item, minutes=minutes + "<p>More notes.</p>")
    proposal = ActionProposal.objects.get()
    assert proposal.due == D(2018, 3, 31)
    assert {o["person_id"] for o in proposal.owners} == {jt.pk, tb.pk}
    action = services.proposal_confirm(proposal=proposal)
    assert set(action.owners.all()) == {jt, tb} and action.meeting == meeting
    assert action.target_date == D(2018, 3, 31)
    meeting_services.item_minutes_set(item=item, minutes=minutes)
    assert ActionProposal.objects.count() == 1 and ActionItem.objects.count() == 1
