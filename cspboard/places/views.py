"""The board's places of concern, a place's page, and the officers' forms to record them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cspboard.actions.models import ActionItem
from cspboard.boards.access import second_factor_first
from cspboard.core.exceptions import NotAllowed

from . import forms, selectors, services


def _private(request, response):
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def place_list(request, slug: str):
    places = selectors.place_list_for_viewer(request.user, slug)
    return _private(request, render(request, "places/place_list.html", {"places": places}))


@require_safe
def place_detail(request, slug: str, place: str):
    page = selectors.place_page_for_viewer(request.user, slug, place)
    context = {"page": page}
    if page.can_manage:
        context["link_form"] = forms.ActionLinkForm(actions=selectors.linkable_actions(page.place))
    return _private(request, render(request, "places/place_detail.html", context))


def _place_initial(place) -> dict:
    return {
        "name": place.name,
        "slug": place.slug,
        "kind": place.kind,
        "description": place.description,
        "latitude": "" if place.latitude is None else str(place.latitude),
        "longitude": "" if place.longitude is None else str(place.longitude),
        "area": place.area_id,
        "security_marking": place.security_marking,
        "schedule_12a_paragraph": place.schedule_12a_paragraph,
    }


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def place_edit(request, slug: str, place: str | None = None):
    """Add a place (no `place`) or change one, for the board's officers."""
    board = selectors.board_for_place_officer(request.user, slug)
    current = selectors.place_for_officer(request.user, slug, place) if place else None
    form = forms.PlaceForm(
        request.POST or None,
        areas=selectors.area_choices(board),
        initial=_place_initial(current) if current else None,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if current is None:
                saved = services.place_create(board=board, by=request.user, **data)
                messages.success(request, f"{saved.name} is added to the board's places.")
            else:
                saved = services.place_update(place=current, by=request.user, **data)
                messages.success(request, f"{saved.name} is saved.")
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return redirect(saved.get_absolute_url())
    return _private(
        request,
        render(
            request,
            "places/place_form.html",
            {"board": board, "place": current, "form": form},
            status=400 if form.errors else 200,
        ),
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def finding_edit(request, slug: str, place: str, finding: int | None = None):
    """Record what was found at a place (no `finding`) or correct a finding, for officers."""
    if finding is not None:
        current = selectors.finding_for_officer(request.user, slug, place, finding)
        the_place = current.place
    else:
        current = None
        the_place = selectors.place_for_officer(request.user, slug, place)
    initial = None
    if current is not None:
        initial = {
            "source": current.source,
            "found_on": current.found_on,
            "reported_by_organisation": current.reported_by_organisation_id,
            "reported_by": current.reported_by,
            "text": current.text,
            "security_marking": current.security_marking,
            "schedule_12a_paragraph": current.schedule_12a_paragraph,
        }
    form = forms.FindingForm(
        request.POST or None, organisations=selectors.organisation_choices(), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            if current is None:
                services.finding_add(place=the_place, by=request.user, **form.cleaned_data)
                messages.success(request, f"The finding at {the_place.name} is recorded.")
            else:
                services.finding_update(finding=current, by=request.user, **form.cleaned_data)
                messages.success(request, "The finding is saved.")
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return redirect(the_place.get_absolute_url())
    return _private(
        request,
        render(
            request,
            "places/finding_form.html",
            {"board": the_place.board, "place": the_place, "finding": current, "form": form},
            status=400 if form.errors else 200,
        ),
    )


@login_required
@second_factor_first
@require_POST
def action_link(request, slug: str, place: str):
    the_place = selectors.place_for_officer(request.user, slug, place)
    form = forms.ActionLinkForm(request.POST, actions=selectors.linkable_actions(the_place))
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            services.place_action_link(place=the_place, action=action, by=request.user)
        except (ValidationError, NotAllowed) as error:
            messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, f"Action {action.number} is linked to {the_place.name}.")
    else:
        messages.error(request, "Choose an action to link.")
    return redirect(the_place.get_absolute_url())


@login_required
@second_factor_first
@require_POST
def action_unlink(request, slug: str, place: str, action: int):
    the_place = selectors.place_for_officer(request.user, slug, place)
    linked = get_object_or_404(ActionItem, pk=action, place_links__place=the_place)
    try:
        services.place_action_unlink(place=the_place, action=linked, by=request.user)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Action {linked.number} is no longer linked to this place.")
    return redirect(the_place.get_absolute_url())
