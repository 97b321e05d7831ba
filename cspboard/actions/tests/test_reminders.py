"""Reminders: each fires once, dry runs send nothing, restricted actions are never described in
an e-mail, and owners without an account get a signed link."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from cspboard.actions import services
from cspboard.actions.models import ActionLogSettings, ReminderSent
from cspboard.actions.reminders import reminders_send
from cspboard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date
RAISED = D(2018, 3, 28)


@pytest.fixture
def owners(scenario):
    scenario.member.email = "member@example.org"
    scenario.member.save()
    scenario.outside_owner = PersonFactory(name="Rita Chadha", email="rita@example.org")
    scenario.no_address = PersonFactory(name="Nobody Mailable")
    return scenario


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the service as the command does, the e-mails going when the transaction commits."""

    def send(today, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=today, **kwargs)

    return send


def make(s, text, *, target=None, item=None, owners=None):
    return services.action_create(
        board=s.board,
        text=text,
        item=item or s.public_item,
        owners=owners if owners is not None else [s.member.person, s.outside_owner],
        target_date=target,
    )


def kinds(reminders):
    return sorted((r.action.text, r.kind, r.key) for r in reminders)


def test_due_soon_overdue_and_no_update_each_fire_once(owners, send):
    s = owners
    soon = make(s, "SOON", target=D(2018, 4, 30))
    late = make(s, "LATE", target=D(2018, 4, 10))
    quiet = make(s, "QUIET", target=D(2018, 12, 31))

    assert send(D(2018, 4, 1)) == []  # nothing due within a week, none overdue, all recent
    sent = send(D(2018, 4, 24))
    assert kinds(sent) == [
        ("LATE", "overdue", "2018-04-10"),
        ("SOON", "due_soon", "2018-04-30"),
    ]
    # One message per owner with an address, listing both actions.
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.org", "rita@example.org"]
    assert all("Action " in m.body and "SOON" in m.body and "LATE" in m.body for m in mail.outbox)
    assert send(D(2018, 4, 24)) == [] and send(D(2018, 4, 24)) == []  # never twice
    assert len(mail.outbox) == 2

    mail.outbox.clear()
    # 28 days without an update: SOON and LATE have had their overdue reminder, QUIET none.
    sent = send(D(2018, 5, 1))
    assert kinds(sent) == [
        ("LATE", "no_update", "2018-03-28"),
        ("QUIET", "no_update", "2018-03-28"),
        ("SOON", "no_update", "2018-03-28"),
        ("SOON", "overdue", "2018-04-30"),
    ]
    assert send(D(2018, 5, 2)) == []
    record = ReminderSent.objects.get(action=quiet, kind="no_update")
    assert record.recipients.splitlines() == [
        "Member <member@example.org>",
        "Rita Chadha <rita@example.org>",
    ]
    # A new target date, or an update, is a new reminder; a closed action gets none.
    services.action_redate(action=late, target_date=D(2018, 5, 10))
    services.action_update_post(action=quiet, text="Started", today=D(2018, 5, 3))
    services.action_close(action=soon)
    assert kinds(send(D(2018, 6, 1))) == [
        ("LATE", "overdue", "2018-05-10"),
        ("QUIET", "no_update", "2018-05-03"),
    ]


def test_a_dry_run_sends_and_records_nothing(owners, send):
    make(owners, "LATE", target=D(2018, 4, 10))
    would = send(D(2018, 5, 1), dry_run=True)
    assert kinds(would) == [("LATE", "no_update", "2018-03-28"), ("LATE", "overdue", "2018-04-10")]
    assert all(r.pk is None for r in would)
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    assert len(send(D(2018, 5, 1))) == 2


def test_owners_without_an_address_get_nothing(owners, send):
    make(owners, "LATE", target=D(2018, 4, 10), owners=[owners.no_address])
    assert send(D(2018, 5, 1)) == [] and mail.outbox == []


def test_the_board_sets_the_days(owners, send):
    ActionLogSettings.objects.create(
        board=owners.board, reminder_due_soon_days=30, reminder_no_update_days=365
    )
    make(owners, "SOON", target=D(2018, 4, 30))
    assert kinds(send(D(2018, 4, 1))) == [("SOON", "due_soon", "2018-04-30")]


def test_a_restricted_action_is_not_described_and_links_are_right(owners, send):
    s = owners
    make(s, "SECRET-ACTION visit the family", target=D(2018, 4, 10), item=s.restricted_item)
    make(s, "SECRET-SUB-ACTION", target=D(2018, 4, 10), item=s.restricted_sub)
    public = make(s, "PUBLIC-ACTION publish", target=D(2018, 4, 10))
    send(D(2018, 4, 11))
    for message in mail.outbox:
        assert "SECRET" not in message.body and "SECRET" not in message.subject
        assert message.body.count("an action from a restricted item") == 2
        assert "PUBLIC-ACTION publish" in message.body
    member = next(m for m in mail.outbox if m.to == ["member@example.org"])
    outsider = next(m for m in mail.outbox if m.to == ["rita@example.org"])
    # The member signs in and updates on the action's page; Rita has no account: signed links.
    assert f"http://127.0.0.1:8000{public.get_absolute_url()}" in member.body
    assert "/actions/update/" not in member.body
    assert f"{public.get_absolute_url()}" not in outsider.body
    links = re.findall(r"http://127\.0\.0\.1:8000(/actions/update/[^/\s]+/)", outsider.body)
    assert len(links) == 3


def test_the_command(owners, django_capture_on_commit_callbacks):
    make(owners, "LATE", target=D(2018, 4, 10))
    out = io.StringIO()
    call_command("send-reminders", "--today", "2018-04-11", "--dry-run", stdout=out)
    assert "Would send: overdue (2018-04-10), csp action 1, to Member <member@example.org>" in (
        out.getvalue()
    )
    assert "1 reminder would be sent." in out.getvalue() and mail.outbox == []
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-reminders", "--today", "2018-04-11", stdout=out)
    assert "1 reminder queued to send." in out.getvalue() and len(mail.outbox) == 2
    out = io.StringIO()
    call_command("send-reminders", "--today", "2018-04-11", stdout=out)
    assert "0 reminders queued to send." in out.getvalue() and len(mail.outbox) == 2
