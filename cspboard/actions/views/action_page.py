"""An action's page; each change to it (an update, closing, reopening, a new target date, a
rating, marking it a duplicate) posted to its own address; an owner's update through the signed
link of a reminder."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cspboard.meetings.forms import validation_messages

from .. import forms, links, selectors, services
from ..choices import UpdateSource


def _action_page(
    request,
    page: selectors.ActionPage,
    *,
    update_form=None,
    redate_form=None,
    rag_form=None,
    duplicate_form=None,
):
    """The action's page, with any form a step could not accept showing its errors (400)."""
    action = page.action
    update_form = update_form or forms.UpdateForm(prefix="update")
    redate_form = redate_form or forms.RedateForm(
        prefix="redate", initial={"target_date": action.target_date}
    )
    rag_form = rag_form or forms.RagForm(
        prefix="rag", initial={"rag": action.rag_override, "reason": action.rag_override_reason}
    )
    duplicate_form = duplicate_form or forms.DuplicateForm(prefix="dup")
    bound = [f for f in (update_form, redate_form, rag_form, duplicate_form) if f.errors]
    similar = (
        selectors.similar_open_actions(board=action.board, text=action.text, exclude_pk=action.pk)
        if page.is_officer and action.is_open
        else []
    )
    response = render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "may_update": page.may_update,
            "is_officer": page.is_officer,
            "update_form": update_form,
            "redate_form": redate_form,
            "rag_form": rag_form,
            "duplicate_form": duplicate_form,
            "error_form": bound[0] if bound else None,
            "similar": similar,
            "history": selectors.action_history(action) if page.is_officer else [],
        },
        status=400 if bound else 200,
    )
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


def _sign_in_first(page: selectors.ActionPage):
    return redirect(f"/accounts/login/?next={page.action.get_absolute_url()}")


def _action_step(*, officers_only: bool):
    """One change to an action, posted by a form on its page: the action as the viewer may see
    it (404 if not), a sign-in first for the anonymous, then 404 for anyone who may not make
    the change (`officers_only`, else its owners and the board's officers)."""

    def decorate(view):
        @require_POST
        @functools.wraps(view)
        def step(request, slug: str, number: int):
            page = selectors.action_page_for_viewer(request.user, slug, number)
            if not request.user.is_authenticated:
                return _sign_in_first(page)
            if not (page.is_officer if officers_only else page.may_update):
                raise Http404
            return view(request, page)

        return step

    return decorate


@require_http_methods(["GET", "POST"])
def action_detail(request, slug: str, number: int):
    """An action's page: its updates, and for its officers the controls and its history.

    Each change is posted to its own address (the views below). A form still posting here,
    naming its step in `action`, is handed to that step's view."""
    if request.method == "POST" and request.POST.get("action") in ACTION_STEPS:
        return ACTION_STEPS[request.POST["action"]](request, slug=slug, number=number)
    page = selectors.action_page_for_viewer(request.user, slug, number)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return _sign_in_first(page)
        if not page.is_officer:
            raise Http404
    return _action_page(request, page)


@_action_step(officers_only=False)
def action_update(request, page: selectors.ActionPage):
    """An owner or officer posts a progress update."""
    form = forms.UpdateForm(request.POST, prefix="update")
    if not form.is_valid():
        return _action_page(request, page, update_form=form)
    services.action_update_post(
        action=page.action,
        text=form.cleaned_data["text"],
        by=request.user,
        by_person=getattr(request.user, "person", None),
        source=UpdateSource.OFFICER if page.is_officer else UpdateSource.OWNER,
    )
    messages.success(request, "Your update is posted.")
    return redirect(page.action.get_absolute_url())


@_action_step(officers_only=True)
def action_close(request, page: selectors.ActionPage):
    services.action_close(action=page.action, by=request.user)
    messages.success(request, f"Action {page.action.number} closed.")
    return redirect(page.action.get_absolute_url())


@_action_step(officers_only=True)
def action_reopen(request, page: selectors.ActionPage):
    services.action_reopen(action=page.action, by=request.user)
    return redirect(page.action.get_absolute_url())


@_action_step(officers_only=True)
def action_redate(request, page: selectors.ActionPage):
    """The officer changes the target date (or clears it: to be confirmed)."""
    form = forms.RedateForm(request.POST, prefix="redate")
    if form.is_valid():
        try:
            services.action_redate(
                action=page.action, by=request.user, target_date=form.cleaned_data["target_date"]
            )
        except ValidationError as error:
            form.add_error(
                "target_date",
                " ".join(m for ms in validation_messages(error).values() for m in ms),
            )
        else:
            messages.success(request, "Target date changed.")
            return redirect(page.action.get_absolute_url())
    return _action_page(request, page, redate_form=form)


@_action_step(officers_only=True)
def action_rate(request, page: selectors.ActionPage):
    """The officer sets (or clears) a RAG rating over the board's rule, with the reason."""
    form = forms.RagForm(request.POST, prefix="rag")
    if not form.is_valid():
        return _action_page(request, page, rag_form=form)
    services.action_set_rag(
        action=page.action,
        rag=form.cleaned_data["rag"],
        reason=form.cleaned_data["reason"],
        by=request.user,
    )
    messages.success(request, "Rating saved.")
    return redirect(page.action.get_absolute_url())


@_action_step(officers_only=True)
def action_mark_duplicate(request, page: selectors.ActionPage):
    """The officer marks the action a duplicate of another action on the same log."""
    action = page.action
    form = forms.DuplicateForm(request.POST, prefix="dup")
    if form.is_valid():
        other = selectors.action_on_log(action.board, form.cleaned_data["of"])
        if other is None or other.pk == action.pk:
            form.add_error("of", "Enter the number of another action on this log")
        else:
            services.action_mark_duplicate(action=action, of=other, by=request.user)
            messages.success(request, f"Marked as a duplicate of action {other.number}.")
            return redirect(action.get_absolute_url())
    return _action_page(request, page, duplicate_form=form)


# The steps as forms named them when they all posted to the action's page.
ACTION_STEPS = {
    "update": action_update,
    "close": action_close,
    "reopen": action_reopen,
    "redate": action_redate,
    "rag": action_rate,
    "duplicate": action_mark_duplicate,
}


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
    updates = selectors.action_updates(action)
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
