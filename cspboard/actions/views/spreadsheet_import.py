"""Importing an action log from a spreadsheet: the upload, its preview row by row, then the
import, all or nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cspboard.boards.access import second_factor_first
from cspboard.boards.selectors import board_for_officer
from cspboard.core import tables

from .. import forms, import_plan, imports
from ..spreadsheets import HEADERS, SheetRow, SpreadsheetError, read_spreadsheet


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def import_message(result: imports.ImportResult, name: str) -> str:
    """What an import did, in words: only what it did."""
    done = []
    if result.created:
        done.append(f"{_plural(len(result.created), 'action')} imported")
    if result.changed:
        numbers = ", ".join(str(a.number) for a in result.changed)
        done.append(f"{_plural(len(result.changed), 'action')} changed ({numbers})")
    if not done:
        return "Nothing imported: every row is already on the log."
    return f"{' and '.join(done)} from {name}."


def _import_session_key(board) -> str:
    return f"actions-import:{board.pk}"


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def action_import(request, slug: str):
    """Upload a spreadsheet, see what it would do row by row, then import it (all or nothing).

    The rows checked are kept in the session under a token until the officer confirms."""
    board = board_for_officer(request.user, slug)
    key = _import_session_key(board)
    form = forms.ImportForm()
    plan, token, filename = None, "", ""
    if request.method == "POST" and request.POST.get("step") == "confirm":
        pending = tables.take_pending(request.session, key, request.POST.get("token"))
        if pending is None:
            messages.error(request, "That import has expired. Upload the file again.")
            return redirect(request.path)
        rows = [SheetRow.from_json(r) for r in pending["rows"]]
        try:
            result = imports.actions_import(board=board, rows=rows, by=request.user)
        except imports.ImportInvalid as invalid:
            plan, filename = invalid.plan, pending.get("name", "")
        else:
            messages.success(request, import_message(result, pending.get("name", "the file")))
            return redirect(f"{reverse('actions:action_log', args=[board.slug])}?status=all")
    elif request.method == "POST":
        form = forms.ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = read_spreadsheet(upload.name, upload.read())
            except SpreadsheetError as error:
                form.add_error("file", str(error))
            else:
                filename = upload.name
                plan = import_plan.plan_import(board=board, rows=rows)
                if not rows:
                    form.add_error("file", "The file has a header row but no actions under it")
                    plan = None
                elif plan.is_valid:
                    token = tables.keep_pending(
                        request.session, key, name=filename, rows=[r.as_json() for r in rows]
                    )
    has_errors = bool(form.errors) or (plan is not None and not plan.is_valid)
    response = render(
        request,
        "actions/action_import.html",
        {
            "board": board,
            "form": form,
            "plan": plan,
            "token": token,
            "filename": filename,
            "has_errors": has_errors,
            "columns": HEADERS,
        },
        status=400 if has_errors else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response
