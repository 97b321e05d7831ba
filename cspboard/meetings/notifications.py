"""E-mails about meetings. They carry what the public may see and a link: never the text of
a withheld item or paper, since e-mail leaves our control."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string

from cspboard.boards.choices import CHAIR_ROLES
from cspboard.boards.models import Membership


def _address(person) -> str:
    if person.email:
        return person.email
    user = getattr(person, "user", None)
    return user.email if user is not None and user.email else ""


def _members(meeting) -> list[str]:
    memberships = (
        Membership.objects.current(meeting.date if meeting.date else None)
        .filter(board=meeting.board)
        .select_related("person", "person__user")
    )
    return sorted({a for a in (_address(m.person) for m in memberships) if a})


def _officers(meeting) -> list[str]:
    from cspboard.boards.choices import OFFICER_ROLES

    memberships = (
        Membership.objects.current()
        .filter(board=meeting.board, role__in=OFFICER_ROLES)
        .select_related("person", "person__user")
    )
    return sorted({a for a in (_address(m.person) for m in memberships) if a})


def _chair(meeting) -> list[str]:
    if meeting.chair:
        address = _address(meeting.chair)
        if address:
            return [address]
    memberships = (
        Membership.objects.current()
        .filter(board=meeting.board, role__in=CHAIR_ROLES)
        .select_related("person", "person__user")
    )
    return sorted({a for a in (_address(m.person) for m in memberships) if a})


def _send(template: str, subject: str, recipients: list[str], **context) -> int:
    if not recipients:
        return 0
    body = render_to_string(
        f"meetings/email/{template}.txt", {"site_url": settings.SITE_URL, **context}
    )
    # One message each, so members never see one another's addresses.
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients]
    return send_mass_mail(messages, fail_silently=False)


def _title(meeting) -> str:
    return f"{meeting.board.name}, {meeting.date:%A %-d %B %Y}"


def agenda_published(meeting) -> int:
    items = list(meeting.items.filter(parent=None).order_by("position"))
    return _send(
        "agenda_published",
        f"Agenda published: {_title(meeting)}",
        _members(meeting),
        meeting=meeting,
        items=items,
    )


def agenda_changed(meeting, items) -> int:
    return _send(
        "agenda_changed",
        f"Agenda changed: {_title(meeting)}",
        _members(meeting),
        meeting=meeting,
        items=items,
    )


def meeting_changed(meeting) -> int:
    return _send(
        "meeting_changed", f"Meeting changed: {_title(meeting)}", _members(meeting), meeting=meeting
    )


def meeting_cancelled(meeting) -> int:
    return _send(
        "meeting_cancelled",
        f"Meeting cancelled: {_title(meeting)}",
        _members(meeting),
        meeting=meeting,
    )


def minutes_sent_to_chair(meeting) -> int:
    return _send(
        "minutes_sent",
        f"Minutes for your approval: {_title(meeting)}",
        _chair(meeting),
        meeting=meeting,
    )


def minutes_reviewed(meeting, approved: bool) -> int:
    review = meeting.reviews.order_by("-at", "-pk").first()
    subject = "Minutes approved" if approved else "Minutes returned with comments"
    return _send(
        "minutes_reviewed",
        f"{subject}: {_title(meeting)}",
        _officers(meeting),
        meeting=meeting,
        approved=approved,
        review=review,
    )


def minutes_published(meeting) -> int:
    return _send(
        "minutes_published",
        f"Minutes published: {_title(meeting)}",
        _members(meeting),
        meeting=meeting,
    )
