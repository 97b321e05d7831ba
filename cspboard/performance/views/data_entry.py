"""Data entry for a board's officers and analysts: the index of indicators, the grid of a
year's figures, and spreadsheet uploads."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from cspboard.boards.access import second_factor_first
from cspboard.core import tables

from .. import forms, pages, services, uploads
from ..choices import DataSource, MeasureKind, Series
from .base import private


@login_required
@second_factor_first
@require_safe
def data_index(request, slug: str):
    """The board's indicators, each with a link to its figures for the year."""
    board = pages.board_for_data_entry(request.user, slug)
    latest = pages.latest_entered_month(board)
    this_year = pages.financial_year_of(datetime.date.today())
    years = sorted({this_year, pages.financial_year_of(latest) if latest else this_year})
    response = render(
        request,
        "performance/data_index.html",
        {
            "board": board,
            "indicators": pages.indicators_for_entry(board),
            "years": [(year, pages.financial_year_label(year)) for year in reversed(years)],
        },
    )
    return private(request, response)


FIRST_YEAR = 2000


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def data_grid(request, slug: str, indicator_slug: str, year: int):
    """One indicator's figures for a financial year, April to March, entered as a grid."""
    board = pages.board_for_data_entry(request.user, slug)
    indicator = pages.indicator_for_entry(board, indicator_slug)
    if not FIRST_YEAR <= year <= datetime.date.today().year + 1:
        raise Http404
    months = pages.financial_year_months(year)
    stored = pages.stored_figures(indicator, months)
    local = indicator.data_source == DataSource.ENTERED
    percentage = indicator.measure == MeasureKind.PERCENTAGE
    initial = {}
    for (series, month), figure in stored.items():
        key = f"{month:%Y-%m}"
        if series == Series.BENCHMARK:
            initial[f"benchmark-{key}"] = _plain(figure.value)
        else:
            initial[f"value-{key}"] = _plain(figure.value)
            initial[f"denominator-{key}"] = _plain(figure.denominator)
    form = forms.FiguresForm(
        request.POST if request.method == "POST" else None,
        months=months,
        percentage=percentage,
        local=local and not indicator.in_development,
        initial=initial,
    )
    if request.method == "POST" and not indicator.in_development and form.is_valid():
        changed = 0
        try:
            if local:
                changed += services.measurements_save(
                    indicator=indicator,
                    series=Series.LOCAL,
                    values=pages.changed_figures(stored, Series.LOCAL, form.cleaned_data["local"]),
                    by=request.user,
                )
            changed += services.measurements_save(
                indicator=indicator,
                series=Series.BENCHMARK,
                values=pages.changed_figures(
                    stored, Series.BENCHMARK, form.cleaned_data["benchmark"]
                ),
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            label = pages.financial_year_label(year)
            if changed:
                messages.success(
                    request,
                    f"{indicator.name}: {changed} figure{'s' if changed != 1 else ''} saved "
                    f"for {label}.",
                )
            else:
                messages.success(request, f"{indicator.name}: no figures changed for {label}.")
            return redirect(request.path)
    response = render(
        request,
        "performance/data_grid.html",
        {
            "board": board,
            "indicator": indicator,
            "form": form,
            "local": local,
            "percentage": percentage,
            "year": year,
            "year_label": pages.financial_year_label(year),
            "previous_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < datetime.date.today().year + 1 else None,
            "report_month": pages.latest_entered_month(board),
        },
        status=400 if form.errors else 200,
    )
    return private(request, response)


def _plain(value) -> str:
    """A stored Decimal as typed: 133.0000 -> "133", 17.5000 -> "17.5"."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def _upload_session_key(board) -> str:
    return f"performance-upload:{board.pk}"


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def upload(request, slug: str):
    """Upload figures as CSV or XLSX, see what would change line by line, then confirm: all
    the lines are written or none. The lines checked wait in the session under a token."""
    board = pages.board_for_data_entry(request.user, slug)
    key = _upload_session_key(board)
    form = forms.UploadForm()
    plan, token, filename, import_errors = None, "", "", []
    if request.method == "POST" and request.POST.get("step") == "confirm":
        pending = tables.take_pending(request.session, key, request.POST.get("token"))
        if pending is None:
            messages.error(request, "That upload has expired. Upload the file again.")
            return redirect(request.path)
        rows = [uploads.UploadRow.from_json(r) for r in pending["rows"]]
        filename = pending.get("name", "")
        plan = uploads.check_upload(board=board, rows=rows)
        if plan.is_valid:
            try:
                changed = services.measurements_import(
                    board=board, rows=plan.measurement_rows(), by=request.user
                )
            except ValidationError as error:
                import_errors = error.messages
            else:
                if changed:
                    messages.success(
                        request,
                        f"{changed} figure{'s' if changed != 1 else ''} saved from {filename}.",
                    )
                else:
                    messages.success(request, "Nothing changed: every figure was already saved.")
                return redirect("performance:data_index", slug=board.slug)
    elif request.method == "POST":
        form = forms.UploadForm(request.POST, request.FILES)
        if form.is_valid():
            file = form.cleaned_data["file"]
            try:
                rows = uploads.read_upload(file.name, file.read())
            except uploads.UploadError as error:
                form.add_error("file", str(error))
            else:
                if not rows:
                    form.add_error("file", "The file has a header row but no figures under it")
                else:
                    filename = file.name
                    plan = uploads.check_upload(board=board, rows=rows)
                    if plan.is_valid and plan.changes:
                        token = tables.keep_pending(
                            request.session,
                            key,
                            name=filename,
                            rows=[r.as_json() for r in rows],
                        )
    has_errors = bool(form.errors or import_errors) or (plan is not None and not plan.is_valid)
    response = render(
        request,
        "performance/upload.html",
        {
            "board": board,
            "form": form,
            "plan": plan,
            "token": token,
            "filename": filename,
            "import_errors": import_errors,
            "has_errors": has_errors,
            "indicators": pages.indicators_for_entry(board),
        },
        status=400 if has_errors else 200,
    )
    return private(request, response)
