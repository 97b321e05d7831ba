"""The forward plan page and the officers' controls on it (plain POST forms)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from cspboard.boards.access import second_factor_first

from .. import forward_plan
from ..choices import PlanStatus
from ..forms_plan import PlanMoveForm, PlanStatusForm
from ..selectors import item_for_officer
from ._confirm import attempt


def _since(request) -> datetime.date | None:
    """`?from=YYYY-MM-DD`: the plan of the meetings from an earlier date (anything else is the
    current plan)."""
    try:
        return datetime.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        return None


@require_safe
def plan(request, slug: str):
    plan = forward_plan.forward_plan_for_user(
        request.user, slug, timezone.localdate(), since=_since(request)
    )
    response = render(
        request,
        "meetings/forward_plan.html",
        {"plan": plan, "board": plan.board, "statuses": PlanStatus.choices},
    )
    if plan.access.authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


def _item(request, slug: str, item_id: int):
    """The item, for an officer of its board reached through that board's URL; 404 otherwise."""
    item = item_for_officer(request.user, item_id)
    if item.meeting.board.slug != slug:
        raise Http404
    return item


def _back(slug: str, item=None):
    url = reverse("meetings:forward_plan", kwargs={"slug": slug})
    return redirect(url + (f"#plan-item-{item.pk}" if item is not None else ""))


@login_required
@second_factor_first
@require_POST
def plan_item_status(request, slug: str, item_id: int):
    item = _item(request, slug, item_id)
    form = PlanStatusForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Choose a status from the list; a comment is 300 characters at most."
        )
        return _back(slug, item)
    forward_plan.plan_item_set_status(
        item=item,
        status=form.cleaned_data["status"],
        comment=form.cleaned_data["comment"],
        by=request.user,
    )
    messages.success(request, f"Status saved: {item.title}.")
    return _back(slug, item)


@login_required
@second_factor_first
@require_POST
def plan_item_defer(request, slug: str, item_id: int):
    item = _item(request, slug, item_id)
    attempt(
        request,
        forward_plan.plan_item_defer,
        success=lambda moved: (
            f"Deferred to the meeting of {moved.meeting.date:%-d %B %Y}: {moved.title}."
        ),
        item=item,
        by=request.user,
    )
    return _back(slug, item)


@login_required
@second_factor_first
@require_POST
def plan_item_move(request, slug: str, item_id: int):
    item = _item(request, slug, item_id)
    meetings = forward_plan.plan_meetings(item.meeting.board, timezone.localdate()).exclude(
        pk=item.meeting_id
    )
    form = PlanMoveForm(request.POST, meetings=meetings)
    if not form.is_valid():
        messages.error(request, "Choose a future meeting of this board to move the item to.")
        return _back(slug, item)
    attempt(
        request,
        forward_plan.plan_item_move,
        success=lambda moved: (
            f"Moved to the meeting of {moved.meeting.date:%-d %B %Y}: {moved.title}."
        ),
        item=item,
        to_meeting=form.cleaned_data["to_meeting"],
        by=request.user,
    )
    return _back(slug, item)
