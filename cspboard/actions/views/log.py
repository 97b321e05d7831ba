"""The board's action log and the officer's pages about it: the log and its download, a
meeting's actions (confirming what the minutes propose, several at once), "my actions",
the reminders sent and the board's rule."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from cspboard.boards.access import second_factor_first
from cspboard.boards.selectors import board_for_officer
from cspboard.core.exceptions import NotAllowed
from cspboard.meetings import selectors as meeting_selectors

from .. import exports, forms, reminders, selectors, services


@require_safe
def action_log(request, slug: str):
    log = selectors.action_log_for_viewer(request.user, slug, request.GET)
    template = (
        "actions/action_log_print.html" if request.GET.get("print") else "actions/action_log.html"
    )
    response = render(request, template, {"log": log, "query": request.GET.urlencode()})
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
    proposals = selectors.proposals_waiting(meeting)
    outstanding = selectors.outstanding_actions(meeting.board)
    open_qs = selectors.open_actions(meeting.board)
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
        similar = selectors.similar_open_actions(board=meeting.board, text=proposal.text)
        rows.append(
            {"proposal": proposal, "form": form, "ambiguous": ambiguous, "similar": similar}
        )
    errors = (edit_form is not None and edit_form.errors) or bulk_form.errors
    wanted = {pk for row in rows for o in row["ambiguous"] for pk in o.get("candidates", [])}
    names = selectors.people_names(wanted)
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
