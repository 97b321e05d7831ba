"""Plans' pages: the board's plans, a plan (its current version, or an earlier one at its own
address), a plan action with its updates and links, and the officers' forms (a new plan, a
priority, an action, an update, publishing, the annual refresh). Reads through `selectors`,
writes through `services`; who may do what is `cspboard.meetings.permissions`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cspboard.boards.access import access_for, second_factor_first
from cspboard.boards.selectors import board_for_officer
from cspboard.core.exceptions import NotAllowed
from cspboard.meetings.permissions import can_manage_plans

from . import forms, selectors, services, spreadsheets


def _private(request, response):
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


def _service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@require_http_methods(["GET"])
def plan_list(request, slug: str):
    page = selectors.board_plans_for_viewer(request.user, slug)
    return _private(request, render(request, "plans/plan_list.html", {"page": page}))


@require_http_methods(["GET"])
def plan_detail(request, slug: str, plan: str):
    page = selectors.plan_page_for_viewer(request.user, slug, plan)
    return _private(request, render(request, "plans/plan_detail.html", {"page": page}))


@require_http_methods(["GET"])
def version_detail(request, slug: str, plan: str, version: str):
    page = selectors.plan_page_for_viewer(request.user, slug, plan, version)
    return _private(request, render(request, "plans/plan_detail.html", {"page": page}))


@require_http_methods(["GET"])
def version_export(request, slug: str, plan: str, version: str):
    """The version's actions as the viewer may see them, as CSV in the columns the import
    reads; the withheld column for those who may see withheld actions."""
    page = selectors.plan_page_for_viewer(request.user, slug, plan, version)
    with_withheld = access_for(request.user).can_see_withheld(page.board.pk)
    response = HttpResponse(
        spreadsheets.write_csv(page.sections, with_withheld=with_withheld),
        content_type="text/csv; charset=utf-8",
    )
    name = f"{page.plan.slug}-{page.version.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return _private(request, response)


@require_http_methods(["GET"])
def action_detail(request, slug: str, plan: str, version: str, pk: int, update_form=None):
    page = selectors.plan_action_page_for_viewer(request.user, slug, plan, version, pk)
    if update_form is None and page.is_officer:
        update_form = forms.PlanActionUpdateForm(initial={"status": page.action.status})
    response = render(
        request,
        "plans/planaction_detail.html",
        {"page": page, "action": page.action, "update_form": update_form},
        status=400 if update_form is not None and update_form.errors else 200,
    )
    return _private(request, response)


@login_required
@second_factor_first
@require_POST
def action_update(request, slug: str, plan: str, version: str, pk: int):
    """An officer posts a progress update (the status now and what has been done)."""
    action = selectors.plan_action_for_officer(request.user, slug, plan, version, pk)
    form = forms.PlanActionUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.plan_action_update_post(
                action=action,
                text=form.cleaned_data["text"],
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                by=request.user,
                by_person=getattr(request.user, "person", None),
            )
        except ValidationError as error:
            _service_errors(form, error)
        except NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Your update is posted.")
            return redirect(action.get_absolute_url())
    return _action_with_errors(request, slug, plan, version, pk, form)


def _action_with_errors(request, slug, plan, version, pk, form):
    page = selectors.plan_action_page_for_viewer(request.user, slug, plan, version, pk)
    response = render(
        request,
        "plans/planaction_detail.html",
        {"page": page, "action": page.action, "update_form": form},
        status=400,
    )
    return _private(request, response)


def _action_values(form) -> tuple[dict, dict]:
    """The action's fields, and its links (indicators, places, log actions)."""
    data = dict(form.cleaned_data)
    data["rag_override"] = data.get("rag_override") or ""
    links = {name: data.pop(name) for name in forms.PlanActionForm.LINKS}
    return data, links


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def action_add(request, slug: str, plan: str, version: str):
    plan_version = selectors.plan_version_for_officer(request.user, slug, plan, version)
    form = forms.PlanActionForm(request.POST or None, version=plan_version)
    if request.method == "POST" and form.is_valid():
        values, links = _action_values(form)
        supporting = values.pop("supporting_organisations")
        try:
            action = services.plan_action_add(
                version=plan_version,
                supporting_organisations=supporting,
                by=request.user,
                **values,
                **links,
            )
        except ValidationError as error:
            _service_errors(form, error)
        except NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Action {action.reference or ''} added.".replace("  ", " "))
            return redirect(action.get_absolute_url())
    return _private(
        request,
        render(
            request,
            "plans/planaction_form.html",
            {"form": form, "version": plan_version, "plan": plan_version.plan, "action": None},
            status=400 if form.errors else 200,
        ),
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def action_edit(request, slug: str, plan: str, version: str, pk: int):
    action = selectors.plan_action_for_officer(request.user, slug, plan, version, pk)
    initial = {
        name: getattr(action, name)
        for name in (
            "reference",
            "priority",
            "description",
            "mandated",
            "lead_organisation",
            "lead_person",
            "due_on",
            "status",
            "rag_override",
            "security_marking",
            "schedule_12a_paragraph",
        )
    }
    initial["supporting_organisations"] = action.supporting
    initial["indicators"] = list(action.indicators.all())
    initial["places"] = list(action.places.all())
    initial["action_items"] = list(action.action_items.all())
    form = forms.PlanActionForm(request.POST or None, initial=initial, version=action.version)
    if request.method == "POST" and form.is_valid():
        values, links = _action_values(form)
        supporting = values.pop("supporting_organisations")
        try:
            services.plan_action_edit(
                action=action,
                supporting_organisations=supporting,
                by=request.user,
                **values,
                **links,
            )
        except ValidationError as error:
            _service_errors(form, error)
        except NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The action is saved.")
            return redirect(action.get_absolute_url())
    return _private(
        request,
        render(
            request,
            "plans/planaction_form.html",
            {
                "form": form,
                "version": action.version,
                "plan": action.version.plan,
                "action": action,
            },
            status=400 if form.errors else 200,
        ),
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def plan_create(request, slug: str):
    board = board_for_officer(request.user, slug)
    if not can_manage_plans(access_for(request.user), board):
        raise Http404
    form = forms.PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(board=board, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, f"{plan.title} created as a draft.")
            return redirect(plan.get_absolute_url())
    return _private(
        request,
        render(
            request,
            "plans/plan_form.html",
            {"form": form, "board": board},
            status=400 if form.errors else 200,
        ),
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def priority_add(request, slug: str, plan: str, version: str):
    plan_version = selectors.plan_version_for_officer(request.user, slug, plan, version)
    form = forms.PriorityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_add(version=plan_version, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _service_errors(form, error)
        except NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Priority added.")
            return redirect(plan_version.get_absolute_url())
    return _private(
        request,
        render(
            request,
            "plans/priority_form.html",
            {"form": form, "version": plan_version, "plan": plan_version.plan},
            status=400 if form.errors else 200,
        ),
    )


@login_required
@second_factor_first
@require_POST
def version_publish(request, slug: str, plan: str, version: str):
    plan_version = selectors.plan_version_for_officer(request.user, slug, plan, version)
    try:
        services.plan_version_publish(version=plan_version, by=request.user)
    except NotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"{plan_version} is published.")
    return redirect(plan_version.get_absolute_url())


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def version_refresh(request, slug: str, plan: str, version: str):
    """The annual refresh: a new draft version with this one's priorities and actions."""
    plan_version = selectors.plan_version_for_officer(request.user, slug, plan, version)
    form = forms.VersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.plan_version_refresh(
                version=plan_version, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(
                request, f"Draft {new.label} made from {plan_version.label}: publish it when ready."
            )
            return redirect(new.get_absolute_url())
    return _private(
        request,
        render(
            request,
            "plans/version_refresh.html",
            {"form": form, "version": plan_version, "plan": plan_version.plan},
            status=400 if form.errors else 200,
        ),
    )
