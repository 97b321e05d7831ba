"""The site administration manages log-ins and authenticator devices: a password alone must not
open it while the second factor is required, or a stolen password could take over any account."""

import pytest
from django.contrib.auth.models import Permission

from cspboard.accounts.tests.conftest import code_for
from cspboard.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
ITEMS = "/admin/auth/user/"


def sign_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def test_an_administrator_with_a_password_alone_is_sent_to_verify(
    client, two_factor, confirmed_device
):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    device = confirmed_device(admin)
    sign_in(client, "admin")

    response = client.get(ITEMS)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/?next=%2Fadmin%2Fauth%2Fuser%2F"

    client.post("/accounts/two-factor/", {"token": code_for(device)})
    response = client.get(ITEMS)
    assert response.status_code == 200
    assert b"Select user to change" in response.content


def test_the_admin_sign_in_form_does_not_skip_the_second_factor(
    client, two_factor, confirmed_device
):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    confirmed_device(admin)
    response = client.post(
        f"/admin/login/?next={ITEMS}",
        {"username": "admin", "password": PASSWORD, "next": ITEMS},
    )
    assert response.status_code == 302
    response = client.get(ITEMS, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/")
    assert b"Select user to change" not in response.content


def test_staff_with_model_permissions_are_asked_too(client, two_factor, confirmed_device):
    staff = UserFactory(username="clerk", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_user"))
    device = confirmed_device(staff)
    sign_in(client, "clerk")
    assert client.get(ITEMS).status_code == 302

    client.post("/accounts/two-factor/", {"token": code_for(device)})
    assert client.get(ITEMS).status_code == 200


def test_with_the_setting_off_a_password_opens_it(client, settings):
    settings.REQUIRE_2FA = False
    UserFactory(username="admin", is_superuser=True, is_staff=True)
    sign_in(client, "admin")
    assert client.get(ITEMS).status_code == 200
