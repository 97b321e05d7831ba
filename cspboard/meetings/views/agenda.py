"""The agenda: the officers' screens to build it (items added, changed, ordered, removed; the
board's standing items), publish it and tell the board of changes since."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cspboard.boards.access import second_factor_first
from cspboard.boards.choices import ItemRole
from cspboard.boards.selectors import board_for_officer
from cspboard.boards.standing import standing_items_for, standing_items_save
from cspboard.core.exceptions import EditConflict, NotAllowed, RecordInUse

from .. import forms, notifications, selectors, services
from ._confirm import attempt
from ._pages import meeting_url, render_form


def _agenda_context(meeting, form=None, conflict=""):
    items = selectors.agenda_items(meeting)
    total = sum(i.minutes_allowed or 0 for i in items)
    length = meeting.length_minutes or meeting.board.default_meeting_minutes
    return {
        "meeting": meeting,
        "items": items,
        "total": total,
        "length": length,
        "over": total > length,
        "form": form,
        "conflict": conflict,
        "tab": "agenda",
        "changed": [i for i in items if i.amendment],
    }


def _item_form(meeting, data=None, initial=None):
    parents = meeting.items.filter(parent=None).order_by("position")
    return forms.AgendaItemForm(
        data, parents=parents, people=selectors.board_people(meeting.board), initial=initial
    )


@login_required
@second_factor_first
@require_safe
def agenda_manage(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    context = _agenda_context(meeting, _item_form(meeting))
    if request.htmx:
        return render(request, "meetings/includes/_agenda_table.html", context)
    return render(request, "meetings/agenda_manage.html", context)


@login_required
@second_factor_first
@require_POST
def agenda_item_add(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    form = _item_form(meeting, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        presenters = list(data.pop("presenters") or [])
        added = attempt(
            request,
            services.agenda_item_add,
            form=form,
            refused=(ValidationError,),
            success=lambda item: f"Item {item.number} added: {item.title}.",
            meeting=meeting,
            presenters=presenters,
            before_closing_items=True,
            by=request.user,
            **data,
        )
        if added and request.POST.get("return_to") == "plan":  # added from the forward plan
            plan_url = reverse("meetings:forward_plan", args=[slug])
            return redirect(f"{plan_url}#plan-{meeting.date.isoformat()}")
        if added:
            return redirect(meeting_url(meeting, "agenda/"))
    return render(
        request, "meetings/agenda_manage.html", _agenda_context(meeting, form), status=400
    )


@login_required
@second_factor_first
@require_POST
def agenda_from_standing_items(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    attempt(request, services.agenda_build_from_standing_items, meeting=meeting, by=request.user)
    return redirect(meeting_url(meeting, "agenda/"))


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, slug: str, date: datetime.date, item_id: int):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    item = selectors.item_for_meeting(meeting, item_id)
    initial = {
        "title": item.title,
        "parent": item.parent,
        "presenter_text": item.presenter_text,
        "presenters": list(item.presenters.all()),
        "minutes_allowed": item.minutes_allowed,
        "kind": item.kind,
        "purpose": item.purpose,
        "role": item.role,
        "description": item.description,
        "security_marking": item.security_marking,
        "schedule_12a_paragraph": item.schedule_12a_paragraph,
        "version": item.version,
    }
    form = _item_form(meeting, request.POST or None, initial)
    form.fields["parent"].queryset = form.fields["parent"].queryset.exclude(pk=item.pk)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        presenters = list(data.pop("presenters") or [])
        saved = attempt(
            request,
            services.agenda_item_update,
            form=form,
            refused=(EditConflict, ValidationError),
            success=f"Item {item.number} saved.",
            item=item,
            expected_version=version,
            presenters=presenters,
            by=request.user,
            **data,
        )
        if saved:
            return redirect(meeting_url(meeting, "agenda/"))
        conflict = saved.conflict
    return render_form(
        request,
        "meetings/agenda_item_form.html",
        {
            "form": form,
            "meeting": meeting,
            "item": item,
            "conflict": conflict,
            "tab": "agenda",
        },
        form,
    )


@login_required
@second_factor_first
@require_POST
def agenda_item_move(request, slug: str, date: datetime.date, item_id: int):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    item = selectors.item_for_meeting(meeting, item_id)
    direction = request.POST.get("direction")
    conflict = ""
    if direction in ("up", "down"):
        conflict = attempt(
            request,
            services.agenda_item_move,
            refused=(EditConflict, NotAllowed),
            show=False,  # in the redrawn table, or as a message below
            item=item,
            direction=direction,
            expected_agenda_version=int(request.POST.get("agenda_version") or 0) or None,
            by=request.user,
        ).refusal
    if request.htmx:
        meeting.refresh_from_db()
        return render(
            request,
            "meetings/includes/_agenda_table.html",
            _agenda_context(meeting, conflict=conflict),
        )
    if conflict:
        messages.error(request, conflict)
    return redirect(meeting_url(meeting, "agenda/") + f"#agenda-item-{item.pk}")


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def agenda_item_delete(request, slug: str, date: datetime.date, item_id: int):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    item = selectors.item_for_meeting(meeting, item_id)
    refusal = ""
    if request.method == "POST":
        removed = attempt(
            request,
            services.agenda_item_delete,
            refused=(RecordInUse,),
            show=False,
            success=f"Item removed: {item.title}.",
            item=item,
            by=request.user,
        )
        if removed:
            return redirect(meeting_url(meeting, "agenda/"))
        refusal = removed.refusal
    return render(
        request,
        "meetings/agenda_item_delete.html",
        {"meeting": meeting, "item": item, "refusal": refusal, "tab": "agenda"},
        status=409 if refusal else 200,
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def agenda_publish(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    error = ""
    if request.method == "POST":
        published = attempt(
            request,
            services.agenda_publish,
            show=False,
            success=lambda _: (
                "The agenda is published. "
                + notifications.recipients("agenda_published", meeting).summary()
            ),
            meeting=meeting,
            by=request.user,
        )
        if published:
            return redirect(meeting_url(meeting))
        error = published.refusal
    context = _agenda_context(meeting)
    context["error"] = error
    context["recipients"] = notifications.recipients("agenda_published", meeting)
    return render(request, "meetings/agenda_publish.html", context, status=409 if error else 200)


@login_required
@second_factor_first
@require_POST
def agenda_notify(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    count = services.agenda_notify_changes(meeting=meeting, by=request.user)
    if count:
        told = notifications.recipients("agenda_changed", meeting)
        about = f"about {count} changed item{'s' if count != 1 else ''}"
        messages.success(request, told.summary(about=about))
    else:
        messages.error(request, "Nothing has changed since the agenda was published.")
    return redirect(meeting_url(meeting, "agenda/"))


# The board's standing items ---------------------------------------------------------------------


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def standing_items(request, slug: str):
    board = board_for_officer(request.user, slug)
    if request.method == "POST":
        rows = []
        for n in range(int(request.POST.get("rows", "0") or 0)):
            minutes = request.POST.get(f"minutes_{n}", "").strip()
            rows.append(
                {
                    "title": request.POST.get(f"title_{n}", ""),
                    "kind": request.POST.get(f"kind_{n}", "verbal"),
                    "minutes_allowed": int(minutes) if minutes.isdigit() else None,
                    "presenter_text": request.POST.get(f"presenter_{n}", ""),
                    "at_end": request.POST.get(f"at_end_{n}") == "on",
                    "role": request.POST.get(f"role_{n}", ""),
                }
            )
        standing_items_save(board=board, rows=rows, by=request.user)
        messages.success(request, "Standing items saved.")
        return redirect("meetings:standing_items", slug=slug)
    items = standing_items_for(board)
    blanks = 3
    return render(
        request,
        "meetings/standing_items.html",
        {
            "board": board,
            "items": items,
            "blank_range": range(len(items), len(items) + blanks),
            "rows": len(items) + blanks,
            "roles": ItemRole.choices,
        },
    )
