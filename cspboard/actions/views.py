"""The action log: public and members' log, an action's page, the officer's controls, the
proposals from the minutes, "my actions"."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from cspboard.boards.access import access_for, second_factor_first
from cspboard.boards.selectors import board_for_officer
from cspboard.core import tables
from cspboard.core.exceptions import NotAllowed
from cspboard.meetings import selectors as meeting_selectors
from cspboard.meetings.forms import validation_messages
from cspboard.meetings.permissions import can_update_action
from cspboard.people.models import Person

from . import exports, forms, import_plan, imports, links, reminders, selectors, services
from .choices import ActionStatus, ProposalStatus, UpdateSource
from .models import ActionItem, ActionProposal
from .spreadsheets import HEADERS, SheetRow, SpreadsheetError, read_spreadsheet


@require_safe
def action_log(request, slug: str):
    log = selectors.action_log_for_user(request.user, slug, request.GET)
    template = (
        "actions/action_log_print.html" if request.GET.get("print") else "actions/action_log.html"
    )
    response = render(request, template, {"log": log, "query": request.GET.urlencode()})
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def action_detail(request, slug: str, number: int):
    action = selectors.action_for_user(request.user, slug, number)
    access = access_for(request.user)
    owner_ids = {p.pk for p in action.owner_list}
    may_update = can_update_action(access, action, owner_ids)
    is_officer = access.is_officer(action.board_id)
    update_form = forms.UpdateForm(prefix="update")
    redate_form = forms.RedateForm(prefix="redate", initial={"target_date": action.target_date})
    rag_form = forms.RagForm(
        prefix="rag", initial={"rag": action.rag_override, "reason": action.rag_override_reason}
    )
    duplicate_form = forms.DuplicateForm(prefix="dup")
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        step = request.POST.get("action")
        if step == "update" and may_update:
            update_form = forms.UpdateForm(request.POST, prefix="update")
            if update_form.is_valid():
                source = UpdateSource.OFFICER if is_officer else UpdateSource.OWNER
                services.action_update_post(
                    action=action,
                    text=update_form.cleaned_data["text"],
                    by=request.user,
                    by_person=getattr(request.user, "person", None),
                    source=source,
                )
                messages.success(request, "Your update is posted.")
                return redirect(action.get_absolute_url())
        elif not is_officer:
            raise Http404
        elif step == "close":
            services.action_close(action=action, by=request.user)
            messages.success(request, f"Action {action.number} closed.")
            return redirect(action.get_absolute_url())
        elif step == "reopen":
            services.action_reopen(action=action, by=request.user)
            return redirect(action.get_absolute_url())
        elif step == "redate":
            redate_form = forms.RedateForm(request.POST, prefix="redate")
            if redate_form.is_valid():
                try:
                    services.action_redate(
                        action=action,
                        by=request.user,
                        target_date=redate_form.cleaned_data["target_date"],
                    )
                except ValidationError as error:
                    redate_form.add_error(
                        "target_date",
                        " ".join(m for ms in validation_messages(error).values() for m in ms),
                    )
                else:
                    messages.success(request, "Target date changed.")
                    return redirect(action.get_absolute_url())
        elif step == "rag":
            rag_form = forms.RagForm(request.POST, prefix="rag")
            if rag_form.is_valid():
                services.action_set_rag(
                    action=action,
                    rag=rag_form.cleaned_data["rag"],
                    reason=rag_form.cleaned_data["reason"],
                    by=request.user,
                )
                messages.success(request, "Rating saved.")
                return redirect(action.get_absolute_url())
        elif step == "duplicate":
            duplicate_form = forms.DuplicateForm(request.POST, prefix="dup")
            if duplicate_form.is_valid():
                other = ActionItem.objects.filter(
                    board=action.board, number=duplicate_form.cleaned_data["of"]
                ).first()
                if other is None or other.pk == action.pk:
                    duplicate_form.add_error("of", "Enter the number of another action on this log")
                else:
                    services.action_mark_duplicate(action=action, of=other, by=request.user)
                    messages.success(request, f"Marked as a duplicate of action {other.number}.")
                    return redirect(action.get_absolute_url())
    bound = [f for f in (update_form, redate_form, rag_form, duplicate_form) if f.errors]
    similar = (
        services.similar_open_actions(board=action.board, text=action.text, exclude_pk=action.pk)
        if is_officer and action.is_open
        else []
    )
    response = render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "may_update": may_update,
            "is_officer": is_officer,
            "update_form": update_form,
            "redate_form": redate_form,
            "rag_form": rag_form,
            "duplicate_form": duplicate_form,
            "error_form": bound[0] if bound else None,
            "similar": similar,
            "history": action.history.select_related("history_user").order_by("-history_date")[:30]
            if is_officer
            else [],
        },
        status=400 if bound else 200,
    )
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def meeting_actions(request, slug: str, date: datetime.date):
    """The officer confirms, edits or discards what the minutes propose, and deals with the
    outstanding actions at the meeting (close, re-date, re-rate several at once)."""
    meeting = meeting_selectors.meeting_for_officer(request.user, slug, date)
    people = selectors.possible_owners(meeting)
    proposals = list(
        ActionProposal.objects.filter(item__meeting=meeting, status=ProposalStatus.PROPOSED)
        .select_related("item")
        .order_by("item__position", "pk")
    )
    outstanding = selectors.outstanding_actions(meeting.board)
    open_qs = ActionItem.objects.filter(board=meeting.board, status=ActionStatus.OPEN)
    bulk_form = forms.BulkForm(prefix="bulk", actions=open_qs)
    edit_form, editing = None, None
    if request.method == "POST":
        step = request.POST.get("step")
        proposal = next((p for p in proposals if str(p.pk) == request.POST.get("proposal")), None)
        try:
            if step == "confirm" and proposal is not None:
                edit_form = forms.ProposalForm(
                    request.POST, people=people, prefix=f"p{proposal.pk}"
                )
                if edit_form.is_valid():
                    data = edit_form.cleaned_data
                    action = services.proposal_confirm(
                        proposal=proposal,
                        text=data["text"],
                        owners=list(data["owners"]),
                        lead_text=data["lead_text"],
                        target_date=data["target_date"],
                        by=request.user,
                    )
                    messages.success(request, f"Action {action.number} added to the log.")
                    return redirect(request.path)
                editing = proposal
            elif step == "discard" and proposal is not None:
                services.proposal_discard(proposal=proposal, by=request.user)
                messages.success(request, "Proposal discarded.")
                return redirect(request.path)
            elif step == "bulk":
                bulk_form = forms.BulkForm(request.POST, prefix="bulk", actions=open_qs)
                if bulk_form.is_valid():
                    data = bulk_form.cleaned_data
                    count = services.actions_bulk(
                        actions=list(data["actions"]),
                        close=data["operation"] == "close",
                        target_date=data["target_date"] if data["operation"] == "redate" else None,
                        rag=data["rag"] if data["operation"] == "rag" else "",
                        reason=data["reason"],
                        by=request.user,
                    )
                    messages.success(request, f"{count} actions updated.")
                    return redirect(request.path)
        except (NotAllowed, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(request.path)
    rows = []
    for proposal in proposals:
        form = (
            edit_form
            if editing is proposal
            else forms.ProposalForm(
                people=people,
                prefix=f"p{proposal.pk}",
                initial={
                    "text": proposal.text,
                    "target_date": proposal.due,
                    "lead_text": ", ".join(o["written"] for o in proposal.owners),
                    "owners": [o["person_id"] for o in proposal.owners if o.get("person_id")],
                },
            )
        )
        ambiguous = [o for o in proposal.owners if o.get("status") == "ambiguous"]
        similar = services.similar_open_actions(board=meeting.board, text=proposal.text)
        rows.append(
            {"proposal": proposal, "form": form, "ambiguous": ambiguous, "similar": similar}
        )
    errors = (edit_form is not None and edit_form.errors) or bulk_form.errors
    wanted = {pk for row in rows for o in row["ambiguous"] for pk in o.get("candidates", [])}
    names = {p.pk: p.display_name for p in Person.objects.filter(pk__in=wanted)}
    for row in rows:
        for owner in row["ambiguous"]:
            owner["candidate_names"] = [
                names.get(pk, str(pk)) for pk in owner.get("candidates", [])
            ]
    return render(
        request,
        "actions/meeting_actions.html",
        {
            "meeting": meeting,
            "rows": rows,
            "outstanding": outstanding,
            "bulk_form": bulk_form,
            "tab": "actions",
        },
        status=400 if errors else 200,
    )


@login_required
@second_factor_first
@require_safe
def my_actions(request):
    return render(
        request, "actions/my_actions.html", {"actions": selectors.my_actions(request.user)}
    )


# Spreadsheets, reminders and signed links ---------------------------------------------------------


@require_safe
def action_log_export(request, slug: str, fmt: str):
    """The log as CSV or XLSX: everything on it the viewer may see, open or closed."""
    if fmt not in exports.FORMATS:
        raise Http404
    log = exports.log_for_user(request.user, slug)
    file = exports.export_file(log.board, log.actions, fmt, with_withheld=log.can_see_all)
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


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


REMINDERS_PER_PAGE = 50


@login_required
@second_factor_first
@require_safe
def reminder_list(request, slug: str):
    """What reminders went to whom, newest first."""
    board = board_for_officer(request.user, slug)
    page = Paginator(reminders.reminders_for_board(board), REMINDERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    for reminder in page.object_list:
        reminder.recipient_list = [r for r in reminder.recipients.splitlines() if r]
    response = render(
        request,
        "actions/reminder_list.html",
        {"board": board, "page": page, "settings": services.action_settings_for(board)},
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def action_update_link(request, token: str):
    """An owner's update through the signed link of a reminder: that action only, while the
    link is young enough and they still own it. Anything else is a page saying the link is not
    valid, which never shows the action."""
    try:
        action, person = links.action_for_link(token)
    except links.LinkExpired:
        return _no_store(
            render(request, "actions/link_invalid.html", {"expired": True}, status=410)
        )
    except links.LinkInvalid:
        return _no_store(
            render(request, "actions/link_invalid.html", {"expired": False}, status=404)
        )
    form = forms.UpdateForm()
    if request.method == "POST" and action.is_open:
        form = forms.UpdateForm(request.POST)
        if form.is_valid():
            services.action_update_post(
                action=action,
                text=form.cleaned_data["text"],
                by=request.user,
                by_person=person,
                source=UpdateSource.LINK,
            )
            messages.success(request, "Your update is posted. Thank you.")
            return redirect(request.path)
    updates = list(action.updates.select_related("by_person").order_by("-created_at", "-pk"))
    response = render(
        request,
        "actions/action_update_link.html",
        {"action": action, "person": person, "form": form, "updates": updates},
        status=400 if form.errors else 200,
    )
    return _no_store(response)


def _no_store(response):
    """Never cached, and the signed address never leaves for another site in a Referer header
    (not "no-referrer": browsers then send "Origin: null", which fails the CSRF check)."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def action_settings(request, slug: str):
    """The board's RAG rule and reminder timings, for its officers."""
    board = board_for_officer(request.user, slug)
    current = services.action_settings_for(board)
    form = forms.SettingsForm(
        request.POST or None,
        initial={
            "amber_within_days": current.amber_within_days,
            "reminder_due_soon_days": current.reminder_due_soon_days,
            "reminder_no_update_days": current.reminder_no_update_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.action_settings_save(board=board, by=request.user, **form.cleaned_data)
        messages.success(request, "The action log's rule is saved.")
        return redirect("actions:action_log", slug=slug)
    return render(
        request,
        "actions/action_settings.html",
        {"board": board, "form": form},
        status=400 if form.errors else 200,
    )
