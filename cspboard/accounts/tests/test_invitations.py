"""An officer gives a member of their board a log-in: the member gets an e-mail with a link
that sets a password once, within settings.PASSWORD_RESET_TIMEOUT."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cspboard.accounts.services import account_invite
from cspboard.accounts.tests.conftest import committed
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.core.exceptions import NotAllowed
from cspboard.people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "a long new passphrase 42"
MEMBERS = "/boards/csp/members/"


@pytest.fixture
def tina(scenario):
    person = PersonFactory(name="Tina Target", email="Tina@Example.org", slug="tina")
    MembershipFactory(person=person, board=scenario.board, start=datetime.date(2020, 1, 1))
    return person


def invite(client, scenario, person):
    client.force_login(scenario.officer)
    with committed():
        response = client.post(f"/accounts/invite/{person.slug}/", {"next": MEMBERS})
    person.refresh_from_db()
    return response


def link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)


def path_of(link: str, settings) -> str:
    return link.removeprefix(settings.SITE_URL.rstrip("/"))


def set_password(client, path, password=NEW_PASSWORD, again=None):
    response = client.get(path)
    if response.status_code != 302:
        return response
    return client.post(
        response["Location"], {"new_password1": password, "new_password2": again or password}
    )


def test_officer_creates_a_log_in_and_the_member_gets_a_link(client, scenario, tina, settings):
    settings.SITE_URL = "https://boards.example.gov.uk"
    response = invite(client, scenario, tina)
    assert response.status_code == 302 and response["Location"] == MEMBERS
    tina.refresh_from_db()
    user = tina.user
    assert user.username == "tina@example.org" and user.email.lower() == "tina@example.org"
    assert not user.has_usable_password()
    [message] = mail.outbox
    assert message.to == [user.email]
    assert "Your log-in for" in message.subject
    assert "Dear Tina Target" in message.body and "tina@example.org" in message.body
    assert link_in(message).startswith("https://boards.example.gov.uk/accounts/invitation/")
    assert (
        f"An invitation e-mail to {user.email} is queued to send"
        in client.get(MEMBERS).content.decode()
    )
    assert "Invited, no password yet" in client.get(MEMBERS).content.decode()


def test_the_link_sets_a_password_once(client, scenario, tina, settings):
    invite(client, scenario, tina)
    path = path_of(link_in(mail.outbox[0]), settings)
    client.logout()

    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].endswith("/set-password/")  # the token leaves the address bar
    form = client.get(response["Location"])
    assert "Set your password" in form.content.decode()

    response = set_password(client, path, again="something else entirely")
    assert response.status_code == 400
    assert "The passwords do not match" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()

    response = set_password(client, path)
    assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/"
    tina.user.refresh_from_db()
    assert tina.user.check_password(NEW_PASSWORD)
    assert client.get("/").context["user"] == tina.user  # signed in

    client.logout()
    response = client.get(path)
    assert response.status_code == 200
    assert "This link does not work" in response.content.decode()
    response = client.post(
        "/accounts/login/", {"username": "tina@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302


def test_a_weak_password_is_refused_with_the_error_summary(client, scenario, tina, settings):
    invite(client, scenario, tina)
    path = path_of(link_in(mail.outbox[0]), settings)
    client.logout()
    response = set_password(client, path, password="password")
    assert response.status_code == 400
    assert "This password is too common" in response.content.decode()
    assert '<a href="#id_new_password2">' in response.content.decode()


def test_the_link_expires(client, scenario, tina, settings):
    invite(client, scenario, tina)
    user = User.objects.get(pk=tina.user_id)
    generator = default_token_generator
    uid = urlsafe_base64_encode(force_bytes(user.pk))

    def link_made_ago(seconds: int) -> str:
        made = generator._num_seconds(generator._now()) - seconds
        token = generator._make_token_with_timestamp(user, made, generator.secret)
        return f"/accounts/invitation/{uid}/{token}/"

    client.logout()
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    assert days == 7  # INVITATION_DAYS's default
    response = client.get(link_made_ago(settings.PASSWORD_RESET_TIMEOUT + 60))
    assert response.status_code == 200 and "This link does not work" in response.content.decode()
    assert client.get(link_made_ago(settings.PASSWORD_RESET_TIMEOUT - 60)).status_code == 302

    settings.PASSWORD_RESET_TIMEOUT = 60
    assert "This link does not work" in client.get(link_made_ago(120)).content.decode()
    assert client.get(link_made_ago(30)).status_code == 302
    assert "for 7 days" in mail.outbox[0].body


def test_sending_again_replaces_the_earlier_link(client, scenario, tina, settings):
    invite(client, scenario, tina)
    invite(client, scenario, tina)
    assert len(mail.outbox) == 2
    first, second = (path_of(link_in(m), settings) for m in mail.outbox)
    client.logout()
    assert "This link does not work" in client.get(first).content.decode()
    assert set_password(client, second).status_code == 302


def test_an_inactive_log_in_cannot_use_a_link(client, scenario, tina, settings):
    invite(client, scenario, tina)
    path = path_of(link_in(mail.outbox[0]), settings)
    User.objects.filter(pk=tina.user_id).update(is_active=False)
    client.logout()
    assert "This link does not work" in client.get(path).content.decode()


@pytest.mark.parametrize(
    "case, message",
    [
        ("no_email", "Add an e-mail address for"),
        ("has_password", "has already set a password"),
        ("email_taken", "Another log-in already uses"),
    ],
)
def test_invitations_that_cannot_be_sent_say_why(client, scenario, tina, case, message):
    if case == "no_email":
        tina.email = ""
        tina.save()
    elif case == "has_password":
        tina.user = UserFactory(username="tina@example.org")
        tina.save()
    else:
        UserFactory(username="TINA@example.org")
    response = invite(client, scenario, tina)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert mail.outbox == []


def test_a_mail_server_that_refuses_leaves_the_invitation_to_try_again(
    client, scenario, tina, settings
):
    """The log-in is saved with its invitation in the outbox; the refusal is no error page, and
    the e-mail waits to be tried again, under the officer's board."""
    from cspboard.core.choices import EmailStatus
    from cspboard.core.models import OutgoingEmail

    settings.EMAIL_BACKEND = "cspboard.core.tests.mail_backends.RefusingBackend"
    response = invite(client, scenario, tina)
    assert response.status_code == 302
    tina.refresh_from_db()
    assert tina.user is not None and mail.outbox == []
    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.RETRYING and email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    assert email.purpose == "invitation" and email.board_id == scenario.board.pk


def test_officers_invite_only_people_on_their_boards(client, scenario):
    stranger = PersonFactory(email="s@example.org", slug="stranger")
    other_board = PersonFactory(email="o@example.org", slug="other-board")
    MembershipFactory(person=other_board, board=scenario.other)
    former = PersonFactory(email="f@example.org", slug="former")
    MembershipFactory(
        person=former,
        board=scenario.board,
        start=datetime.date(2010, 1, 1),
        end=datetime.date(2012, 1, 1),
    )
    client.force_login(scenario.officer)
    for person in (stranger, other_board, former):
        assert client.post(f"/accounts/invite/{person.slug}/").status_code == 404
    assert mail.outbox == []


def test_someone_joining_later_can_be_invited_ahead(client, scenario):
    joining = PersonFactory(email="j@example.org", slug="joining")
    MembershipFactory(
        person=joining, board=scenario.board, start=datetime.date.today() + datetime.timedelta(7)
    )
    client.force_login(scenario.officer)
    with committed():
        assert client.post("/accounts/invite/joining/").status_code == 302
    assert len(mail.outbox) == 1


def test_account_invite_service_refuses_a_switched_off_log_in(scenario, tina):
    user = account_invite(person=tina, by=scenario.officer)
    user.is_active = False
    user.save()
    with pytest.raises(NotAllowed):
        account_invite(person=tina, by=scenario.officer)
