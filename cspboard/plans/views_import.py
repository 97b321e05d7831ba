"""Importing a plan version from a spreadsheet: the upload with the version's period, its
preview row by row, then the import as a new draft version, all or nothing."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cspboard.boards.access import second_factor_first
from cspboard.core import tables

from . import forms, import_plan, imports, selectors
from .models import PlanVersion
from .services import version_slug
from .spreadsheets import HEADERS, SheetRow, SpreadsheetError, read_spreadsheet


def _key(plan) -> str:
    return f"plans-import:{plan.pk}"


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def _day(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def plan_import(request, slug: str, plan: str):
    plan_obj = selectors.plan_for_officer(request.user, slug, plan)
    key = _key(plan_obj)
    form = forms.PlanImportForm()
    checked, token, filename, version = None, "", "", None
    if request.method == "POST" and request.POST.get("step") == "confirm":
        pending = tables.take_pending(request.session, key, request.POST.get("token"))
        details = request.session.pop(f"{key}:version", None)
        if pending is None or details is None:
            messages.error(request, "That import has expired. Upload the file again.")
            return redirect(request.path)
        rows = [SheetRow.from_json(r) for r in pending["rows"]]
        filename = pending.get("name", "")
        try:
            new = imports.plan_version_import(
                plan=plan_obj,
                label=details["label"],
                starts_on=_day(details["starts_on"]),
                ends_on=_day(details["ends_on"]),
                rows=rows,
                by=request.user,
            )
        except imports.ImportInvalid as invalid:
            checked = invalid.plan
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        else:
            count = new.actions.count()
            messages.success(
                request,
                f"{count} action{'' if count == 1 else 's'} imported from {filename} as the "
                f"draft {new.label}: publish it when ready.",
            )
            return redirect(new.get_absolute_url())
    elif request.method == "POST":
        form = forms.PlanImportForm(request.POST, request.FILES)
        if form.is_valid():
            label = form.cleaned_data["label"].strip()
            if PlanVersion.objects.filter(plan=plan_obj, slug=version_slug(label)).exists():
                form.add_error("label", f"The plan already has a version {label}")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = read_spreadsheet(upload.name, upload.read())
            except SpreadsheetError as error:
                form.add_error("file", str(error))
            else:
                filename = upload.name
                if not rows:
                    form.add_error("file", "The file has a header row but no actions under it")
                else:
                    checked = import_plan.plan_import(rows=rows)
                    version = form.cleaned_data
                    if checked.is_valid:
                        token = tables.keep_pending(
                            request.session, key, name=filename, rows=[r.as_json() for r in rows]
                        )
                        request.session[f"{key}:version"] = {
                            "label": label,
                            "starts_on": _iso(form.cleaned_data["starts_on"]),
                            "ends_on": _iso(form.cleaned_data["ends_on"]),
                        }
    has_errors = bool(form.errors) or (checked is not None and not checked.is_valid)
    response = render(
        request,
        "plans/plan_import.html",
        {
            "plan": plan_obj,
            "board": plan_obj.board,
            "form": form,
            "checked": checked,
            "token": token,
            "filename": filename,
            "version": version,
            "has_errors": has_errors,
            "columns": HEADERS,
        },
        status=400 if has_errors else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response
