"""Report requests: the officers' "reports due", "my reports", asking for an item's report,
its page, changing and withdrawing it, and the board's deadline rule."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cspboard.boards.access import access_for, second_factor_first
from cspboard.boards.selectors import board_for_officer
from cspboard.core.exceptions import NotAllowed
from cspboard.meetings.permissions import can_request_reports
from cspboard.meetings.selectors import item_for_officer

from .. import deadlines, links, selectors, services
from ..forms import RequestForm, SettingsForm
from .shared import address_of, form_page, form_saved, local_today, no_store

# Lists ------------------------------------------------------------------------------------------


@login_required
@second_factor_first
@require_safe
def reports_due(request):
    page = selectors.reports_due_for_officer(request.user, local_today())
    return no_store(render(request, "reports/reports_due.html", {"page": page}))


@login_required
@second_factor_first
@require_safe
def my_reports(request):
    today = local_today()
    mine = selectors.my_reports(request.user, today)
    return no_store(render(request, "reports/my_reports.html", {"mine": mine, "today": today}))


# Requesting -------------------------------------------------------------------------------------


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def request_create(request, item_id: int):
    """An officer asks someone for an item's report, by a deadline the board's rule suggests."""
    item = item_for_officer(request.user, item_id)
    meeting = item.meeting
    existing = selectors.open_request_for_item(item)
    if existing is not None:
        messages.success(request, "A report has already been requested for this item.")
        return redirect(existing.get_absolute_url())
    query = request.GET.get("q", "")
    people = selectors.people_to_ask(query)
    suggested = selectors.default_deadline(meeting)
    presenter = item.presenters.first()
    form = RequestForm(
        request.POST or None,
        people=people,
        initial={"deadline": suggested, "author": presenter.pk if presenter else None},
    )

    def save(data):
        report_request = services.report_request_create(
            item=item,
            author=data["author"],
            deadline=data["deadline"],
            note=data["note"],
            today=local_today(),
            by=request.user,
        )
        message = f"Report requested from {report_request.author.display_name}."
        return message, report_request.get_absolute_url()

    if (done := form_saved(request, form, save)) is not None:
        return done
    return _requestform_page(
        request,
        form,
        item,
        query=query,
        suggested=suggested,
        matches=len(people) if query else None,
    )


def _requestform_page(request, form, item, *, query, suggested, matches, report_request=None):
    """The form asking for a report (`report_request` None) or changing the request."""
    meeting = item.meeting
    return form_page(
        request,
        "reports/request_form.html",
        {
            "form": form,
            "item": item,
            "meeting": meeting,
            "query": query,
            "suggested": suggested,
            "publication": deadlines.publication_date(meeting),
            "settings": selectors.report_settings_for(meeting.board),
            "report_request": report_request,
            "matches": matches,
        },
    )


@login_required
@second_factor_first
@require_safe
def request_detail(request, pk: int):
    report_request = selectors.request_for_viewer(request.user, pk)
    is_officer = can_request_reports(access_for(request.user), report_request.item.meeting)
    author = report_request.author
    show_link = (
        is_officer
        and report_request.status == "requested"
        and not (author.user_id and author.user.is_active)
    )
    return no_store(
        render(
            request,
            "reports/request_detail.html",
            {
                "report_request": report_request,
                "item": report_request.item,
                "meeting": report_request.item.meeting,
                "submissions": selectors.submissions_of(report_request),
                "is_officer": is_officer,
                "overdue": report_request.is_overdue(local_today()),
                "can_submit": report_request.is_open
                and report_request.item.meeting.date >= local_today(),
                "link": links.report_link_url(report_request) if show_link else "",
                "has_address": bool(address_of(author)),
            },
        )
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def request_change(request, pk: int):
    report_request = selectors.request_for_officer(request.user, pk)
    query = request.GET.get("q", "")
    people = selectors.people_to_ask(query)
    form = RequestForm(
        request.POST or None,
        people=people,
        initial={
            "author": report_request.author_id,
            "deadline": report_request.deadline,
            "note": report_request.note,
        },
    )

    def save(data):
        services.report_request_change(
            request=report_request,
            author=data["author"],
            deadline=data["deadline"],
            note=data["note"],
            today=local_today(),
            by=request.user,
        )
        return "The request is changed.", report_request.get_absolute_url()

    if (done := form_saved(request, form, save)) is not None:
        return done
    return _requestform_page(
        request,
        form,
        report_request.item,
        query=query,
        suggested=selectors.default_deadline(report_request.item.meeting),
        matches=len(people) if query else None,
        report_request=report_request,
    )


@login_required
@second_factor_first
@require_POST
def request_withdraw(request, pk: int):
    report_request = selectors.request_for_officer(request.user, pk)
    try:
        services.report_request_withdraw(request=report_request, by=request.user)
    except NotAllowed as error:
        messages.error(request, str(error))
        return redirect(report_request.get_absolute_url())
    messages.success(request, "The request is withdrawn.")
    return redirect("reports:reports_due")


# The board's rule -------------------------------------------------------------------------------


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def report_settings(request, slug: str):
    board = board_for_officer(request.user, slug)
    current = selectors.report_settings_for(board)
    subgroups = board.subgroups.order_by("name")
    form = SettingsForm(
        request.POST or None,
        subgroups=subgroups,
        initial={
            "deadline_working_days": current.deadline_working_days,
            "reminder_working_days": current.reminder_working_days,
            "reporting": list(selectors.reporting_subgroups(board)),
        },
    )

    def save(data):
        services.report_settings_save(
            board=board,
            deadline_working_days=data["deadline_working_days"],
            reminder_working_days=data["reminder_working_days"],
            by=request.user,
        )
        services.subgroups_reporting_set(
            board=board, reporting=list(data["reporting"]), by=request.user
        )
        return f"Report deadlines saved for the {board.name}.", "reports:reports_due"

    if (done := form_saved(request, form, save)) is not None:
        return done
    return form_page(
        request,
        "reports/report_settings.html",
        {"board": board, "form": form, "has_subgroups": subgroups.exists()},
    )
