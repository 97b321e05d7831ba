"""After the meeting: the officers' minutes (declarations recorded at the meeting, each item's
minutes and decisions, earlier versions), sending them to the chair, the chair's review, the
board's confirmation at a later meeting, and publishing them."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cspboard.boards.access import second_factor_first
from cspboard.core.exceptions import EditConflict, NotAllowed

from .. import forms, notifications, selectors, services
from ..choices import MeetingStatus
from ._confirm import attempt
from ._pages import meeting_url, render_form


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def minutes_manage(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    items = selectors.agenda_items(meeting)
    declaration_form = forms.DeclarationForm(
        request.POST or None,
        people=selectors.board_people(meeting.board),
        items=meeting.items.order_by("position"),
        prefix="declaration",
    )
    if request.method == "POST" and request.POST.get("action") == "declaration":
        if declaration_form.is_valid():
            data = declaration_form.cleaned_data
            services.declaration_record(
                meeting=meeting,
                person=data["person"],
                item=data["item"],
                text=data["text"],
                by=request.user,
            )
            messages.success(request, "Declaration recorded.")
            return redirect(meeting_url(meeting, "minutes/"))
    elif request.method == "POST" and request.POST.get("action") == "no-declarations":
        attempt(request, services.declarations_none, meeting=meeting, by=request.user)
        return redirect(meeting_url(meeting, "minutes/"))
    elif request.method == "POST":
        return _minutes_step(request, meeting)
    return render_form(
        request,
        "meetings/minutes_manage.html",
        {
            "meeting": meeting,
            "items": items,
            "declaration_form": declaration_form,
            "declarations": meeting.declarations.select_related("person", "item"),
            "reviews": selectors.approval_trail(meeting),
            "confirm_form": forms.ConfirmForm(meetings=selectors.later_meetings(meeting)),
            "tab": "minutes",
        },
        declaration_form if request.method == "POST" else None,
    )


# Each step's refusals are shown as a message on the minutes page.
STEP_REFUSALS = (NotAllowed, ValidationError)


def _minutes_step(request, meeting):
    """Send to the chair, confirm at a later meeting, publish: each a button on the page."""
    step = request.POST.get("action")
    if step == "send":
        attempt(
            request,
            services.minutes_send_to_chair,
            refused=STEP_REFUSALS,
            success=lambda _: (
                "The minutes are with the chair for approval. "
                + notifications.recipients("minutes_sent", meeting).summary()
            ),
            meeting=meeting,
            by=request.user,
        )
    elif step == "publish":
        missing = (
            selectors.items_without_minutes(meeting)
            if meeting.status == MeetingStatus.MINUTES_APPROVED
            and request.POST.get("confirmed") != "yes"
            else []
        )
        if missing:
            # Ask first, listing them: publishing fixes the minutes as the record.
            return render(
                request,
                "meetings/minutes_publish_confirm.html",
                {"meeting": meeting, "missing": missing, "tab": "minutes"},
            )
        attempt(
            request,
            services.minutes_publish,
            refused=STEP_REFUSALS,
            success=lambda _: (
                "The minutes are published. "
                + notifications.recipients("minutes_published", meeting).summary()
            ),
            meeting=meeting,
            by=request.user,
        )
    elif step == "confirm":
        form = forms.ConfirmForm(request.POST, meetings=selectors.later_meetings(meeting))
        if not form.is_valid():
            messages.error(request, "Choose the meeting that confirmed the minutes.")
        else:
            attempt(
                request,
                services.minutes_confirm,
                refused=STEP_REFUSALS,
                success="Recorded: the board confirmed the minutes.",
                meeting=meeting,
                at_meeting=form.cleaned_data["at_meeting"],
                by=request.user,
            )
    return redirect(meeting_url(meeting, "minutes/"))


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def minutes_item(request, slug: str, date: datetime.date, item_id: int):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    item = selectors.item_for_meeting(meeting, item_id)
    form = forms.MinutesForm(
        request.POST or None, initial={"minutes": item.minutes, "version": item.version}
    )
    decision_form = forms.DecisionForm(prefix="decision")
    conflict = None
    if request.method == "POST" and request.POST.get("action") == "decision":
        decision_form = forms.DecisionForm(request.POST, prefix="decision")
        form = forms.MinutesForm(initial={"minutes": item.minutes, "version": item.version})
        if decision_form.is_valid() and attempt(
            request,
            services.decision_add,
            form=decision_form,
            item=item,
            text=decision_form.cleaned_data["text"],
            by=request.user,
        ):
            return redirect(meeting_url(meeting, f"minutes/{item.pk}/"))
    elif request.method == "POST" and request.POST.get("action") == "remove-decision":
        decision = item.decisions.filter(pk=request.POST.get("decision")).first()
        if decision is not None:
            services.decision_remove(decision=decision, by=request.user)
        return redirect(meeting_url(meeting, f"minutes/{item.pk}/"))
    elif request.method == "POST" and form.is_valid():
        saved = attempt(
            request,
            services.item_minutes_set,
            form=form,
            refused=(EditConflict, NotAllowed),
            success=f"Minutes of item {item.number} saved.",
            item=item,
            minutes=form.cleaned_data["minutes"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
        )
        if saved:
            return redirect(meeting_url(meeting, "minutes/") + f"#minutes-item-{item.pk}")
        conflict = saved.conflict
    status_form = form if form.errors else decision_form
    return render_form(
        request,
        "meetings/minutes_item.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "decision_form": decision_form,
            "decisions": item.decisions.all(),
            "conflict": conflict,
            "tab": "minutes",
        },
        status_form,
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def minutes_item_history(request, slug: str, date: datetime.date, item_id: int):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    item = selectors.item_for_meeting(meeting, item_id)
    not_found = "That version could not be found."
    if request.method == "POST" and attempt(
        request,
        # The version asked for, read inside the call: a number that is not one is not found.
        lambda: services.item_minutes_restore(
            item=item, history_id=int(request.POST.get("history_id", "")), by=request.user
        ),
        refused={
            ValueError: not_found,
            item.history.model.DoesNotExist: not_found,
            NotAllowed: None,
        },
        success="The earlier version of the minutes is restored.",
    ):
        return redirect(meeting_url(meeting, f"minutes/{item.pk}/"))
    versions = item.history.select_related("history_user").order_by("-history_date")
    return render(
        request,
        "meetings/minutes_history.html",
        {
            "meeting": meeting,
            "item": item,
            "versions": versions,
            "tab": "minutes",
        },
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def minutes_review(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_chair(request.user, slug, date)
    # An officer may record the chair's answer given by e-mail or in person: the trail then
    # says it was recorded on the chair's behalf.
    chair_answering = selectors.is_chair_answering(request.user, meeting)
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        if attempt(
            request,
            services.minutes_approve if approve else services.minutes_return,
            form=form,
            success=lambda _: _answer_recorded(meeting, approve, chair_answering),
            meeting=meeting,
            comments=form.cleaned_data["comments"],
            by=request.user,
        ):
            return redirect(meeting_url(meeting))
    page = selectors.meeting_page_for_viewer(request.user, slug, date)
    page.show_minutes = True
    return render_form(
        request,
        "meetings/minutes_review.html",
        {"form": form, "meeting": meeting, "page": page, "chair_answering": chair_answering},
        form,
    )


def _answer_recorded(meeting, approve: bool, chair_answering: bool) -> str:
    """The chair's answer, in the words of whoever recorded it, and who was told."""
    if chair_answering:
        done = (
            "You approved the minutes."
            if approve
            else "You returned the minutes with your comments."
        )
    else:
        done = (
            "You recorded the chair's approval of the minutes."
            if approve
            else "You recorded that the chair returned the minutes with comments."
        )
    told = notifications.recipients("minutes_reviewed", meeting)
    return f"{done} {told.summary()}"
