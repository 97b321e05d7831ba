"""Every officer page and action, for each kind of visitor: only the board's officers (and site
administrators) get in; anyone else signed in gets 404, as if the page did not exist; anonymous
visitors are sent to sign in. Nothing changes when someone who may not tries a POST."""

import datetime

import pytest
from django.core import mail

from cspboard.boards.choices import Role
from cspboard.boards.models import Membership, SharingAgreement
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.people.models import Person
from cspboard.people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

VISITORS = ["anonymous", "outsider", "other_officer", "subgroup_officer", "member", "chair"]
ALLOWED = ["officer", "admin"]


def user_for(scenario, visitor):
    if visitor == "anonymous":
        return None
    if visitor == "admin":
        return UserFactory(is_superuser=True)
    if visitor in ("officer", "member", "outsider"):
        return getattr(scenario, visitor)
    board, role = {
        "other_officer": (scenario.other, Role.OFFICER),
        "subgroup_officer": (scenario.subgroup, Role.OFFICER),
        "chair": (scenario.board, Role.CHAIR),
    }[visitor]
    user = UserFactory(username=visitor)
    MembershipFactory(person=PersonFactory(user=user), board=board, role=role)
    return user


@pytest.fixture
def target(scenario):
    """A member of the board with an e-mail address, and an organisation's agreement."""
    person = PersonFactory(name="Tina Target", email="tina@example.org", slug="tina-target")
    membership = MembershipFactory(
        person=person, board=scenario.board, start=datetime.date(2020, 1, 1)
    )
    return membership


def urls(scenario, target):
    org = target.person.organisation.slug
    return {
        "members": "/boards/csp/members/",
        "add": "/boards/csp/members/add/",
        "chair": "/boards/csp/members/chair/",
        "history": "/boards/csp/members/history/",
        "end": f"/boards/csp/members/{target.pk}/end/",
        "agreement": f"/boards/csp/sharing-agreements/{org}/",
        "delete": f"/people/{target.person.slug}/delete/",
    }


def posts(scenario, target):
    org = target.person.organisation.slug
    return {
        "add": (
            "/boards/csp/members/add/",
            {"name": "Intruder", "role": "member", "start": "01/01/2024"},
        ),
        "chair": (
            "/boards/csp/members/chair/",
            {"new_chair": target.person.pk, "from_date": "01/01/2024", "outgoing": "leaves"},
        ),
        "end": (f"/boards/csp/members/{target.pk}/end/", {"end": "01/01/2024"}),
        "agreement": (
            f"/boards/csp/sharing-agreements/{org}/",
            {"status": "sent", "sent_on": "01/01/2024"},
        ),
        "invite": (f"/accounts/invite/{target.person.slug}/", {}),
        "delete": (f"/people/{target.person.slug}/delete/", {}),
    }


def snapshot():
    return (
        list(Membership.objects.values_list("pk", "person_id", "role", "start", "end")),
        list(SharingAgreement.objects.values_list("pk", "status")),
        list(Person.objects.values_list("pk", "user_id")),
        len(mail.outbox),
    )


def signed_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("visitor", VISITORS + ALLOWED)
def test_officer_pages(client, scenario, target, visitor):
    c = signed_in(client, user_for(scenario, visitor))
    for name, url in urls(scenario, target).items():
        response = c.get(url)
        if visitor == "anonymous":
            assert response.status_code == 302, name
            assert response["Location"].startswith("/accounts/login/?next="), name
        elif visitor in ALLOWED:
            assert response.status_code == 200, name
            assert "no-store" in response["Cache-Control"], name
        else:
            assert response.status_code == 404, name
            assert "Tina Target" not in response.content.decode(), name


@pytest.mark.parametrize("visitor", VISITORS)
def test_officer_actions_refused(client, scenario, target, visitor):
    c = signed_in(client, user_for(scenario, visitor))
    for name, (url, data) in posts(scenario, target).items():
        before = snapshot()
        response = c.post(url, data)
        expected = 302 if visitor == "anonymous" else 404
        assert response.status_code == expected, (name, response.status_code)
        if visitor == "anonymous":
            assert response["Location"].startswith("/accounts/login/"), name
        assert snapshot() == before, name


@pytest.mark.parametrize("visitor", ALLOWED)
def test_officer_actions_allowed(client, scenario, target, visitor):
    c = signed_in(client, user_for(scenario, visitor))
    for name, (url, data) in posts(scenario, target).items():
        response = c.post(url, data)
        if name == "delete":  # allowed to try; refused, since a membership names them
            assert response.status_code == 409
            assert "End the membership instead" in response.content.decode()
        else:
            assert response.status_code == 302, (name, response.status_code)


def test_only_site_administrators_may_delete_someone_on_no_board(client, scenario):
    nobody = PersonFactory(slug="nobody")
    client.force_login(scenario.officer)
    assert client.post("/people/nobody/delete/").status_code == 404
    client.force_login(UserFactory(is_superuser=True))
    assert client.post("/people/nobody/delete/").status_code == 302
    assert not Person.objects.filter(pk=nobody.pk).exists()


def test_officer_of_a_parent_board_manages_its_subgroups(client, scenario):
    client.force_login(scenario.officer)
    assert client.get("/boards/vawg/members/").status_code == 200
    assert client.get("/boards/other/members/").status_code == 404


def test_unknown_board_or_membership_is_404_for_officers(client, scenario, target):
    client.force_login(scenario.officer)
    other = MembershipFactory(board=scenario.other)
    assert client.get("/boards/nope/members/").status_code == 404
    # A membership of another board cannot be reached through this board's address.
    assert client.get(f"/boards/csp/members/{other.pk}/end/").status_code == 404
    assert client.get("/boards/csp/sharing-agreements/no-such-org/").status_code == 404


def test_board_page_links_officers_to_the_members_page(client, scenario):
    link = "/boards/csp/members/"
    assert link not in client.get("/boards/csp/").content.decode()
    client.force_login(scenario.member)
    assert link not in client.get("/boards/csp/").content.decode()
    client.force_login(scenario.officer)
    assert link in client.get("/boards/csp/").content.decode()


def test_methods_other_than_get_and_post_are_refused(client, scenario, target):
    client.force_login(scenario.officer)
    assert client.put("/boards/csp/members/add/").status_code == 405
    assert client.post("/boards/csp/members/").status_code == 405
    assert client.get(f"/accounts/invite/{target.person.slug}/").status_code == 405
