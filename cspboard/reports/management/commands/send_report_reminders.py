"""`cspboard send-report-reminders`: remind authors of reports due soon, and tell them the
working day after a missed deadline.

Safe to run from cron every hour, beside `send-reminders`: each notice is recorded and sent once,
ever (`cspboard.reports.reminders`).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from cspboard.core.arguments import add_sending_arguments
from cspboard.reports.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail report authors a reminder before their deadline and a notice the working day "
        "after it if the report has not arrived. Each is sent once."
    )

    def add_arguments(self, parser):
        add_sending_arguments(parser, "e-mails")

    def handle(self, *args, dry_run=False, today=None, **options):
        today = today or timezone.localdate()
        notices = reminders_send(today=today, dry_run=dry_run)
        for notice in notices:
            request = notice.request
            meeting = request.item.meeting
            self.stdout.write(
                f"{'Would send' if dry_run else 'Sent'}: {notice.get_kind_display().lower()}, "
                f"{meeting.board.slug} {meeting.date:%Y-%m-%d} item {request.item.number} "
                f"(due {request.deadline:%Y-%m-%d}), to {notice.recipients}"
            )
        verb = "would be sent" if dry_run else "sent"
        count = len(notices)
        self.stdout.write(f"{count} report reminder{'s' if count != 1 else ''} {verb}.")
