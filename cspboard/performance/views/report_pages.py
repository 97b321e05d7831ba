"""The report's pages: the report and its PDF, an indicator's page, publishing a month's
commentary, a meeting's report, and the hotspot table."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from cspboard.boards.access import access_for, second_factor_first
from cspboard.core.cache import cached_public_page
from cspboard.meetings.permissions import can_enter_performance, can_see_performance_drafts

from .. import entries, forms, pages, services, stored
from .. import report as reports
from ..pack import CHOSEN, meeting_report_month, report_title
from .base import private

# The report ------------------------------------------------------------------------------------


def _report_month(board, month: datetime.date) -> list[datetime.date]:
    """The months the report may be shown for; 404 for any other."""
    months = reports.months_with_data(board)
    if month not in months:
        raise Http404
    return months


@require_safe
def report_latest(request, slug: str):
    """The report for the month chosen in the picker, or else the latest month with figures."""
    board = pages.board_for_viewer(request.user, slug)
    months = reports.months_with_data(board)
    chosen = request.GET.get("month", "")
    for month in reversed(months):
        if not chosen or f"{month:%Y-%m}" == chosen:
            return redirect("performance:report", slug=board.slug, month=month)
    if months:
        return redirect("performance:report", slug=board.slug, month=months[-1])
    response = render(
        request,
        "performance/report_empty.html",
        {
            "board": board,
            "has_indicators": board.indicators.exists(),
            "can_enter": can_enter_performance(access_for(request.user), board),
        },
    )
    return private(request, response)


@require_safe
def report(request, slug: str, month: datetime.date):
    return cached_public_page(
        request,
        f"performance:{slug}:{month:%Y-%m}",
        lambda: _report(request, slug, month),
        board_slug=slug,
        data=True,
    )


def _ready_report(board, month: datetime.date, drafts: bool) -> stored.ReadyReport:
    """The report as stored when current, else computed now; 404 for a month without figures."""
    ready = stored.report_ready(board=board, month=month, drafts=drafts)
    if ready is None:
        raise Http404
    return ready


def _report(request, slug: str, month: datetime.date):
    board = pages.board_for_viewer(request.user, slug)
    access = access_for(request.user)
    can_enter = can_enter_performance(access, board)
    drafts = can_see_performance_drafts(access, board)
    ready = _ready_report(board, month, drafts)
    built, months = ready.report, ready.months
    # Stored for the viewer class: officers and analysts (drafts) get the links to change
    # ratings and commentary, no one else does.
    body = ready.body if can_enter == drafts else stored.body_html(built, can_enter=can_enter)
    response = render(
        request,
        "performance/report.html",
        {
            "board": board,
            "report": built,
            "months": list(reversed(months)),
            "body": body,
            "can_enter": can_enter,
            "coming_meetings": (
                pages.meetings_to_prepare(board, datetime.date.today()) if can_enter else []
            ),
        },
    )
    return private(request, response)


@require_safe
def report_pdf(request, slug: str, month: datetime.date):
    """The report as a PDF: stored with the report, until its data changes (it takes seconds
    to lay out, so the worker makes it beforehand for each board's latest month)."""
    board = pages.board_for_viewer(request.user, slug)
    drafts = can_see_performance_drafts(access_for(request.user), board)
    pdf = stored.report_pdf_ready(board=board, month=month, drafts=drafts)
    if pdf is None:
        raise Http404
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{board.slug}-performance-report-{month:%Y-%m}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return private(request, response)


@require_http_methods(["GET", "POST"])
def indicator(request, slug: str, month: datetime.date, indicator_slug: str):
    """One indicator's page of the report; officers and analysts override its rating (with a
    reason) and write its commentary here. With htmx the forms swap the panel in place."""
    if request.method == "GET" and not request.htmx:
        return cached_public_page(
            request,
            f"performance:{slug}:{month:%Y-%m}:{indicator_slug}",
            lambda: _indicator(request, slug, month, indicator_slug),
            board_slug=slug,
            data=True,
        )
    return _indicator(request, slug, month, indicator_slug)


def _indicator_summary(board, month: datetime.date, indicator_slug: str, drafts: bool):
    built = _ready_report(board, month, drafts).report
    summary = next((s for s in built.indicators if s.indicator.slug == indicator_slug), None)
    if summary is None or summary.indicator.in_development:
        raise Http404
    return built, summary


def _indicator_forms(summary, can_enter: bool) -> tuple:
    if not can_enter:
        return None, None
    override = forms.OverrideForm(
        prefix="override",
        initial={
            "rating": summary.rating if summary.overridden else "",
            "reason": summary.override_reason,
        },
    )
    saved = pages.commentary_for(summary.indicator, summary.month)
    commentary = forms.CommentaryForm(
        prefix="commentary",
        initial={
            "text": saved.text if saved else "",
            "benchmark_percent_change": saved.benchmark_percent_change if saved else None,
        },
    )
    return override, commentary


def _indicator(request, slug: str, month: datetime.date, indicator_slug: str):
    board = pages.board_for_viewer(request.user, slug)
    access = access_for(request.user)
    drafts = can_see_performance_drafts(access, board)
    built, summary = _indicator_summary(board, month, indicator_slug, drafts)
    can_enter = can_enter_performance(access, board)
    override_form, commentary_form = _indicator_forms(summary, can_enter)
    error_form, saved = None, ""
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{settings.LOGIN_URL}?next={request.path}")
        if not can_enter:
            raise Http404
        step, target = request.POST.get("step"), summary.indicator
        if step == "override":
            override_form = forms.OverrideForm(request.POST, prefix="override")
            if override_form.is_valid():
                services.rating_override_set(
                    indicator=target, month=month, by=request.user, **override_form.cleaned_data
                )
                saved = "The rating is saved."
            else:
                error_form = override_form
        elif step == "clear":
            services.rating_override_clear(indicator=target, month=month, by=request.user)
            saved = "The calculated rating is back."
        elif step == "commentary":
            commentary_form = forms.CommentaryForm(request.POST, prefix="commentary")
            if commentary_form.is_valid():
                services.commentary_set(
                    indicator=target, month=month, by=request.user, **commentary_form.cleaned_data
                )
                saved = "The commentary is saved."
            else:
                error_form = commentary_form
        else:
            return HttpResponseBadRequest()
        if saved and not request.htmx:
            messages.success(request, saved)
            return redirect(request.path)
        if saved:
            built, summary = _indicator_summary(board, month, indicator_slug, drafts)
            override_form, commentary_form = _indicator_forms(summary, can_enter)
    context = {
        "board": board,
        "report": built,
        "entry": entries.report_entry(
            summary, reports.report_revisions(built).get(summary.indicator.pk)
        ),
        "can_enter": can_enter,
        "override_form": override_form,
        "commentary_form": commentary_form,
        "error_form": error_form,
        "saved": saved,
    }
    if request.htmx:
        # htmx swaps only 2xx answers: a form with errors comes back as 200 with its messages.
        return private(request, render(request, "performance/_indicator_panel.html", context))
    response = render(
        request, "performance/indicator.html", context, status=400 if error_form else 200
    )
    return private(request, response)


@login_required
@second_factor_first
@require_http_methods(["POST"])
def publish(request, slug: str, month: datetime.date):
    """Publish the month's commentary and rating overrides (officers and analysts)."""
    board = pages.board_for_data_entry(request.user, slug)
    _report_month(board, month)
    if services.report_commentary_publish(board=board, month=month, by=request.user) is None:
        messages.info(
            request, f"Nothing to publish: the commentary for {month:%B %Y} is published as it is."
        )
    else:
        messages.success(
            request,
            f"The commentary and ratings for {month:%B %Y} are published: everyone sees them now.",
        )
    return redirect("performance:report", slug=board.slug, month=month)


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def meeting_report(request, slug: str, date: datetime.date):
    """The month of the performance report a meeting's agenda pack carries (officers and
    analysts of its board, while the agenda is being built)."""
    board = pages.board_for_data_entry(request.user, slug)
    meeting = pages.meeting_for_report(board, date)
    months = list(reversed(reports.months_with_data(board)))
    current = meeting_report_month(meeting)
    form = forms.MeetingReportForm(
        request.POST if request.method == "POST" else None,
        months=months,
        initial={"month": f"{current.month:%Y-%m}" if current.how == CHOSEN else ""},
    )
    if request.method == "POST" and form.is_valid():
        month = form.cleaned_data["month"]
        try:
            services.meeting_report_set(meeting=meeting, month=month, by=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            if month is None:
                chosen = meeting_report_month(meeting)
                text = (
                    f"The agenda pack will carry the report to {chosen.month:%B %Y}, the default."
                    if chosen.month
                    else f"The agenda pack will carry no performance report. {chosen.note}"
                )
            else:
                text = f"The agenda pack will carry the report to {month:%B %Y}."
            messages.success(request, text)
            return redirect("performance:meeting_report", slug=board.slug, date=meeting.date)
    response = render(
        request,
        "performance/meeting_report_form.html",
        {
            "board": board,
            "meeting": meeting,
            "form": form,
            "current": current,
            "title": report_title(current.month) if current.month else "",
            "has_item": pages.has_performance_item(meeting),
            "has_indicators": board.indicators.exists(),
        },
        status=400 if form.errors else 200,
    )
    return private(request, response)


# Hotspots ---------------------------------------------------------------------------------------


@require_safe
def hotspots(request, slug: str):
    """The LSOAs and locations with most street crimes of a type in a period, with the change
    against the period of the same length before it."""
    board = pages.board_for_viewer(request.user, slug)
    crime_types, months = pages.hotspot_choices()
    form = forms.HotspotForm(
        request.GET, crime_types=crime_types, areas=pages.areas_for_board(board), months=months
    )
    tables = hotspot_map = None
    if months and form.is_valid():
        data = form.cleaned_data
        tables = pages.hotspot_tables(
            area=data["area_obj"], months=data["months"], crime_types=data["crime_types"]
        )
        hotspot_map = pages.hotspot_map(
            board,
            user=request.user,
            area=data["area_obj"],
            months=data["months"],
            crime_types=data["crime_types"],
        )
    response = render(
        request,
        "performance/hotspots.html",
        {
            "board": board,
            "form": form,
            "tables": tables,
            "map": hotspot_map,
            "has_data": bool(months),
            "crime_type": form.cleaned_data.get("crime_type") if tables else "",
            "area": form.cleaned_data.get("area_obj") if tables else None,
        },
        status=400 if form.errors else 200,
    )
    return private(request, response)
