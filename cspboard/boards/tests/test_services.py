import datetime

import pytest
from django.core.exceptions import ValidationError

from cspboard.boards.choices import Role
from cspboard.boards.models import Membership, SharingAgreement
from cspboard.boards.services import (
    board_hand_over_chair,
    membership_add,
    membership_add_new_person,
    membership_end,
    sharing_agreement_set,
)
from cspboard.boards.tests.factories import BoardFactory
from cspboard.people.models import Person
from cspboard.people.tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def board():
    return BoardFactory(slug="csp")


@pytest.fixture
def clerk():
    return UserFactory(username="clerk", first_name="Carol", last_name="Clerk")


def memberships(person, board):
    return list(Membership.objects.filter(person=person, board=board).order_by("start", "pk"))


# Adding and ending ------------------------------------------------------------------------------


def test_membership_add_records_who_added_it(board, clerk):
    membership = membership_add(person=PersonFactory(), board=board, start=D(2024, 4, 1), by=clerk)
    record = membership.history.get()
    assert record.history_type == "+" and record.history_user == clerk


def test_membership_add_refuses_an_end_before_the_start(board):
    with pytest.raises(ValidationError) as error:
        membership_add(person=PersonFactory(), board=board, start=D(2024, 4, 1), end=D(2024, 3, 1))
    assert "end" in error.value.error_dict


def test_membership_add_refuses_the_same_role_twice_at_once(board):
    person = PersonFactory()
    membership_add(person=person, board=board, start=D(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        membership_add(person=person, board=board, start=D(2024, 1, 1))
    assert "already holds that role" in str(error.value)
    # Another role, or the same role after the first ended, is fine.
    membership_add(person=person, board=board, role=Role.DEPUTY_CHAIR, start=D(2024, 1, 1))


def test_membership_add_new_person_is_all_or_nothing(board):
    before = Person.objects.count()
    with pytest.raises(ValidationError):
        membership_add_new_person(board=board, name="New Person", email="not-an-email")
    assert Person.objects.count() == before
    membership = membership_add_new_person(
        board=board,
        name="Nia Newcomer",
        post_title="Borough Commander",
        organisation=OrganisationFactory(name="Fire"),
        email="nia@example.org",
        start=D(2024, 5, 1),
    )
    assert membership.person.name == "Nia Newcomer" and membership.person.email == "nia@example.org"


def test_membership_end_sets_the_last_day_and_keeps_history(board, clerk):
    membership = membership_add(person=PersonFactory(), board=board, start=D(2020, 1, 1))
    membership_end(membership=membership, end=D(2024, 3, 31), by=clerk)
    membership.refresh_from_db()
    assert membership.end == D(2024, 3, 31)
    latest = membership.history.latest()
    assert latest.history_type == "~" and latest.history_user == clerk
    assert latest.prev_record.end is None


def test_membership_end_refuses_an_end_before_the_start(board):
    membership = membership_add(person=PersonFactory(), board=board, start=D(2020, 6, 1))
    with pytest.raises(ValidationError) as error:
        membership_end(membership=membership, end=D(2020, 5, 31))
    assert "on or after the day the membership started, 1 June 2020" in str(error.value)
    membership.refresh_from_db()
    assert membership.end is None
    membership_end(membership=membership, end=D(2020, 6, 1))  # a one-day membership is fine


# Handing over the chair -------------------------------------------------------------------------


def test_hand_over_ends_the_old_chair_the_day_before_and_starts_the_new(board, clerk):
    anne, fiona = PersonFactory(name="Anne"), PersonFactory(name="Fiona")
    membership_add(person=anne, board=board, role=Role.CHAIR, start=D(2015, 1, 1))
    fiona_member = membership_add(person=fiona, board=board, start=D(2016, 1, 1))

    new = board_hand_over_chair(board=board, new_chair=fiona, from_date=D(2018, 1, 1), by=clerk)

    assert (new.person, new.role, new.start, new.end) == (fiona, Role.CHAIR, D(2018, 1, 1), None)
    [old] = memberships(anne, board)
    assert old.end == D(2017, 12, 31)
    fiona_member.refresh_from_db()
    assert fiona_member.end == D(2017, 12, 31)  # the chair is a member: one place, not two
    assert {r.history_user for r in Membership.history.filter(history_type="~")} == {clerk}


def test_hand_over_can_keep_the_outgoing_chair_as_a_member(board):
    anne, fiona = PersonFactory(), PersonFactory()
    membership_add(person=anne, board=board, role=Role.CHAIR, start=D(2015, 1, 1))
    board_hand_over_chair(
        board=board, new_chair=fiona, from_date=D(2018, 1, 1), outgoing_stays_as_member=True
    )
    roles = [(m.role, m.start, m.end) for m in memberships(anne, board)]
    assert roles == [
        (Role.CHAIR, D(2015, 1, 1), D(2017, 12, 31)),
        (Role.MEMBER, D(2018, 1, 1), None),
    ]


def test_hand_over_ends_an_interim_chair_too(board):
    interim, fiona = PersonFactory(), PersonFactory()
    membership_add(person=interim, board=board, role=Role.INTERIM_CHAIR, start=D(2017, 6, 1))
    board_hand_over_chair(board=board, new_chair=fiona, from_date=D(2018, 1, 1))
    assert memberships(interim, board)[0].end == D(2017, 12, 31)


def test_hand_over_without_a_chair_just_starts_the_new_one(board):
    fiona = PersonFactory()
    new = board_hand_over_chair(board=board, new_chair=fiona, from_date=D(2018, 1, 1))
    assert new.role == Role.CHAIR


@pytest.mark.parametrize(
    "setup, message",
    [
        ("same_day", "hand over the chair from a later date"),
        ("already_chair", "already chairs the board"),
        ("later_chair", "is already due to take the chair"),
    ],
)
def test_hand_over_refusals_change_nothing(board, setup, message):
    anne, fiona = PersonFactory(), PersonFactory()
    start = D(2018, 1, 1) if setup == "same_day" else D(2015, 1, 1)
    membership_add(person=anne, board=board, role=Role.CHAIR, start=start)
    new_chair = anne if setup == "already_chair" else fiona
    if setup == "later_chair":
        membership_add(person=fiona, board=board, role=Role.CHAIR, start=D(2019, 1, 1))
    before = list(Membership.objects.values_list("pk", "end"))
    with pytest.raises(ValidationError) as error:
        board_hand_over_chair(board=board, new_chair=new_chair, from_date=D(2018, 1, 1))
    assert message in str(error.value)
    assert list(Membership.objects.values_list("pk", "end")) == before


def test_hand_over_is_atomic(board, monkeypatch):
    """If starting the new chair fails, the old chair's membership is not ended either."""
    anne, fiona = PersonFactory(), PersonFactory()
    membership_add(person=anne, board=board, role=Role.CHAIR, start=D(2015, 1, 1))
    from cspboard.boards import services

    real_add = services.membership_add

    def failing_add(**kwargs):
        if kwargs["role"] == Role.CHAIR:
            raise ValidationError("Simulated failure")
        return real_add(**kwargs)

    monkeypatch.setattr(services, "membership_add", failing_add)
    with pytest.raises(ValidationError):
        board_hand_over_chair(board=board, new_chair=fiona, from_date=D(2018, 1, 1))
    assert memberships(anne, board)[0].end is None


# Information sharing agreements -----------------------------------------------------------------


def test_sharing_agreement_set_creates_then_updates_one_row(board, clerk):
    police = OrganisationFactory(name="Police")
    sharing_agreement_set(
        board=board, organisation=police, status="sent", sent_on=D(2018, 1, 10), by=clerk
    )
    agreement = sharing_agreement_set(
        board=board,
        organisation=police,
        status="returned",
        sent_on=D(2018, 1, 10),
        signed_on=D(2018, 2, 1),
        returned_on=D(2018, 2, 3),
        by=clerk,
    )
    assert SharingAgreement.objects.get() == agreement
    assert agreement.get_status_display() == "Signed and returned"
    assert [r.history_user for r in agreement.history.all()] == [clerk, clerk]


@pytest.mark.parametrize(
    "status, dates, field, message",
    [
        (
            "signed",
            {"sent_on": D(2018, 2, 1), "signed_on": D(2018, 1, 1)},
            "signed_on",
            "signed must be on or after the date it was sent",
        ),
        (
            "returned",
            {"signed_on": D(2018, 2, 1), "returned_on": D(2018, 1, 1)},
            "returned_on",
            "returned must be on or after the date it was signed",
        ),
        (
            "returned",
            {"sent_on": D(2018, 2, 1), "returned_on": D(2018, 1, 1)},
            "returned_on",
            "returned must be on or after the date it was sent",
        ),
        ("not_sent", {"sent_on": D(2018, 2, 1)}, "sent_on", "Remove the date it was sent"),
        ("sent", {"signed_on": D(2018, 2, 1)}, "signed_on", "Remove the date it was signed"),
        ("signed", {"returned_on": D(2018, 2, 1)}, "returned_on", "Remove the date it was ret"),
        ("lost", {}, "status", "Choose the agreement's status"),
    ],
)
def test_sharing_agreement_dates_must_make_sense(board, status, dates, field, message):
    with pytest.raises(ValidationError) as error:
        sharing_agreement_set(
            board=board, organisation=OrganisationFactory(), status=status, **dates
        )
    assert message in " ".join(error.value.error_dict[field][0].messages)
    assert not SharingAgreement.objects.exists()
