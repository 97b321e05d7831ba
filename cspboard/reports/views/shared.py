"""What the reports pages share: no caching, the signed-in person, today, a form's save and
its page, the refusal of a signed link."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from cspboard.core.exceptions import NotAllowed

from .. import links
from ..notifications import address_of

__all__ = [
    "address_of",
    "form_page",
    "link_refused",
    "no_store",
    "person_of",
    "form_saved",
    "local_today",
    "upload_fields",
]


def no_store(response):
    """Never cached; a signed address never leaves for another site in a Referer header."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def person_of(user):
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except ObjectDoesNotExist:
        return None


def local_today() -> datetime.date:
    return timezone.localdate()


def form_saved(request, form, save):
    """Hands a valid POSTed form's data to `save`, which calls the service and returns the
    message to show and where to go next: the redirect there. None when the form was not
    posted, is not valid, or the service refused (its reasons are then on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        message, url = save(form.cleaned_data)
    except ValidationError as error:
        form.add_service_errors(error)
    except NotAllowed as error:
        form.add_error(None, str(error))
    else:
        messages.success(request, message)
        return redirect(url)
    return None


def form_page(request, template: str, context: dict):
    """A page with `context["form"]`: 400 when the form has errors; never cached."""
    status = 400 if context["form"].errors else 200
    return no_store(render(request, template, context, status=status))


def upload_fields(data: dict) -> dict:
    """An upload form's file, title and marking, as the upload services take them."""
    return {
        "upload": data["file"],
        "title": data["title"],
        "security_marking": data["security_marking"],
        "schedule_12a_paragraph": data["schedule_12a_paragraph"],
    }


def link_refused(request, refused: links.LinkInvalid):
    """The page for a link that has expired (410) or is not valid (404); it says nothing of what
    the link was for."""
    expired = isinstance(refused, links.LinkExpired)
    status = 410 if expired else 404
    refusal = render(request, "reports/link_invalid.html", {"expired": expired}, status=status)
    return no_store(refusal)
