"""The one withheld rule: an item withheld under Schedule 12A withholds everything below it, at
any depth, and everything attached to any of those items, on every route.

The leak this guards against: an officer moved an item with a sub-item under a restricted item
after its paper and an action had been added; the old checks looked only at an item and its
parent, so the sub-item's paper was served to anonymous visitors and its action listed on the
public log, its exports and the public pack.
"""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cspboard.actions.models import ActionItem
from cspboard.actions.services import action_create
from cspboard.boards.access import PUBLIC, Access
from cspboard.documents.models import Document
from cspboard.documents.tests.factories import make_document
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.models import AgendaItem, Decision, Meeting
from cspboard.meetings.permissions import (
    action_is_withheld,
    can_see_document,
    can_see_item,
    can_see_minutes,
)
from cspboard.meetings.services import agenda_item_add, agenda_item_update
from cspboard.packs.builder import build_pack
from cspboard.packs.tests.helpers import page_texts

SECRET = "DEEP-SECRET-WORD"


@pytest.fixture
def deep(scenario):
    """Under the published meeting: a public item A > B > C, each level with a paper and an
    action, then A moved under the restricted item: three levels below it."""
    s = scenario
    a = agenda_item_add(meeting=s.meeting, title="Item A", number="5")
    b = agenda_item_add(meeting=s.meeting, parent=a, title="Item B", number="(i)")
    c = agenda_item_add(meeting=s.meeting, parent=b, title="Item C", number="(a)")
    s.deep_items = [a, b, c]
    s.deep_docs = [
        make_document(item, title=f"{SECRET} paper {n}", text=f"{SECRET}-DOC-{n}")
        for n, item in enumerate(s.deep_items)
    ]
    s.deep_actions = [
        action_create(board=s.board, item=item, text=f"{SECRET} action {n}")
        for n, item in enumerate(s.deep_items)
    ]
    return s


def move_under_restricted(s):
    agenda_item_update(item=s.deep_items[0], expected_version=None, parent=s.restricted_item)


def test_before_the_move_the_public_sees_all_three_levels(client, deep):
    for doc in deep.deep_docs:
        assert client.get(doc.get_absolute_url()).status_code == 200
    assert SECRET in client.get("/boards/csp/actions/").content.decode()


def test_moved_under_a_restricted_item_every_level_is_withheld_on_every_route(client, deep):
    move_under_restricted(deep)
    items = AgendaItem.objects.filter(pk__in=[i.pk for i in deep.deep_items])
    assert {i.withheld_paragraph for i in items} == {1}
    for doc in deep.deep_docs:
        assert client.get(doc.get_absolute_url()).status_code == 404
    for url in (
        "/boards/csp/actions/",
        "/boards/csp/actions/export.csv",
        "/boards/csp/actions/export.xlsx",
        "/boards/csp/meetings/2018-03-28/",
    ):
        response = client.get(url)
        body = response.content
        assert SECRET.encode() not in body, url
    for action in deep.deep_actions:
        assert client.get(f"/boards/csp/actions/{action.number}/").status_code == 404
        action.refresh_from_db()
        assert action_is_withheld(action)
    public_pack = "\n".join(page_texts(build_pack(deep.meeting, members=False)))
    assert SECRET not in public_pack
    members_pack = "\n".join(page_texts(build_pack(deep.meeting, members=True)))
    assert f"{SECRET}-DOC-2" in members_pack


def test_lifting_the_restriction_opens_the_levels_below_again(client, deep):
    move_under_restricted(deep)
    agenda_item_update(
        item=deep.restricted_item,
        expected_version=None,
        security_marking="UNRESTRICTED",
        schedule_12a_paragraph=None,
    )
    assert client.get(deep.deep_docs[2].get_absolute_url()).status_code == 200


def test_an_item_cannot_become_a_sub_item_of_its_own_sub_items(deep):
    a, b, c = deep.deep_items
    for below in (a, b, c):
        with pytest.raises(ValidationError):
            agenda_item_update(item=a, expected_version=None, parent=below)


def test_a_paragraph_cannot_be_set_behind_the_services_back(deep):
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.filter(pk=deep.deep_items[2].pk).update(schedule_12a_paragraph=3)


def accesses(s):
    member = Access(authenticated=True, person_id=1, member_board_ids=frozenset({s.board.pk}))
    officer = Access(
        authenticated=True,
        person_id=2,
        member_board_ids=frozenset({s.board.pk}),
        officer_board_ids=frozenset({s.board.pk}),
    )
    outsider = Access(authenticated=True, person_id=3, member_board_ids=frozenset({s.other.pk}))
    return {"public": PUBLIC, "outsider": outsider, "member": member, "officer": officer}


@pytest.mark.parametrize("moved", [False, True])
def test_the_queryset_rule_and_its_row_twin_agree(deep, moved):
    """`visible_to` (the database filter) and `can_see_*` (the same rule on loaded rows) give
    the same answer for every item, paper and action, for every kind of viewer."""
    if moved:
        move_under_restricted(deep)
    for name, access in accesses(deep).items():
        seen = set(AgendaItem.objects.visible_to(access).values_list("pk", flat=True))
        for item in AgendaItem.objects.select_related("meeting"):
            assert (item.pk in seen) == can_see_item(access, item), (name, item)
        seen = set(Document.objects.visible_to(access).values_list("pk", flat=True))
        for doc in Document.objects.select_related("item__meeting"):
            assert (doc.pk in seen) == can_see_document(access, doc), (name, doc)
        seen = set(ActionItem.objects.visible_to(access).values_list("pk", flat=True))
        for action in ActionItem.objects.select_related("item", "meeting"):
            public_rule = action.meeting is not None and not action_is_withheld(action)
            public_rule = public_rule and action.meeting.status == "minutes_published"
            expected = public_rule or access.can_see_withheld(action.board_id)
            assert (action.pk in seen) == expected, (name, action)


def test_every_combination_of_three_levels_and_a_paragraph(scenario):
    """Whichever level carries the paragraph, it and every level below it are withheld."""
    s = scenario
    for level, paragraph in itertools.product(range(3), (1, 7)):
        a = agenda_item_add(meeting=s.meeting, title=f"A{level}{paragraph}")
        b = agenda_item_add(meeting=s.meeting, parent=a, title=f"B{level}{paragraph}")
        c = agenda_item_add(meeting=s.meeting, parent=b, title=f"C{level}{paragraph}")
        chain = [a, b, c]
        agenda_item_update(
            item=chain[level],
            expected_version=None,
            security_marking="RESTRICTED",
            schedule_12a_paragraph=paragraph,
        )
        for n, item in enumerate(chain):
            item.refresh_from_db()
            assert item.is_withheld == (n >= level)
            assert item.withheld_paragraph == (paragraph if n >= level else None)


@pytest.mark.parametrize("status", [s.value for s in MeetingStatus])
def test_the_minutes_rule_and_its_row_twin_agree_at_every_status(deep, status):
    """`minutes_visible_to` (items whose minutes a viewer may read) and `Decision`'s
    `visible_to` agree with `can_see_item` and `can_see_minutes` on loaded rows, at every stage
    of the meeting."""
    move_under_restricted(deep)
    Meeting.objects.filter(pk=deep.meeting.pk).update(status=status)
    for name, access in accesses(deep).items():
        seen = set(AgendaItem.objects.minutes_visible_to(access).values_list("pk", flat=True))
        for item in AgendaItem.objects.select_related("meeting"):
            expected = can_see_item(access, item) and can_see_minutes(access, item.meeting)
            assert (item.pk in seen) == expected, (name, status, item)
        decisions = set(Decision.objects.visible_to(access).values_list("pk", flat=True))
        for decision in Decision.objects.select_related("item__meeting"):
            item = decision.item
            expected = can_see_item(access, item) and can_see_minutes(access, item.meeting)
            assert (decision.pk in decisions) == expected, (name, status, decision)
