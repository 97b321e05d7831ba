"""Reminders to action owners: due soon, overdue, or without an update for a while.

`reminders_send(today=...)` is the one write (the `send-reminders` command calls it, hourly from
cron). Each reminder is a `ReminderSent` row keyed by what it is about, so that it fires once:

- due soon: the target date is within the board's `reminder_due_soon_days`; keyed by the target
  date (a new target date is a new reminder);
- overdue: the target date has passed; keyed by the target date;
- no update: nothing posted for `reminder_no_update_days` since the last update, or since the
  action was raised; keyed by that date (an update starts a new wait).

The row is written in the same transaction as the e-mail's place in the outbox
(`core.mail.queue_email`, sent by the worker once it commits), and the database's unique
constraint refuses a second row, so two runs at once, or a run repeated, never send the same
reminder twice. A message the mail server refuses is tried again by the outbox, and shown to
the board's officers if it never goes.

E-mails go one to each owner with an address, listing all their reminders of the run. An action
raised under a withheld item is never described in an e-mail ("an action from a restricted
item"), only linked. Owners with an account get the action's page (they sign in to update it);
the others a signed link (`links.py`) that lets them post an update without an account.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.template.loader import render_to_string

from cspboard.core.mail import queue_email
from cspboard.meetings.permissions import action_is_withheld
from cspboard.people.models import Person

from .choices import ActionStatus, ReminderKind
from .links import action_link_url
from .models import ActionItem, ActionLogSettings, ReminderSent

RESTRICTED_TEXT = "an action from a restricted item"


@dataclasses.dataclass
class DueReminder:
    """A reminder the rules call for today (sent or not yet)."""

    action: ActionItem
    kind: str
    key: str
    when: datetime.date  # the target date, or the date of the last update
    owners: list[Person]

    @property
    def recipients(self) -> str:
        return "\n".join(f"{p.display_name} <{address_of(p)}>" for p in self.owners)


def address_of(person: Person) -> str:
    if person.email:
        return person.email
    user = person.user if person.user_id else None
    return user.email if user is not None and user.email else ""


def from_withheld_item(action: ActionItem) -> bool:
    return action_is_withheld(action)


def _open_actions():
    has_owner = ActionItem.owners.through.objects.filter(actionitem_id=OuterRef("pk"))
    return (
        ActionItem.objects.filter(Exists(has_owner), status=ActionStatus.OPEN)
        .select_related("board", "meeting", "item", "item__parent")
        .prefetch_related(
            Prefetch("owners", queryset=Person.objects.select_related("user").order_by("name"))
        )
        .order_by("board__name", "number")
    )


def reminders_due(*, today: datetime.date) -> list[DueReminder]:
    """Every reminder the rules call for today that has not been sent, for owners with an
    e-mail address."""
    board_settings = {s.board_id: s for s in ActionLogSettings.objects.all()}
    default = ActionLogSettings()
    actions = list(_open_actions())
    sent = set(
        ReminderSent.objects.filter(action__status=ActionStatus.OPEN).values_list(
            "action_id", "kind", "key"
        )
    )
    due = []
    for action in actions:
        owners = [p for p in action.owners.all() if address_of(p)]
        if not owners:
            continue
        rules = board_settings.get(action.board_id, default)
        wanted: list[tuple[str, datetime.date]] = []
        target = action.target_date
        if target is not None:
            if target < today:
                wanted.append((ReminderKind.OVERDUE, target))
            elif (target - today).days <= rules.reminder_due_soon_days:
                wanted.append((ReminderKind.DUE_SOON, target))
        last = max(filter(None, (action.last_update_on, action.raised_on)))
        if (today - last).days >= rules.reminder_no_update_days:
            wanted.append((ReminderKind.NO_UPDATE, last))
        for kind, when in wanted:
            key = when.isoformat()
            if (action.pk, kind, key) not in sent:
                due.append(DueReminder(action, kind, key, when, owners))
    return due


def _sentence(reminder: DueReminder) -> str:
    when = f"{reminder.when.day} {reminder.when:%B %Y}"
    if reminder.kind == ReminderKind.OVERDUE:
        return f"is overdue: its target date was {when}"
    if reminder.kind == ReminderKind.DUE_SOON:
        return f"is due on {when}"
    return f"has had no update since {when}"


def _link(action: ActionItem, person: Person) -> str:
    """The action's page for an owner with an account (they sign in to update it); a signed
    link, good for this action only, for anyone else."""
    user = person.user if person.user_id else None
    if user is not None and user.is_active:
        return settings.SITE_URL.rstrip("/") + action.get_absolute_url()
    return action_link_url(action, person)


def _messages(reminders: list[DueReminder]) -> list[tuple[EmailMessage, int | None]]:
    """Each owner's message, with the board it is about (None when about several)."""
    by_owner: dict[int, list[DueReminder]] = defaultdict(list)
    people: dict[int, Person] = {}
    for reminder in reminders:
        for person in reminder.owners:
            by_owner[person.pk].append(reminder)
            people[person.pk] = person
    messages = []
    for person_pk, owned in by_owner.items():
        person = people[person_pk]
        entries: dict[int, dict] = {}
        for reminder in owned:
            action = reminder.action
            if action.pk not in entries:
                restricted = from_withheld_item(action)
                entries[action.pk] = {
                    "action": action,
                    "sentences": [],
                    "text": RESTRICTED_TEXT if restricted else action.text,
                    "restricted": restricted,
                    "link": _link(action, person),
                }
            entries[action.pk]["sentences"].append(_sentence(reminder))
        for entry in entries.values():
            entry["sentence"] = " and ".join(entry["sentences"]) + "."
        count = len(entries)
        subject = f"Reminder: {count} action{'s' if count != 1 else ''} to update"
        body = render_to_string(
            "actions/email/reminder.txt",
            {"person": person, "entries": list(entries.values()), "site_url": settings.SITE_URL},
        )
        boards = {entry["action"].board_id for entry in entries.values()}
        messages.append(
            (
                EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address_of(person)]),
                boards.pop() if len(boards) == 1 else None,
            )
        )
    return messages


def reminders_send(*, today: datetime.date, dry_run: bool = False) -> list[ReminderSent]:
    """Record today's reminders and queue their e-mails (sent by the worker once this commits);
    each is sent once, ever. With `dry_run`, return what would be sent (unsaved) and queue
    nothing."""
    due = reminders_due(today=today)
    if dry_run:
        return [
            ReminderSent(action=r.action, kind=r.kind, key=r.key, recipients=r.recipients)
            for r in due
        ]
    recorded: list[ReminderSent] = []
    sending: list[DueReminder] = []
    with transaction.atomic():
        for reminder in due:
            try:
                with transaction.atomic():
                    record = ReminderSent.objects.create(
                        action=reminder.action,
                        kind=reminder.kind,
                        key=reminder.key,
                        recipients=reminder.recipients,
                    )
            except IntegrityError:
                continue  # another run recorded it first: it sends it
            recorded.append(record)
            sending.append(reminder)
        for message, board_id in _messages(sending):
            queue_email(
                message, purpose="action reminder", board_id=board_id, about=message.subject
            )
    return recorded


def reminders_for_board(board) -> list[ReminderSent]:
    """The board's reminders, newest first, for the officer's page (one query)."""
    return list(
        ReminderSent.objects.filter(action__board=board)
        .select_related("action", "action__board")
        .order_by("-sent_at", "-pk")
    )
