"""`cspboard send-reminders`: e-mail owners about actions due soon, overdue or not updated, and
report authors about reports due soon or overdue (`send-report-reminders` does those alone).

Safe to run from cron every hour: each reminder is recorded and sent once, ever
(`cspboard.actions.reminders`). The e-mails are queued in the outbox and sent by the worker
(`cspboard db_worker`); `cspboard schedule` runs the same reminders each working morning. The
officer sees what was sent on the board's "Reminders sent" page
(/boards/<slug>/actions/reminders/).
"""

import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand

from cspboard.actions.reminders import reminders_send
from cspboard.core.arguments import add_sending_arguments


class Command(BaseCommand):
    help = (
        "E-mail action owners about actions due soon, overdue, or without an update for the "
        "board's set number of days, and report authors before and after their deadlines. "
        "Each reminder is sent once."
    )

    def add_arguments(self, parser):
        add_sending_arguments(parser, "reminders")

    def handle(self, *args, dry_run=False, today=None, **options):
        today = today or datetime.date.today()
        reminders = reminders_send(today=today, dry_run=dry_run)
        for reminder in reminders:
            action = reminder.action
            recipients = ", ".join(reminder.recipients.splitlines())
            self.stdout.write(
                f"{'Would send' if dry_run else 'Queued'}: {reminder.get_kind_display().lower()} "
                f"({reminder.key}), {action.board.slug} action {action.number}, to {recipients}"
            )
        verb = "would be sent" if dry_run else "queued to send"
        count = len(reminders)
        self.stdout.write(f"{count} reminder{'s' if count != 1 else ''} {verb}.")
        # One cron line for every reminder: the report authors' are sent once each in the same way.
        call_command("send-report-reminders", dry_run=dry_run, today=today, stdout=self.stdout)
