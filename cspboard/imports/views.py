"""Officers' pages for importing a board's past from documents: upload a file, check what was
found beside where it came from, correct or leave out what is wrong, then import it (all or
nothing). Nothing reaches the record before the officer confirms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cspboard.boards.access import second_factor_first
from cspboard.boards.selectors import board_for_officer
from cspboard.documents.readers import UnreadableDocument

from .choices import DocumentImportStatus
from .forms import ACCEPTED_LABEL, DocumentImportForm
from .minutes import selectors, services
from .minutes.draft import from_json
from .minutes.review import ReviewForms


def officer_page(view):
    return login_required(second_factor_first(never_cache(view)))


@officer_page
@require_http_methods(["GET", "POST"])
def document_import_list(request, slug: str):
    """The board's document imports, and the upload of another."""
    board = board_for_officer(request.user, slug)
    form = DocumentImportForm()
    if request.method == "POST":
        form = DocumentImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                record = services.document_import_read(
                    board=board, data=upload.read(), name=upload.name, by=request.user
                )
            except (UnreadableDocument, services.ImportRefused) as error:
                form.add_error("file", str(error))
            else:
                return redirect(_review_url(board, record))
    return render(
        request,
        "imports/documentimport_list.html",
        {
            "board": board,
            "form": form,
            "imports": selectors.document_imports_for(board),
            "accepted": ACCEPTED_LABEL,
        },
        status=400 if form.errors else 200,
    )


def _review_url(board, record) -> str:
    return reverse("imports:document_import_review", args=[board.slug, record.pk])


@officer_page
@require_http_methods(["GET", "POST"])
def document_import_review(request, slug: str, pk: int):
    """What was found in the file, to correct, leave out, and import; or discard."""
    board = board_for_officer(request.user, slug)
    record = selectors.document_import_get(board=board, pk=pk)
    pending = record.status == DocumentImportStatus.PENDING
    step = request.POST.get("step", "")
    if request.method == "POST" and not pending:
        messages.error(request, f"This file has been {record.get_status_display().lower()}.")
        return redirect(_review_url(board, record))
    if request.method == "POST" and step == "discard":
        services.document_import_discard(record=record, by=request.user)
        messages.success(request, f"{record.name} was discarded. Nothing was imported from it.")
        return redirect("imports:document_import_list", board.slug)

    review = ReviewForms(
        from_json(record.draft), request.POST if request.method == "POST" else None
    )
    refusal = ""
    if request.method == "POST" and review.is_valid():
        corrected = review.corrected()
        try:
            record = services.document_import_correct(
                record=record, draft=corrected, by=request.user
            )
            if step == "confirm":
                record = services.document_import_write(record=record, by=request.user)
        except services.ImportRefused as error:
            refusal = str(error)
        else:
            if step == "confirm":
                messages.success(request, _written_message(record))
                return redirect(_review_url(board, record))
            messages.success(request, "Your corrections are saved. Nothing has been imported yet.")
            return redirect(_review_url(board, record))
    errors = review.errors() if request.method == "POST" else []
    return render(
        request,
        "imports/documentimport_review.html",
        {
            "board": board,
            "record": record,
            "review": review,
            "pending": pending,
            "errors": errors,
            "refusal": refusal,
            "meetings": selectors.document_import_meetings(record),
        },
        status=400 if errors or refusal else 200,
    )


def _written_message(record) -> str:
    """What writing did, in words: only what it did, from the summary the service kept."""
    summary = record.summary or {}
    if summary.get("already_imported"):
        return f"{record.name} was already imported. Nothing was changed."
    parts = []
    for key, one, many in (
        ("meetings_created", "meeting added", "meetings added"),
        ("meetings_updated", "meeting updated", "meetings updated"),
        ("items", "item added", "items added"),
        ("items_filled", "item filled in", "items filled in"),
        ("attendance", "attendance record", "attendance records"),
        ("declarations", "declaration", "declarations"),
        ("actions", "action", "actions"),
    ):
        if count := summary.get(key):
            parts.append(f"{count} {one if count == 1 else many}")
    if not parts:
        return f"Nothing new was found to import from {record.name}."
    return f"Imported from {record.name}: {', '.join(parts)}."


@officer_page
@require_http_methods(["GET"])
def document_import_source(request, slug: str, pk: int):
    """The file's text as read, line by line, for checking a found thing against its source."""
    board = board_for_officer(request.user, slug)
    record = selectors.document_import_get(board=board, pk=pk)
    return render(
        request,
        "imports/documentimport_source.html",
        {"board": board, "record": record, "lines": selectors.document_import_lines(record)},
    )
