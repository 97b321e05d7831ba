"""Subgroup leads' reminders and "not received" notices: each sent once, to the leads with an
address, only while the update is missing and the agenda unpublished."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.meetings.services import agenda_publish
from cspboard.people.tests.factories import PersonFactory, UserFactory
from cspboard.reports import links, services, subgroup_reminders
from cspboard.reports.choices import SubgroupNoticeKind
from cspboard.reports.models import ReportSettings, SubgroupUpdateNotice
from cspboard.reports.reminders import reminders_send

from .conftest import TODAY

pytestmark = pytest.mark.django_db
D = datetime.date
LINK = re.compile(r"https?://\S+/reports/update/(?P<token>[^/\s]+)/")


def lead_of_link(body):
    """The person the e-mail's signed link is for (each lead gets their own)."""
    token = LINK.search(body).group("token")
    return links.update_for_link(token, D(2031, 3, 12)).lead.name


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def send(today, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=today, **kwargs)

    return send


@pytest.fixture
def leads(coming):
    """The VAWG chair and deputy chair have addresses (the deputy's on her account); a member,
    a chair who stepped down and the lead of a subgroup that sends no updates have too."""
    s = coming
    s.lead.email = "angie@example.org"
    s.lead.save()
    deputy = PersonFactory(name="Bea Deputy", user=UserFactory(email="bea@example.org"))
    MembershipFactory(person=deputy, board=s.subgroup, role=Role.DEPUTY_CHAIR)
    member = PersonFactory(name="Carl Member", email="carl@example.org")
    MembershipFactory(person=member, board=s.subgroup, role=Role.MEMBER)
    former = PersonFactory(name="Dora Former", email="dora@example.org")
    MembershipFactory(person=former, board=s.subgroup, role=Role.CHAIR, end=D(2030, 1, 1))
    quiet = BoardFactory(slug="epg", name="Executive Planning Group", parent=s.board)
    ReportSettings.objects.create(board=quiet, sends_subgroup_updates=False)
    quiet_chair = PersonFactory(name="Eve Quiet", email="eve@example.org")
    MembershipFactory(person=quiet_chair, board=quiet, role=Role.CHAIR)
    return s


def kinds(notices):
    return [(n.subgroup.slug, n.kind) for n in notices]


def test_a_reminder_then_a_not_received_notice_each_once(leads, send):
    # Deadline Tuesday 11 March 2031; reminded from 3 working days before (Thursday 6 March).
    assert send(D(2031, 3, 5)) == []
    assert kinds(send(D(2031, 3, 6))) == [("vawg", SubgroupNoticeKind.REMINDER)]
    assert send(D(2031, 3, 6)) == []
    assert send(D(2031, 3, 11)) == []
    assert kinds(send(D(2031, 3, 12))) == [("vawg", SubgroupNoticeKind.NOT_RECEIVED)]
    assert send(D(2031, 3, 13)) == []
    assert sorted(m.to[0] for m in mail.outbox) == [
        "angie@example.org",
        "angie@example.org",
        "bea@example.org",
        "bea@example.org",
    ]
    reminder, _, overdue, _ = mail.outbox
    assert reminder.subject == (
        "Reminder: subgroup update due: Community Safety Partnership Board, 26 March 2031"
    )
    for message in (reminder, overdue):
        assert "Community Safety Partnership Board" in message.body
        assert "Wednesday 26 March 2031" in message.body
        assert "Tuesday 11 March 2031" in message.body
    assert "has not been received" in overdue.body
    # Every lead, with an account or without, gets a signed link of their own.
    for message in mail.outbox:
        name = {"angie@example.org": "Angie Fuller", "bea@example.org": "Bea Deputy"}
        assert lead_of_link(message.body) == name[message.to[0]]
        assert f"Dear {name[message.to[0]]}" in message.body
    notice = SubgroupUpdateNotice.objects.get(kind=SubgroupNoticeKind.REMINDER)
    assert notice.key == "2031-03-11"
    assert notice.recipients.splitlines() == [
        "Angie Fuller <angie@example.org>",
        "Bea Deputy <bea@example.org>",
    ]
    assert SubgroupUpdateNotice.objects.count() == 2


def test_a_missed_run_sends_only_the_not_received_notice(leads, send):
    assert kinds(send(D(2031, 3, 17))) == [("vawg", SubgroupNoticeKind.NOT_RECEIVED)]


def test_the_board_sets_the_deadline_and_the_reminder(leads, send):
    services.report_settings_save(
        board=leads.board, deadline_working_days=2, reminder_working_days=1
    )
    # Due Friday 14 March; reminded from Thursday 13 March.
    assert send(D(2031, 3, 12)) == []
    assert kinds(send(D(2031, 3, 13))) == [("vawg", SubgroupNoticeKind.REMINDER)]
    assert send(D(2031, 3, 14)) == []
    assert kinds(send(D(2031, 3, 17))) == [("vawg", SubgroupNoticeKind.NOT_RECEIVED)]


def test_nothing_once_the_update_is_in(leads, send):
    services.subgroup_update_save(
        meeting=leads.coming,
        subgroup=leads.subgroup,
        title="VAWG Subgroup Update",
        brief_update="We met.",
        today=TODAY,
    )
    assert send(D(2031, 3, 6)) == []
    assert send(D(2031, 3, 12)) == []
    assert mail.outbox == []


def test_nothing_after_the_agenda_is_published(leads, send):
    assert kinds(send(D(2031, 3, 6))) == [("vawg", SubgroupNoticeKind.REMINDER)]
    agenda_publish(meeting=leads.coming, today=D(2031, 3, 10))
    assert send(D(2031, 3, 12)) == []


def test_nothing_for_a_subgroup_that_sends_no_updates(leads, send):
    services.subgroups_reporting_set(board=leads.board, reporting=[leads.second_subgroup])
    assert send(D(2031, 3, 6)) == []
    assert send(D(2031, 3, 12)) == []
    assert mail.outbox == []


def test_nothing_without_a_subgroup_updates_item(leads, send):
    leads.updates_item.role = "ordinary"  # no item collects the updates
    leads.updates_item.save()
    assert send(D(2031, 3, 6)) == []


def test_nothing_without_a_lead_with_an_address(coming, send):
    assert send(D(2031, 3, 6)) == []
    assert SubgroupUpdateNotice.objects.count() == 0


def test_a_dry_run_sends_and_records_nothing(leads, send):
    notices = send(D(2031, 3, 6), dry_run=True)
    assert kinds(notices) == [("vawg", SubgroupNoticeKind.REMINDER)]
    assert mail.outbox == []
    assert SubgroupUpdateNotice.objects.count() == 0
    assert subgroup_reminders.notices_due(today=D(2031, 3, 6))


def test_the_commands_send_them_once(leads, django_capture_on_commit_callbacks):
    out = io.StringIO()
    call_command("send-report-reminders", "--today", "2031-03-12", "--dry-run", stdout=out)
    assert "Would send: not received notice, csp 2031-03-26 vawg update" in out.getvalue()
    assert "1 subgroup update notice would be sent." in out.getvalue()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-reminders", "--today", "2031-03-06", stdout=out)
    assert "Queued: reminder before the deadline, csp 2031-03-26 vawg update" in out.getvalue()
    assert "to Angie Fuller <angie@example.org>, Bea Deputy <bea@example.org>" in out.getvalue()
    assert "1 subgroup update notice queued to send." in out.getvalue()
    assert len(mail.outbox) == 2
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-report-reminders", "--today", "2031-03-06", stdout=out)
    assert "0 subgroup update notices queued to send." in out.getvalue()
    assert len(mail.outbox) == 2
