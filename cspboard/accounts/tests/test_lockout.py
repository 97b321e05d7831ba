"""Failed sign-ins lock a username at one address, and an address trying many usernames; five
wrong passwords typed by someone else, elsewhere, never lock the chair out."""

import pytest

from cspboard.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
LOCKED = "Your account is locked for now"
ATTACKER = "203.0.113.9"
CHAIR_OFFICE = "198.51.100.20"


def sign_in(client, username, password, address):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_wrong_passwords_from_elsewhere_do_not_lock_the_chair_out(client, scenario, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "member", "wrong", ATTACKER)
    assert LOCKED in sign_in(client, "member", PASSWORD, ATTACKER).content.decode()

    response = sign_in(client, "member", PASSWORD, CHAIR_OFFICE)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(scenario.member.pk)


def test_one_address_trying_many_usernames_is_stopped(client, scenario, settings):
    tries = 0
    while tries < settings.AXES_ADDRESS_FAILURE_LIMIT:
        sign_in(client, f"guess{tries}@example.org", "wrong", ATTACKER)
        tries += 1
    # Each username was tried once, yet the address is now refused, even the right password.
    response = sign_in(client, "member", PASSWORD, ATTACKER)
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    # Other addresses are not.
    assert sign_in(client, "member", PASSWORD, CHAIR_OFFICE).status_code == 302


def test_a_council_office_behind_one_address_is_not_locked_by_a_few_mistakes(
    client, scenario, settings
):
    """Several people at one address each mistyping a few times stay under the address limit."""
    for name in ("alice", "bob", "carol"):
        UserFactory(username=name)
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            sign_in(client, name, "wrong", CHAIR_OFFICE)
    assert sign_in(client, "member", PASSWORD, CHAIR_OFFICE).status_code == 302


def test_signing_in_does_not_clear_the_address_failures(client, scenario, settings):
    """A sprayer holding one good password cannot wipe the address's count by using it."""
    for tries in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        sign_in(client, f"guess{tries}@example.org", "wrong", ATTACKER)
    assert sign_in(client, "member", PASSWORD, ATTACKER).status_code == 302
    client.post("/accounts/logout/")
    sign_in(client, "someone-else@example.org", "wrong", ATTACKER)
    assert sign_in(client, "member", PASSWORD, ATTACKER).status_code == 429
