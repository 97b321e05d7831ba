"""E-mails about meetings. They carry what the public may see and a link: never the text of
a withheld item or paper, since e-mail leaves our control.

Who each e-mail goes to is worked out before it is queued (`recipients`): the services queue one
message to each of exactly those addresses in the outbox (`core.mail.queue_email`) inside their
transaction, the worker sends them once it commits, and the pages tell the officer who will be
e-mailed and who cannot be (no e-mail address) from the same answer. The page never says an
e-mail was sent: it is queued, and a failure shows on the officers' e-mails page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string

from cspboard.boards.choices import CHAIR_ROLES, OFFICER_ROLES
from cspboard.boards.models import Membership
from cspboard.core.mail import queue_email


def _address(person) -> str:
    if person.email:
        return person.email
    user = getattr(person, "user", None)
    return user.email if user is not None and user.email else ""


def _names(names: tuple[str, ...]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Recipients:
    """Who one e-mail goes to, and who it cannot reach because they have no e-mail address.

    `audience` is "members", "officers" or "chair": it words the summary.
    """

    audience: str
    addresses: tuple[str, ...]
    told: tuple[str, ...]  # names of the people e-mailed
    not_told: tuple[str, ...]  # names of the people with no e-mail address

    @property
    def not_told_names(self) -> str:
        return _names(self.not_told)

    def summary(self, about: str = "") -> str:
        """What the officer is told once the e-mail is queued, e.g. "An e-mail to 12 members is
        queued; could not tell A. Person and B. Person (no e-mail address)." `about` ("about 3
        changed items") follows "An e-mail to ..." or "No one will be e-mailed"."""
        about = f" {about}" if about else ""
        if not self.told:
            if not self.not_told:
                nobody = {
                    "members": "the board has no members on the meeting's date",
                    "officers": "the board has no officers",
                    "chair": "the meeting has no chair",
                }[self.audience]
                return f"No one will be e-mailed{about}: {nobody}."
            if self.audience == "chair":
                return (
                    f"No one will be e-mailed{about}: the chair, {_names(self.not_told)}, has no "
                    "e-mail address. Tell them yourself."
                )
            one = {"members": "member", "officers": "officer"}[self.audience]
            return (
                f"No one will be e-mailed{about}: no {one} has an e-mail address "
                f"({_names(self.not_told)})."
            )
        if self.audience == "members":
            count = len(self.told)
            who = f"{count} member{'s' if count != 1 else ''}"
        elif self.audience == "chair":
            who = f"the chair, {_names(self.told)},"
        else:
            one = len(self.told) == 1
            who = f"the officer{'' if one else 's'}, {_names(self.told)},"
        text = f"An e-mail to {who}{about} is queued to send"
        if self.not_told:
            text += f"; could not tell {_names(self.not_told)} (no e-mail address)"
        return text + "."


def _recipients(audience: str, people) -> Recipients:
    """Each person once, in the order given; two people sharing an address get one e-mail."""
    seen, addresses, told, not_told = set(), [], [], []
    for person in people:
        if person.pk in seen:
            continue
        seen.add(person.pk)
        address = _address(person)
        if address:
            told.append(person.display_name)
            if address not in addresses:
                addresses.append(address)
        else:
            not_told.append(person.display_name)
    return Recipients(audience, tuple(sorted(addresses)), tuple(told), tuple(not_told))


def _people(memberships) -> list:
    rows = memberships.select_related("person", "person__user").order_by("person__name", "pk")
    return [m.person for m in rows]


def members_of(meeting) -> Recipients:
    """The board's members (every role) on the meeting's date."""
    return _recipients(
        "members",
        _people(Membership.objects.held_on(meeting.date).filter(board=meeting.board)),
    )


def officers_of(meeting) -> Recipients:
    """The board's officers now: they pick up the minutes after the chair's answer."""
    return _recipients(
        "officers",
        _people(Membership.objects.current().filter(board=meeting.board, role__in=OFFICER_ROLES)),
    )


def chair_of(meeting) -> Recipients:
    """The meeting's chair; if they have no address, the board's chair now as well."""
    people = [meeting.chair] if meeting.chair else []
    if not people or not _address(meeting.chair):
        people += _people(
            Membership.objects.current().filter(board=meeting.board, role__in=CHAIR_ROLES)
        )
    return _recipients("chair", people)


# Who is told of what. The services queue each e-mail to `recipients(event, meeting)`.
AUDIENCES = {
    "agenda_published": members_of,
    "agenda_changed": members_of,
    "meeting_changed": members_of,
    "meeting_cancelled": members_of,
    "minutes_sent": chair_of,
    "minutes_reviewed": officers_of,
    "minutes_published": members_of,
}


def recipients(event: str, meeting) -> Recipients:
    return AUDIENCES[event](meeting)


def _send(template: str, subject: str, to: Recipients, **context) -> int:
    """Queue one message to each address (so members never see one another's addresses), in
    the caller's transaction; the worker sends them once it commits. Returns how many."""
    if not to.addresses:
        return 0
    meeting = context["meeting"]
    body = render_to_string(
        f"meetings/email/{template}.txt", {"site_url": settings.SITE_URL, **context}
    )
    for address in to.addresses:
        queue_email(
            to=[address],
            subject=subject,
            body=body,
            purpose=template.replace("_", " "),
            board_id=meeting.board_id,
            about=subject,
        )
    return len(to.addresses)


def _title(meeting) -> str:
    return f"{meeting.board.name}, {meeting.date:%A %-d %B %Y}"


def agenda_published(meeting, to: Recipients | None = None) -> int:
    items = list(meeting.items.filter(parent=None).order_by("position"))
    return _send(
        "agenda_published",
        f"Agenda published: {_title(meeting)}",
        to or members_of(meeting),
        meeting=meeting,
        items=items,
    )


def agenda_changed(meeting, items, to: Recipients | None = None) -> int:
    return _send(
        "agenda_changed",
        f"Agenda changed: {_title(meeting)}",
        to or members_of(meeting),
        meeting=meeting,
        items=items,
    )


def meeting_changed(meeting, to: Recipients | None = None) -> int:
    return _send(
        "meeting_changed",
        f"Meeting changed: {_title(meeting)}",
        to or members_of(meeting),
        meeting=meeting,
    )


def meeting_cancelled(meeting, to: Recipients | None = None) -> int:
    return _send(
        "meeting_cancelled",
        f"Meeting cancelled: {_title(meeting)}",
        to or members_of(meeting),
        meeting=meeting,
    )


def minutes_sent_to_chair(meeting, to: Recipients | None = None) -> int:
    return _send(
        "minutes_sent",
        f"Minutes for your approval: {_title(meeting)}",
        to or chair_of(meeting),
        meeting=meeting,
    )


def minutes_reviewed(meeting, approved: bool, to: Recipients | None = None) -> int:
    review = meeting.reviews.order_by("-at", "-pk").first()
    subject = "Minutes approved" if approved else "Minutes returned with comments"
    return _send(
        "minutes_reviewed",
        f"{subject}: {_title(meeting)}",
        to or officers_of(meeting),
        meeting=meeting,
        approved=approved,
        review=review,
    )


def minutes_published(meeting, to: Recipients | None = None) -> int:
    return _send(
        "minutes_published",
        f"Minutes published: {_title(meeting)}",
        to or members_of(meeting),
        meeting=meeting,
    )
