import datetime

import pytest

from cspboard.boards.access import PUBLIC, access_for
from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def member_user(board, role=Role.MEMBER, **membership):
    user = UserFactory()
    person = PersonFactory(user=user)
    MembershipFactory(person=person, board=board, role=role, **membership)
    return user


def test_anonymous_visitor_has_public_access_only(client):
    board = BoardFactory()
    assert access_for(None) is PUBLIC
    assert not PUBLIC.can_see_withheld(board.pk)
    assert not PUBLIC.is_officer(board.pk)


def test_member_sees_own_board_and_its_subgroups_not_the_parent():
    parent = BoardFactory()
    child = BoardFactory(parent=parent)
    grandchild = BoardFactory(parent=child)
    other = BoardFactory()
    access = access_for(member_user(child))
    assert access.can_see_withheld(child.pk)
    assert access.can_see_withheld(grandchild.pk)
    assert not access.can_see_withheld(parent.pk)
    assert not access.can_see_withheld(other.pk)
    assert not access.is_officer(child.pk)


def test_member_of_parent_board_sees_subgroups():
    parent = BoardFactory()
    child = BoardFactory(parent=parent)
    access = access_for(member_user(parent))
    assert access.can_see_withheld(child.pk)


def test_ended_membership_gives_no_access():
    board = BoardFactory()
    user = member_user(board, start=datetime.date(2017, 1, 1), end=datetime.date(2019, 1, 1))
    assert not access_for(user).can_see_withheld(board.pk)
    assert access_for(user, today=datetime.date(2018, 6, 1)).can_see_withheld(board.pk)


def test_membership_not_yet_started_gives_no_access():
    board = BoardFactory()
    user = member_user(board, start=datetime.date.today() + datetime.timedelta(days=7))
    assert not access_for(user).can_see_withheld(board.pk)


@pytest.mark.parametrize("role", [Role.OFFICER, Role.CONTACT_OFFICER])
def test_officer_roles_can_edit_their_board(role):
    board = BoardFactory()
    sub = BoardFactory(parent=board)
    access = access_for(member_user(board, role=role))
    assert access.is_officer(board.pk) and access.is_officer(sub.pk)
    assert access.can_see_withheld(board.pk)


def test_user_without_person_is_like_the_public_but_signed_in():
    board = BoardFactory()
    access = access_for(UserFactory())
    assert access.authenticated
    assert not access.can_see_withheld(board.pk)


def test_superuser_sees_everything():
    board = BoardFactory()
    access = access_for(UserFactory(is_superuser=True))
    assert access.can_see_withheld(board.pk) and access.is_officer(board.pk)
