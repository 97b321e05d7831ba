import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST, require_safe

from cspboard.accounts.decorators import second_factor_first
from cspboard.core.cache import cached_public_page
from cspboard.meetings.selectors import meetings_recent, meetings_upcoming

from . import mail, selectors
from .choices import EmailStatus


@require_safe
def home(request):
    # Meetings of every board: kept under all the boards' generations.
    return cached_public_page(request, "home", lambda: _home(request), every_board=True)


def _home(request):
    today = datetime.date.today()
    return render(
        request,
        "core/home.html",
        {"upcoming": meetings_upcoming(today), "recent": meetings_recent(today)},
    )


@require_GET
def health(request):
    """For load balancers (and bench/ as its baseline): the app is up and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_required
@second_factor_first
@require_safe
def outbox(request):
    """E-mails that have not gone: failed ones with their error and a button to try again, and
    those waiting. Officers see their boards' e-mail; site administrators and staff see all."""
    emails = selectors.outbox_for_user(request.user)
    response = render(
        request,
        "core/outbox.html",
        {
            "emails": emails,
            "failed": [e for e in emails if e.status == EmailStatus.FAILED],
            "waiting": [e for e in emails if e.status != EmailStatus.FAILED],
            "max_attempts": mail.max_attempts(),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@second_factor_first
@require_POST
def outbox_retry(request, pk: int):
    """Try an e-mail again now (its attempts counted afresh)."""
    email = selectors.outbox_email_for_user(request.user, pk)
    mail.email_retry(email=email)
    messages.success(request, f"The e-mail to {email.recipients} is queued to send again.")
    return redirect("outbox")


# Error pages say nothing about what was asked for: a withheld paper's 404 looks like any other.
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    return render(request, "500.html", status=500)
