"""The outbox (core/mail.py): e-mail is recorded with the change, sent after it commits, tried
again with back-off when the mail server refuses, and shown to officers when it never goes.

Tasks run at once in these tests (django-tasks' ImmediateBackend, cspboard/conftest.py); the
commit is played by `django_capture_on_commit_callbacks(execute=True)`."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from cspboard.core import mail as outbox
from cspboard.core.choices import EmailStatus
from cspboard.core.models import OutgoingEmail
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.services import meeting_cancel

pytestmark = pytest.mark.django_db
REFUSING = "cspboard.core.tests.mail_backends.RefusingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def mailable(scenario):
    """The scenario's members with addresses, and a meeting to cancel that tells them."""
    for user in (scenario.officer, scenario.member):
        user.person.email = f"{user.username}@example.org"
        user.person.save()
    scenario.unpublished.status = MeetingStatus.AGENDA_PUBLISHED
    scenario.unpublished.save()
    return scenario


def test_a_rolled_back_change_sends_nothing(mailable, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            meeting_cancel(meeting=mailable.unpublished, reason="Not quorate")
            assert OutgoingEmail.objects.count() == 2  # queued with the change...
            raise RuntimeError("the change fails after")
    assert callbacks == [] and mail.outbox == []  # ...and gone with it
    assert not OutgoingEmail.objects.exists()
    mailable.unpublished.refresh_from_db()
    assert mailable.unpublished.status == MeetingStatus.AGENDA_PUBLISHED


def test_an_e_mail_is_sent_after_the_change_commits(mailable, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        meeting_cancel(meeting=mailable.unpublished, reason="Not quorate")
    assert mail.outbox == [] and len(callbacks) == 2  # nothing goes before the commit
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.org", "officer@example.org"]
    email = OutgoingEmail.objects.first()
    assert email.status == EmailStatus.SENT and email.attempts == 1 and email.sent_at
    assert email.board_id == mailable.board.pk and email.purpose == "meeting cancelled"
    # Sent, it keeps who and what about, not its text (which can carry one-time links).
    assert "Not quorate" in mail.outbox[0].body and email.body == "" and email.html_body == ""


def test_a_refusing_mail_server_never_undoes_the_change_and_the_e_mail_is_tried_again(
    client, mailable, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    client.force_login(mailable.officer)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/boards/csp/meetings/2030-09-25/cancel/", {"reason": "Not quorate"})
    assert response.status_code == 302  # not an error page
    mailable.unpublished.refresh_from_db()
    assert mailable.unpublished.status == MeetingStatus.CANCELLED  # the change is saved
    assert mail.outbox == []
    for email in OutgoingEmail.objects.all():
        assert email.status == EmailStatus.RETRYING and email.attempts == 1
        assert "SMTPServerDisconnected" in email.last_error
        wait = email.next_attempt_at - before
        assert datetime.timedelta(seconds=59) < wait < datetime.timedelta(seconds=70)

    # The server is back: the next attempt sends it.
    settings.EMAIL_BACKEND = LOCMEM
    email = OutgoingEmail.objects.first()
    assert outbox.email_deliver(email.pk) == EmailStatus.SENT
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 2 and len(mail.outbox) == 1
    assert outbox.email_deliver(email.pk) == "not waiting"  # never twice
    assert len(mail.outbox) == 1


def test_the_back_off_grows(settings):
    settings.EMAIL_RETRY_BASE_SECONDS = 60
    settings.EMAIL_RETRY_FACTOR = 5
    minutes = [outbox.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)]
    assert minutes == [1, 5, 25, 125]


def test_the_sweep_sends_what_is_overdue_and_left_behind(mailable, settings):
    """A retry whose time came while the task could not wait (or went missing), and an e-mail
    left "sending" by a worker that stopped, are enqueued again by the scheduler's sweep."""
    OutgoingEmail.objects.create(
        to=["a@example.org"], subject="Late", body="b", purpose="test",
        status=EmailStatus.RETRYING, attempts=1,
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=11),
    )  # fmt: skip
    not_yet = OutgoingEmail.objects.create(
        to=["b@example.org"], subject="Not yet", body="b", purpose="test",
        status=EmailStatus.RETRYING, attempts=1,
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=4),
    )  # fmt: skip
    stuck = OutgoingEmail.objects.create(
        to=["c@example.org"], subject="Stuck", body="b", purpose="test",
        status=EmailStatus.SENDING, attempts=1,
    )  # fmt: skip
    OutgoingEmail.objects.filter(pk=stuck.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert outbox.emails_sweep() == 2
    assert sorted(m.subject for m in mail.outbox) == ["Late", "Stuck"]
    not_yet.refresh_from_db()
    assert not_yet.status == EmailStatus.RETRYING


def test_after_the_last_attempt_it_fails_and_officers_see_it_and_try_again(
    client, mailable, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    settings.EMAIL_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=mailable.unpublished, reason="Not quorate")
    email = OutgoingEmail.objects.filter(to=["member@example.org"]).get()
    assert outbox.email_deliver(email.pk) == EmailStatus.FAILED
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and email.attempts == 2
    assert email.next_attempt_at is None

    client.force_login(mailable.officer)
    page = client.get("/emails/").content.decode()
    assert "Meeting cancelled: Community Safety Partnership Board" in page
    assert "member@example.org" in page and "SMTPServerDisconnected" in page
    assert "Failed (2 tries)" in page
    assert f'action="/emails/{email.pk}/retry/"' in page
    assert 'href="/emails/"' in client.get("/").content.decode()  # linked from the header

    settings.EMAIL_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/emails/{email.pk}/retry/")
    assert response.status_code == 302 and response["Location"] == "/emails/"
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    assert f'action="/emails/{email.pk}/retry/"' not in client.get("/emails/").content.decode()


def test_only_the_boards_officers_and_staff_see_its_e_mail(client, mailable, settings):
    from cspboard.people.tests.factories import UserFactory

    email = OutgoingEmail.objects.create(
        to=["x@example.org"], subject="SECRET-SUBJECT", body="b", purpose="test",
        board_id=mailable.board.pk, status=EmailStatus.FAILED,
    )  # fmt: skip
    other = OutgoingEmail.objects.create(
        to=["y@example.org"], subject="OTHER-BOARD", body="b", purpose="test",
        board_id=mailable.other.pk, status=EmailStatus.FAILED,
    )  # fmt: skip
    for user in (None, mailable.member, mailable.outsider):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get("/emails/").status_code in (302, 404)
        assert client.post(f"/emails/{email.pk}/retry/").status_code in (302, 404)
        email.refresh_from_db()
        assert email.status == EmailStatus.FAILED
        if user:
            assert 'href="/emails/"' not in client.get("/").content.decode()
    client.force_login(mailable.officer)
    page = client.get("/emails/").content.decode()
    assert "SECRET-SUBJECT" in page and "OTHER-BOARD" not in page
    assert client.post(f"/emails/{other.pk}/retry/").status_code == 404
    client.force_login(UserFactory(username="staff", is_staff=True))
    page = client.get("/emails/").content.decode()
    assert "SECRET-SUBJECT" in page and "OTHER-BOARD" in page


def test_the_admin_lists_the_outbox(admin_client):
    OutgoingEmail.objects.create(to=["x@example.org"], subject="In the admin", body="", purpose="t")
    assert "In the admin" in admin_client.get("/admin/core/outgoingemail/").content.decode()


def test_the_admin_never_shows_an_e_mails_body(admin_client):
    """A body can hold a one-time link (an invitation, a second factor's set-up)."""
    email = OutgoingEmail.objects.create(
        to=["x@example.org"], subject="Your link", body="https://x/link/SECRET-TOKEN/", purpose="t"
    )
    page = admin_client.get(f"/admin/core/outgoingemail/{email.pk}/change/")
    assert page.status_code == 200
    assert "Your link" in page.content.decode()
    assert "SECRET-TOKEN" not in page.content.decode()
