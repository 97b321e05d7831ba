"""Setting up the first authenticator app needs a one-time link sent to the person's e-mail
(or the invitation that sets their password): a password alone never reads a secret or
becomes verified. An officer or administrator resets a lost second factor without seeing any
secret, and the record says who did it."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspboard.accounts.tests.conftest import code_for, committed

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
SETUP = "/accounts/two-factor/set-up/"
NO_LINK = "Set up your authenticator app with the link we e-mail you"
LINK_DEAD = "This link does not work"


def sign_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def member(scenario):
    scenario.member.email = "member@example.org"
    scenario.member.save(update_fields=["email"])
    return scenario.member


def link_path(message, settings) -> str:
    link = re.search(r"https?://\S+/accounts/two-factor/link/\S+/", message.body).group(0)
    return link.removeprefix(settings.SITE_URL.rstrip("/"))


def send_link(user, settings, **kwargs) -> str:
    from cspboard.accounts.services import second_factor_link_send

    with committed():
        second_factor_link_send(user=user, **kwargs)
    return link_path(mail.outbox[-1], settings)


def test_a_password_alone_cannot_read_a_secret_or_become_verified(client, scenario, two_factor):
    sign_in(client, "member")
    response = client.get("/accounts/two-factor/", follow=True)
    assert response.redirect_chain[-1][0].startswith(SETUP)
    assert response.status_code == 403
    page = html(response)
    assert NO_LINK in page
    assert "<svg" not in page and "<code>" not in page and "otpauth" not in page
    assert not TOTPDevice.objects.filter(user=scenario.member).exists()

    # Guessing at the form does nothing either.
    response = client.post(SETUP, {"token": "123456"})
    assert response.status_code == 403
    assert not TOTPDevice.objects.filter(user=scenario.member).exists()
    assert client.get(scenario.restricted_doc.get_absolute_url()).status_code == 404


def test_asking_for_a_link_sends_it_to_the_e_mail_address_only(
    client, member, two_factor, settings
):
    sign_in(client, "member")
    with committed():
        response = client.post("/accounts/two-factor/link/send/", follow=True)
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    path = link_path(message, settings)
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in html(response) and "A link is on its way to member@example.org" in html(
        response
    )
    assert "<svg" not in html(response)
    # Asking again at once does not fill their inbox.
    with committed():
        client.post("/accounts/two-factor/link/send/")
    assert len(mail.outbox) == 1


def test_the_link_sets_up_the_app_once(client, member, scenario, two_factor, settings):
    path = send_link(member, settings)
    assert "works once, for 72 hours" in mail.outbox[-1].body

    # Opened before signing in: the password is asked for as well, then the set-up page.
    response = client.get(path, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    response = client.post(
        response.redirect_chain[-1][0], {"username": "member", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == SETUP
    assert response.status_code == 200 and "<code>" in html(response)
    device = TOTPDevice.objects.get(user=member)
    response = client.post(SETUP, {"token": code_for(device)})
    assert response.status_code == 302
    assert client.get(scenario.restricted_doc.get_absolute_url()).status_code == 200
    enrolment = member.second_factor_enrolments.get()
    assert enrolment.used_at and enrolment.completed_at

    # Used: nobody can open it again, signed in or not.
    client.post("/accounts/logout/")
    sign_in(client, "member")
    response = client.get(path, follow=True)
    assert response.status_code == 404 and LINK_DEAD in html(response)
    assert TOTPDevice.objects.filter(user=member).count() == 1


def test_the_link_expires(client, member, two_factor, settings):
    path = send_link(member, settings)
    enrolment = member.second_factor_enrolments.get()
    assert enrolment.expires_at - enrolment.created_at == datetime.timedelta(hours=72)
    enrolment.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    enrolment.save(update_fields=["expires_at"])
    sign_in(client, "member")
    response = client.get(path, follow=True)
    assert response.status_code == 404 and LINK_DEAD in html(response)
    assert client.get(SETUP).status_code == 403


def test_a_claimed_link_stops_working_when_it_expires(client, member, two_factor, settings):
    path = send_link(member, settings)
    sign_in(client, "member")
    assert client.get(path, follow=True).status_code == 200
    member.second_factor_enrolments.update(expires_at=timezone.now())
    response = client.get(SETUP)
    assert response.status_code == 403 and "<code>" not in html(response)


def test_a_newer_link_replaces_the_older(client, member, two_factor, settings):
    first = send_link(member, settings)
    second = send_link(member, settings)
    sign_in(client, "member")
    assert LINK_DEAD in html(client.get(first, follow=True))
    assert client.get(second, follow=True).redirect_chain[-1][0] == SETUP


def test_a_link_works_only_for_its_owner(client, member, scenario, two_factor, settings):
    path = send_link(member, settings)
    sign_in(client, "outsider")
    response = client.get(path, follow=True)
    assert response.status_code == 404 and "This link is for another log-in" in html(response)
    assert not TOTPDevice.objects.exists()
    # Not spent by that: its owner can still use it.
    client.post("/accounts/logout/")
    sign_in(client, "member")
    assert client.get(path, follow=True).redirect_chain[-1][0] == SETUP


def test_a_mail_scanner_following_the_link_does_not_spend_it(client, member, two_factor, settings):
    from django.test import Client

    path = send_link(member, settings)
    Client().get(path, follow=True)  # a scanner: no password, so no use
    sign_in(client, "member")
    assert client.get(path, follow=True).redirect_chain[-1][0] == SETUP


def test_a_secret_shown_before_the_link_is_not_kept(client, member, two_factor, settings):
    old = TOTPDevice.objects.create(user=member, name="Authenticator app", confirmed=False)
    path = send_link(member, settings)
    sign_in(client, "member")
    client.get(path, follow=True)
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert TOTPDevice.objects.filter(user=member).count() == 1


def test_setting_a_password_from_an_invitation_sets_up_the_first_app(
    client, scenario, two_factor, settings
):
    from cspboard.accounts.services import account_invite

    person = scenario.member.person
    person.email = "member2@example.org"
    person.save(update_fields=["email"])
    person.user = None
    person.save(update_fields=["user"])
    with committed():
        account_invite(person=person)
    person.refresh_from_db()
    link = re.search(r"https?://\S+(/accounts/invitation/\S+/)", mail.outbox[-1].body).group(1)
    response = client.get(link)
    new = "a long new passphrase 42"
    response = client.post(
        response["Location"], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith(SETUP)
    assert response.status_code == 200 and "<code>" in html(response)
    enrolment = person.user.second_factor_enrolments.get()
    assert enrolment.reason == "invitation" and enrolment.used_at is not None


# Reset ------------------------------------------------------------------------------------------


def verified(client, user, device):
    sign_in(client, user.username)
    client.post("/accounts/two-factor/", {"token": code_for(device)})


def test_an_officer_resets_a_lost_second_factor(
    client, member, scenario, two_factor, confirmed_device, settings
):
    from django.test import Client

    old_device = confirmed_device(member)
    members_phone = Client()
    verified(members_phone, member, old_device)
    assert members_phone.get(scenario.restricted_doc.get_absolute_url()).status_code == 200

    verified(client, scenario.officer, confirmed_device(scenario.officer))
    url = f"/accounts/two-factor/reset/{member.person.slug}/"
    with committed():
        response = client.post(url, {"next": "/boards/csp/members/"})
    assert response.status_code == 302
    assert "second factor is reset" in html(client.get("/boards/csp/members/"))

    # The devices are gone, and with them the old session's access.
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert members_phone.get(scenario.restricted_doc.get_absolute_url()).status_code == 404
    # Who did it, and when, is recorded; nothing secret was shown to the officer.
    enrolment = member.second_factor_enrolments.get()
    assert enrolment.reason == "reset" and enrolment.created_by == scenario.officer
    assert enrolment.devices_removed == 1
    assert "otpauth" not in html(response)
    [message] = mail.outbox
    assert message.to == ["member@example.org"] and "has been reset" in message.body

    # The member sets up a new app with the link.
    path = link_path(message, settings)
    sign_in(members_phone, "member")
    assert members_phone.get(path, follow=True).redirect_chain[-1][0] == SETUP


def test_only_officers_of_the_persons_board_reset_it(
    client, member, scenario, two_factor, confirmed_device
):
    device = confirmed_device(member)
    for someone in (scenario.outsider, scenario.member):
        client.post("/accounts/logout/")
        verified(client, someone, confirmed_device(someone) if someone != member else device)
        response = client.post(f"/accounts/two-factor/reset/{member.person.slug}/")
        assert response.status_code == 404
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not member.second_factor_enrolments.exists() and not mail.outbox


def test_an_unverified_officer_is_sent_to_verify_before_resetting(
    client, member, scenario, two_factor, confirmed_device
):
    device = confirmed_device(member)
    confirmed_device(scenario.officer)
    sign_in(client, "officer")
    response = client.post(f"/accounts/two-factor/reset/{member.person.slug}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/")
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_an_officer_cannot_reset_a_site_administrators(scenario, member):
    from cspboard.accounts.services import second_factor_reset
    from cspboard.core.exceptions import NotAllowed

    member.is_superuser = True
    member.save(update_fields=["is_superuser"])
    with pytest.raises(NotAllowed):
        second_factor_reset(user=member, by=scenario.officer)
    assert not mail.outbox


def test_administrators_read_the_record_of_resets(client, member, scenario, settings):
    from cspboard.accounts.services import second_factor_reset
    from cspboard.people.tests.factories import UserFactory

    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    second_factor_reset(user=member, by=scenario.officer)
    client.force_login(admin)
    page = html(client.get("/admin/accounts/secondfactorenrolment/"))
    assert "Second factor reset" in page and "officer" in page
    assert member.second_factor_enrolments.get().token_hash not in page
