"""What every meeting screen shares: the meeting's URLs, and how a page with a form answers."""

from django.shortcuts import render
from django.urls import reverse


def meeting_url(meeting, suffix: str = "") -> str:
    """The meeting's page, or one of its screens (`suffix`: "agenda/", "minutes/"...)."""
    return (
        reverse(
            "meetings:meeting_detail", kwargs={"slug": meeting.board.slug, "date": meeting.date}
        )
        + suffix
    )


def render_form(request, template: str, context: dict, form=None):
    """A page with a form: 400 when the form holds errors, so a failed post is not a success."""
    status = 400 if form is not None and form.errors else 200
    return render(request, template, context, status=status)
