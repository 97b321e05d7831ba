"""Reminders and overdue notices: each sent once, on working days, with no withheld text; and
the command that sends them."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cspboard.reports import services
from cspboard.reports.choices import NoticeKind
from cspboard.reports.models import ReportNotice
from cspboard.reports.reminders import notices_due, reminders_send

from .conftest import DEADLINE, MEETING_DAY, TODAY

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def send(today, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=today, **kwargs)

    return send


@pytest.fixture
def requested(coming, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        coming.request = services.report_request_create(
            item=coming.paper, author=coming.author, today=TODAY
        )
    mail.outbox.clear()
    return coming


def kinds(notices):
    return [n.kind for n in notices]


def test_a_reminder_then_an_overdue_notice_each_once(requested, send):
    # Deadline Tuesday 11 March 2031; reminded from 3 working days before (Thursday 6 March).
    assert send(D(2031, 3, 5)) == []
    assert kinds(send(D(2031, 3, 6))) == [NoticeKind.REMINDER]
    assert send(D(2031, 3, 6)) == []
    assert send(D(2031, 3, 11)) == []
    assert kinds(send(D(2031, 3, 12))) == [NoticeKind.OVERDUE]
    assert send(D(2031, 3, 13)) == []
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Reminder", "Report overdue"]
    assert "Tuesday 11 March 2031" in mail.outbox[1].body
    assert ReportNotice.objects.filter(request=requested.request).count() == 3  # with the request


def test_the_overdue_notice_waits_for_the_next_working_day(requested, send):
    services.report_request_change(
        request=requested.request, author=requested.author, deadline=D(2031, 3, 14), today=TODAY
    )  # a Friday
    assert kinds(send(D(2031, 3, 13))) == [NoticeKind.REMINDER]
    assert send(D(2031, 3, 15)) == []  # Saturday
    assert send(D(2031, 3, 16)) == []  # Sunday
    assert kinds(send(D(2031, 3, 17))) == [NoticeKind.OVERDUE]


def test_a_missed_run_sends_only_the_overdue_notice(requested, send):
    assert kinds(send(D(2031, 3, 20))) == [NoticeKind.OVERDUE]


def test_a_new_deadline_is_reminded_again(requested, send):
    assert kinds(send(D(2031, 3, 6))) == [NoticeKind.REMINDER]
    services.report_request_change(
        request=requested.request, author=requested.author, deadline=D(2031, 3, 17), today=TODAY
    )
    assert kinds(send(D(2031, 3, 12))) == [NoticeKind.REMINDER]


def test_nothing_once_submitted_or_after_the_meeting(requested, send):
    assert send(MEETING_DAY + datetime.timedelta(days=1)) == []
    services.report_submit_form(
        request=requested.request, subject="Report", purpose="Purpose", today=TODAY
    )
    assert send(D(2031, 3, 12)) == []


def test_no_reminder_for_a_request_made_inside_its_window(requested, send):
    requested.request.requested_at = timezone.make_aware(datetime.datetime(2031, 3, 7, 9))
    requested.request.save()
    assert send(D(2031, 3, 10)) == []
    assert kinds(send(D(2031, 3, 12))) == [NoticeKind.OVERDUE]


def test_withheld_items_are_not_described(coming, send, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_request_create(
            item=coming.secret_paper, author=coming.outside_author, today=TODAY
        )
    send(D(2031, 3, 6))
    send(D(2031, 3, 12))
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert "SECRET" not in message.body + message.subject
        assert "/reports/submit/" in message.body


def test_a_dry_run_sends_and_records_nothing(requested, send):
    notices = send(D(2031, 3, 6), dry_run=True)
    assert kinds(notices) == [NoticeKind.REMINDER]
    assert mail.outbox == []
    assert notices_due(today=D(2031, 3, 6))


def test_the_board_sets_the_reminder(requested, send):
    services.report_settings_save(
        board=requested.board, deadline_working_days=5, reminder_working_days=1
    )
    assert send(D(2031, 3, 7)) == []
    assert kinds(send(D(2031, 3, 10))) == [NoticeKind.REMINDER]


def test_the_command_is_idempotent(requested):
    out = io.StringIO()
    call_command("send-report-reminders", "--today", "2031-03-06", stdout=out)
    assert "1 report reminder queued to send." in out.getvalue()
    assert "csp 2031-03-26 item" in out.getvalue()
    out = io.StringIO()
    call_command("send-report-reminders", "--today", "2031-03-06", stdout=out)
    assert "0 report reminders queued to send." in out.getvalue()
    out = io.StringIO()
    call_command("send-report-reminders", "--today", "2031-03-12", "--dry-run", stdout=out)
    assert "Would send: overdue notice" in out.getvalue()
    assert ReportNotice.objects.filter(kind=NoticeKind.OVERDUE).count() == 0
    assert DEADLINE == D(2031, 3, 11)


def test_send_reminders_sends_the_report_authors_too(requested, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-reminders", "--today", "2031-03-06", stdout=out)
    assert "1 report reminder queued to send." in out.getvalue()
    assert [m.to for m in mail.outbox] == [[requested.author.email]]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-reminders", "--today", "2031-03-06", stdout=io.StringIO())
    assert len(mail.outbox) == 1
