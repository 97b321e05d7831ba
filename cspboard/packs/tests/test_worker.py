"""The real worker: `cspboard db_worker --batch` with the database task backend takes a pack
build and an e-mail off the queue, as `make run` and production run them. The e-mail's mail
server refuses once; the worker tries it again (back-off set to nothing here) and delivers it.

Transactional (the queue is written when the request's transaction commits, and read by the
worker's own transactions); run on SQLite and on PostgreSQL, whose row locking the worker uses
(`SELECT ... FOR UPDATE SKIP LOCKED`)."""

import signal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from cspboard.core.choices import EmailStatus
from cspboard.core.mail import queue_email
from cspboard.core.tests.mail_backends import FlakyBackend
from cspboard.packs import services
from cspboard.packs.choices import BuildStatus
from cspboard.packs.models import PackBuild

from .helpers import page_texts

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PACK_BUILD_INLINE = False
    settings.PACK_BUILD_WAIT = 0
    settings.EMAIL_BACKEND = "cspboard.core.tests.mail_backends.FlakyBackend"
    settings.EMAIL_RETRY_BASE_SECONDS = 0  # the retry is due at once, so one batch sees it
    FlakyBackend.failures = 1


def run_worker() -> None:
    """`cspboard db_worker --batch`: run everything ready, then stop. The worker installs its
    own signal handlers; the test process gets its own back."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def test_the_worker_builds_a_pack_and_retries_an_e_mail(client, scenario, database_queue):
    meeting = scenario.meeting
    kwargs = {"slug": meeting.board.slug, "date": meeting.date}
    pack_url = reverse("packs:meeting_pack", kwargs=kwargs)
    progress_url = reverse("packs:pack_progress", kwargs=kwargs)
    client.force_login(scenario.member)
    response = client.get(pack_url)
    assert response.status_code == 302 and response["Location"] == progress_url
    build = PackBuild.objects.get()
    assert build.status == BuildStatus.QUEUED  # queued for the worker, not built in the request

    with transaction.atomic():
        email = queue_email(
            to=["member@example.org"], subject="Agenda published", body="Read it.", purpose="test"
        )
    assert DBTaskResult.objects.count() == 2 and mail.outbox == []

    run_worker()

    build.refresh_from_db()
    assert build.status == BuildStatus.DONE and build.step == build.steps_total > 3
    stored = services._stored(meeting, build.kind, build.fingerprint)
    assert stored is not None and stored.startswith(b"%PDF-")
    pdf = client.get(pack_url)
    assert pdf.status_code == 200 and pdf.content == stored
    assert "SECRET-DOC-TEXT" in "\n".join(page_texts(pdf.content))  # the members' pack

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 2
    assert "SMTPServerDisconnected" in email.last_error  # the first attempt's refusal, kept
    assert [m.subject for m in mail.outbox] == ["Agenda published"]
    deliveries = DBTaskResult.objects.filter(task_path="cspboard.core.mail.deliver_email")
    assert deliveries.count() == 2  # the first attempt, and the retry it enqueued
    assert not DBTaskResult.objects.ready().exists()
