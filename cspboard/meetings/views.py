"""Meeting pages: the public record, and the officer's and chair's screens to run a meeting."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cspboard.boards.access import access_for, second_factor_first
from cspboard.boards.choices import ItemRole
from cspboard.boards.selectors import board_for_officer
from cspboard.core.cache import cached_fragment, cached_public_page, cached_record
from cspboard.core.exceptions import EditConflict, NotAllowed, RecordInUse

from . import forms, notifications, selectors, services
from .choices import AttendanceCapacity, AttendanceStatus, MeetingStatus
from .permissions import can_see_agenda
from .selectors import CAPACITY_NOTES, meeting_page_for_user, meetings_recent, meetings_upcoming


def _meeting_url(meeting, suffix: str = "") -> str:
    return (
        reverse(
            "meetings:meeting_detail", kwargs={"slug": meeting.board.slug, "date": meeting.date}
        )
        + suffix
    )


def _add_service_errors(form, error: ValidationError) -> None:
    for field, messages_ in forms.validation_messages(error).items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def _render(request, template, context, form=None):
    status = 400 if form is not None and form.errors else 200
    return render(request, template, context, status=status)


# The public record ------------------------------------------------------------------------------


@require_safe
def meeting_detail(request, slug: str, date: datetime.date):
    if request.user.is_authenticated:
        return _meeting_detail(request, slug, date)
    return cached_public_page(
        request,
        f"meeting:{slug}:{date.isoformat()}",
        lambda: _meeting_detail(request, slug, date),
        board_slug=slug,
    )


def _meeting_detail(request, slug: str, date: datetime.date):
    """The page's body comes from the cache kept for the viewer's audience (one render for all
    the board's members, say); the header around it (name, sign-out form, messages) is drawn
    for this viewer."""
    meeting = cached_record(
        request,
        f"meeting:{slug}:{date.isoformat()}",
        lambda: selectors.meeting_get(slug, date),
        board_slug=slug,
    )
    audience = selectors.meeting_audience_for(request.user, meeting)

    def body() -> str:
        page = selectors.meeting_page(request.user, meeting)
        # Without the request's context processors: nothing of this viewer's gets in.
        return render_to_string(
            "meetings/includes/_meeting_body.html",
            {
                "request": request,  # the subgroup updates' links (the audience's writers)
                "page": page,
                "meeting": meeting,
                "capacity_notes": CAPACITY_NOTES,
                "can_review": audience.can_review,
                "can_declare": audience.can_declare,
            },
        )

    html = cached_fragment(
        f"meeting-body:{meeting.pk}:{audience.key}",
        body,
        board_id=meeting.board_id,
        request=request,
    )
    response = render(request, "meetings/meeting_detail.html", {"meeting": meeting, "body": html})
    if request.user.is_authenticated:
        # A member's page holds withheld material: never let a shared cache keep it.
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def meeting_list(request, slug: str):
    from cspboard.boards.selectors import board_get

    board = board_get(slug)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "board": board,
            "meetings": selectors.meetings_for_board(board),
            "is_officer": access_for(request.user).is_officer(board.pk),
        },
    )


# Meetings: create, series, change, cancel, delete ----------------------------------------------


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def meeting_create(request, slug: str):
    board = board_for_officer(request.user, slug)
    form = forms.MeetingForm(
        request.POST or None,
        people=selectors.board_people(board),
        initial={"start_time": datetime.time(10)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                board=board,
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                venue=data["venue"],
                online=data["online"],
                chair=data["chair"],
                by=request.user,
            )
        except ValidationError as error:
            if "__all__" in getattr(error, "error_dict", {}):
                form.add_error("date", f"The {board.name} already meets on that day")
            else:
                _add_service_errors(form, error)
        else:
            messages.success(request, f"Meeting created for {meeting.date:%-d %B %Y}.")
            return redirect(_meeting_url(meeting, "agenda/"))
    return _render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "board": board, "title": "Create a meeting"},
        form,
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def meeting_series(request, slug: str):
    board = board_for_officer(request.user, slug)
    form = forms.SeriesForm(
        request.POST or None,
        initial={
            "year": datetime.date.today().year + 1,
            "start_time": datetime.time(10),
            "end_time": datetime.time(13),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        dates = services.series_dates(
            year=data["year"],
            months=data["months"],
            weekday=data["weekday"],
            ordinal=data["ordinal"],
        )
        created, skipped = services.meetings_create_series(
            board=board,
            dates=dates,
            start_time=data["start_time"],
            end_time=data["end_time"],
            venue=data["venue"],
            online=data["online"],
            by=request.user,
        )
        text = f"{len(created)} meetings created: " + ", ".join(f"{m.date:%-d %B}" for m in created)
        if skipped:
            text += ". Already in the diary: " + ", ".join(f"{d:%-d %B}" for d in skipped)
        messages.success(request, text + ".")
        return redirect("meetings:meeting_list", slug=board.slug)
    return _render(request, "meetings/series_form.html", {"form": form, "board": board}, form)


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    form = forms.MeetingForm(
        request.POST or None,
        people=selectors.board_people(meeting.board),
        initial={
            "date": meeting.date,
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "venue": meeting.venue,
            "online": meeting.online,
            "chair": meeting.chair,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = (meeting.date, meeting.start_time, meeting.end_time, meeting.venue, meeting.online)
        try:
            services.meeting_update(
                meeting=meeting,
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                venue=data["venue"],
                online=data["online"],
                chair=data["chair"],
                by=request.user,
            )
        except NotAllowed as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            if "__all__" in getattr(error, "error_dict", {}):
                form.add_error("date", f"The {meeting.board.name} already meets on that day")
            else:
                _add_service_errors(form, error)
        else:
            text = "Meeting details saved."
            moved = before != (
                meeting.date,
                meeting.start_time,
                meeting.end_time,
                meeting.venue,
                meeting.online,
            )
            if moved and meeting.agenda_is_published:
                told = notifications.recipients("meeting_changed", meeting)
                text += " " + told.summary(about="about the change")
            messages.success(request, text)
            return redirect(_meeting_url(meeting))
    return _render(
        request,
        "meetings/meeting_form.html",
        {
            "form": form,
            "board": meeting.board,
            "meeting": meeting,
            "title": "Change the meeting's details",
            "tab": "details",
        },
        form,
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    form = forms.CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, reason=form.cleaned_data["reason"], by=request.user
            )
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            told = notifications.recipients("meeting_cancelled", meeting)
            messages.success(
                request, f"The meeting is cancelled. It stays in the record. {told.summary()}"
            )
            return redirect(_meeting_url(meeting))
    return _render(
        request,
        "meetings/meeting_cancel.html",
        {
            "form": form,
            "meeting": meeting,
            "tab": "details",
            "recipients": notifications.recipients("meeting_cancelled", meeting),
        },
        form,
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def meeting_delete(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    refusal = ""
    if request.method == "POST":
        try:
            services.meeting_delete(meeting=meeting, by=request.user)
        except RecordInUse as error:
            refusal = str(error)
        else:
            messages.success(request, "The meeting was deleted.")
            return redirect("meetings:meeting_list", slug=slug)
    return render(
        request,
        "meetings/meeting_delete.html",
        {"meeting": meeting, "refusal": refusal, "tab": "details"},
        status=409 if refusal else 200,
    )


# The agenda -------------------------------------------------------------------------------------


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
        try:
            item = services.agenda_item_add(
                meeting=meeting,
                presenters=presenters,
                before_closing_items=True,
                by=request.user,
                **data,
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, f"Item {item.number} added: {item.title}.")
            if request.POST.get("return_to") == "plan":  # added from the forward plan
                plan_url = reverse("meetings:forward_plan", args=[slug])
                return redirect(f"{plan_url}#plan-{meeting.date.isoformat()}")
            return redirect(_meeting_url(meeting, "agenda/"))
    return render(
        request, "meetings/agenda_manage.html", _agenda_context(meeting, form), status=400
    )


@login_required
@second_factor_first
@require_POST
def agenda_from_standing_items(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    try:
        services.agenda_build_from_standing_items(meeting=meeting, by=request.user)
    except NotAllowed as error:
        messages.error(request, str(error))
    return redirect(_meeting_url(meeting, "agenda/"))


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
        try:
            services.agenda_item_update(
                item=item, expected_version=version, presenters=presenters, by=request.user, **data
            )
        except EditConflict as error:
            conflict = error
            form.add_error(None, str(error))
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, f"Item {item.number} saved.")
            return redirect(_meeting_url(meeting, "agenda/"))
    return _render(
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
        try:
            version = int(request.POST.get("agenda_version") or 0) or None
            services.agenda_item_move(
                item=item, direction=direction, expected_agenda_version=version, by=request.user
            )
        except (EditConflict, NotAllowed) as error:
            conflict = str(error)
    if request.htmx:
        meeting.refresh_from_db()
        return render(
            request,
            "meetings/includes/_agenda_table.html",
            _agenda_context(meeting, conflict=conflict),
        )
    if conflict:
        messages.error(request, conflict)
    return redirect(_meeting_url(meeting, "agenda/") + f"#agenda-item-{item.pk}")


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def agenda_item_delete(request, slug: str, date: datetime.date, item_id: int):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    item = selectors.item_for_meeting(meeting, item_id)
    refusal = ""
    if request.method == "POST":
        try:
            services.agenda_item_delete(item=item, by=request.user)
        except RecordInUse as error:
            refusal = str(error)
        else:
            messages.success(request, f"Item removed: {item.title}.")
            return redirect(_meeting_url(meeting, "agenda/"))
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
        try:
            services.agenda_publish(meeting=meeting, by=request.user)
        except NotAllowed as refusal:
            error = str(refusal)
        else:
            told = notifications.recipients("agenda_published", meeting)
            messages.success(request, f"The agenda is published. {told.summary()}")
            return redirect(_meeting_url(meeting))
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
    return redirect(_meeting_url(meeting, "agenda/"))


# Attendance -------------------------------------------------------------------------------------


def _attendance_context(meeting, data=None, guest_form=None):
    members = selectors.current_members(meeting)
    rows = selectors.attendance_rows(meeting)
    by_person = {r.person_id: r for r in rows if r.person_id}
    substitutes = {r.substitute_for_id: r for r in rows if r.substitute_for_id}
    initial_rows = {}
    for person in members:
        row = by_person.get(person.pk)
        sub = substitutes.get(person.pk)
        if sub is not None:
            initial_rows[person.pk] = {"status": "substitute", "substitute": sub.display_name}
        elif row is not None:
            initial_rows[person.pk] = {"status": row.status, "substitute": ""}
    member_ids = {p.pk for p in members}
    return {
        "meeting": meeting,
        "form": forms.AttendanceForm(data, members=members, initial_rows=initial_rows),
        "guest_form": guest_form or forms.GuestForm(prefix="guest"),
        "others": [
            r
            for r in rows
            if r.person_id not in member_ids and r.capacity != AttendanceCapacity.SUBSTITUTE
        ],
        "members": members,
        "by_person": by_person,
        "substitutes": substitutes,
        "tab": "attendance",
    }


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def attendance_manage(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    context = _attendance_context(meeting, request.POST or None)
    form = context["form"]
    if request.method == "POST" and form.is_valid():
        marked = 0
        if "mark_present" in request.POST:  # everyone left "Not recorded" was there
            for person in context["members"]:
                if not form.cleaned_data.get(f"status_{person.pk}"):
                    form.cleaned_data[f"status_{person.pk}"] = AttendanceStatus.PRESENT
                    marked += 1
        try:
            _save_attendance(
                meeting,
                form,
                context["members"],
                context["by_person"],
                context["substitutes"],
                request.user,
            )
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            if marked:
                messages.success(request, f"Attendance saved: {marked} more marked present.")
            else:
                messages.success(request, "Attendance saved.")
            return redirect(_meeting_url(meeting, "attendance/"))
    return _render(request, "meetings/attendance_manage.html", context, form)


def _save_attendance(meeting, form, members, by_person, substitutes, user) -> None:
    for person in members:
        choice = form.cleaned_data.get(f"status_{person.pk}") or ""
        substitute_name = (form.cleaned_data.get(f"substitute_{person.pk}") or "").strip()
        old_sub = substitutes.get(person.pk)
        if choice == "substitute":
            services.attendance_record(
                meeting=meeting, person=person, status=AttendanceStatus.APOLOGIES, by=user
            )
            if old_sub is None or old_sub.display_name != substitute_name:
                if old_sub is not None:
                    services.attendance_remove(row=old_sub, by=user)
                services.attendance_record(
                    meeting=meeting,
                    name=substitute_name,
                    status=AttendanceStatus.PRESENT,
                    capacity=AttendanceCapacity.SUBSTITUTE,
                    substitute_for=person,
                    by=user,
                )
            continue
        if old_sub is not None:
            services.attendance_remove(row=old_sub, by=user)
        if choice:
            services.attendance_record(meeting=meeting, person=person, status=choice, by=user)
        elif person.pk in by_person:
            services.attendance_remove(row=by_person[person.pk], by=user)


@login_required
@second_factor_first
@require_POST
def attendance_add_guest(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    form = forms.GuestForm(request.POST, prefix="guest")
    if form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting,
                name=form.cleaned_data["name"],
                capacity=form.cleaned_data["capacity"],
                by=request.user,
            )
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{form.cleaned_data['name']} added.")
            return redirect(_meeting_url(meeting, "attendance/"))
    # Redraw the page as recorded, with the guest's errors: nothing already saved is lost.
    return render(
        request,
        "meetings/attendance_manage.html",
        _attendance_context(meeting, guest_form=form),
        status=400,
    )


@login_required
@second_factor_first
@require_POST
def attendance_remove(request, slug: str, date: datetime.date, row_id: int):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    row = next((r for r in selectors.attendance_rows(meeting) if r.pk == row_id), None)
    if row is not None:
        services.attendance_remove(row=row, by=request.user)
    return redirect(_meeting_url(meeting, "attendance/"))


# Minutes ----------------------------------------------------------------------------------------


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
            return redirect(_meeting_url(meeting, "minutes/"))
    elif request.method == "POST" and request.POST.get("action") == "no-declarations":
        try:
            services.declarations_none(meeting=meeting, by=request.user)
        except NotAllowed as error:
            messages.error(request, str(error))
        return redirect(_meeting_url(meeting, "minutes/"))
    elif request.method == "POST":
        return _minutes_step(request, meeting)
    return _render(
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


def _minutes_step(request, meeting):
    """Send to the chair, confirm at a later meeting, publish: each a button on the page."""
    step = request.POST.get("action")
    try:
        if step == "send":
            services.minutes_send_to_chair(meeting=meeting, by=request.user)
            told = notifications.recipients("minutes_sent", meeting)
            messages.success(
                request, f"The minutes are with the chair for approval. {told.summary()}"
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
            services.minutes_publish(meeting=meeting, by=request.user)
            told = notifications.recipients("minutes_published", meeting)
            messages.success(request, f"The minutes are published. {told.summary()}")
        elif step == "confirm":
            form = forms.ConfirmForm(request.POST, meetings=selectors.later_meetings(meeting))
            if not form.is_valid():
                messages.error(request, "Choose the meeting that confirmed the minutes.")
            else:
                services.minutes_confirm(
                    meeting=meeting, at_meeting=form.cleaned_data["at_meeting"], by=request.user
                )
                messages.success(request, "Recorded: the board confirmed the minutes.")
    except (NotAllowed, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect(_meeting_url(meeting, "minutes/"))


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
        if decision_form.is_valid():
            try:
                services.decision_add(
                    item=item, text=decision_form.cleaned_data["text"], by=request.user
                )
            except NotAllowed as error:
                decision_form.add_error(None, str(error))
            else:
                return redirect(_meeting_url(meeting, f"minutes/{item.pk}/"))
    elif request.method == "POST" and request.POST.get("action") == "remove-decision":
        decision = item.decisions.filter(pk=request.POST.get("decision")).first()
        if decision is not None:
            services.decision_remove(decision=decision, by=request.user)
        return redirect(_meeting_url(meeting, f"minutes/{item.pk}/"))
    elif request.method == "POST" and form.is_valid():
        try:
            services.item_minutes_set(
                item=item,
                minutes=form.cleaned_data["minutes"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except EditConflict as error:
            conflict = error
            form.add_error(None, str(error))
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Minutes of item {item.number} saved.")
            return redirect(_meeting_url(meeting, "minutes/") + f"#minutes-item-{item.pk}")
    status_form = form if form.errors else decision_form
    return _render(
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
    if request.method == "POST":
        try:
            history_id = int(request.POST.get("history_id", ""))
            services.item_minutes_restore(item=item, history_id=history_id, by=request.user)
        except (ValueError, item.history.model.DoesNotExist):
            messages.error(request, "That version could not be found.")
        except NotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The earlier version of the minutes is restored.")
            return redirect(_meeting_url(meeting, f"minutes/{item.pk}/"))
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
        try:
            if approve:
                services.minutes_approve(
                    meeting=meeting, comments=form.cleaned_data["comments"], by=request.user
                )
            else:
                services.minutes_return(
                    meeting=meeting, comments=form.cleaned_data["comments"], by=request.user
                )
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
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
            messages.success(request, f"{done} {told.summary()}")
            return redirect(_meeting_url(meeting))
    page = meeting_page_for_user(request.user, slug, date)
    page.show_minutes = True
    return _render(
        request,
        "meetings/minutes_review.html",
        {"form": form, "meeting": meeting, "page": page, "chair_answering": chair_answering},
        form,
    )


# Members ----------------------------------------------------------------------------------------


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def declaration_ahead(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_member(request.user, slug, date)
    person = request.user.person
    # Only the items the member may see: none while the agenda is unpublished (they may still
    # declare an interest in the meeting as a whole), withheld ones once it is published.
    items = selectors.declarable_items(request.user, meeting)
    form = forms.DeclarationForm(request.POST or None, people=None, items=items)
    if request.method == "POST" and form.is_valid():
        services.declaration_record(
            meeting=meeting,
            person=person,
            item=form.cleaned_data["item"],
            text=form.cleaned_data["text"],
            made_in_advance=True,
            by=request.user,
        )
        messages.success(request, "Your declaration of interest is recorded.")
        return redirect(_meeting_url(meeting))
    return _render(
        request,
        "meetings/declaration_form.html",
        {
            "form": form,
            "meeting": meeting,
            "agenda_shown": can_see_agenda(access_for(request.user), meeting),
        },
        form,
    )


# History ----------------------------------------------------------------------------------------


@login_required
@second_factor_first
@require_safe
def meeting_history(request, slug: str, date: datetime.date):
    meeting = selectors.meeting_for_officer(request.user, slug, date)
    return render(
        request,
        "meetings/meeting_history.html",
        {
            "meeting": meeting,
            "records": selectors.meeting_history(meeting),
            "tab": "history",
        },
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def standing_items(request, slug: str):
    from cspboard.boards.standing import standing_items_for, standing_items_save

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


@require_safe
def home(request):
    # Meetings of every board: kept under all the boards' generations.
    return cached_public_page(request, "home", lambda: _home(request), every_board=True)


def _home(request):
    today = datetime.date.today()
    return render(
        request,
        "core/home.html",
        {"upcoming": meetings_upcoming(today), "recent": meetings_recent(today)},
    )
