"""`cspboard send-report-reminders`: remind authors of reports due soon, and tell them the
working day after a missed deadline; the same for subgroup leads and their update reports.

Safe to run from cron every hour, beside `send-reminders`: each notice is recorded and sent once,
ever (`cspboard.reports.reminders`). The e-mails are queued in the outbox and sent by the worker.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from cspboard.core.arguments import add_sending_arguments
from cspboard.reports.models import SubgroupUpdateNotice
from cspboard.reports.reminders import reminders_send


def _describe(notice) -> str:
    if isinstance(notice, SubgroupUpdateNotice):
        meeting = notice.meeting
        return (
            f"{notice.get_kind_display().lower()}, {meeting.board.slug} {meeting.date:%Y-%m-%d} "
            f"{notice.subgroup.slug} update (due {notice.key}), "
            f"to {', '.join(notice.recipients.splitlines())}"
        )
    request = notice.request
    meeting = request.item.meeting
    return (
        f"{notice.get_kind_display().lower()}, {meeting.board.slug} {meeting.date:%Y-%m-%d} "
        f"item {request.item.number} (due {request.deadline:%Y-%m-%d}), to {notice.recipients}"
    )


class Command(BaseCommand):
    help = (
        "E-mail report authors a reminder before their deadline and a notice the working day "
        "after it if the report has not arrived; subgroup leads the same about their update "
        "reports. Each is sent once."
    )

    def add_arguments(self, parser):
        add_sending_arguments(parser, "e-mails")

    def handle(self, *args, dry_run=False, today=None, **options):
        today = today or timezone.localdate()
        notices = reminders_send(today=today, dry_run=dry_run)
        for notice in notices:
            self.stdout.write(f"{'Would send' if dry_run else 'Queued'}: {_describe(notice)}")
        verb = "would be sent" if dry_run else "queued to send"
        updates = sum(isinstance(n, SubgroupUpdateNotice) for n in notices)
        count = len(notices) - updates
        self.stdout.write(f"{count} report reminder{'s' if count != 1 else ''} {verb}.")
        self.stdout.write(f"{updates} subgroup update notice{'s' if updates != 1 else ''} {verb}.")
