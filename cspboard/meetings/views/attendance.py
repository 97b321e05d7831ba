"""At the meeting: the officers' record of who attended (members, substitutes, guests), and a
member's declaration of interest made ahead of the meeting."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cspboard.boards.access import access_for, second_factor_first

from .. import forms, selectors, services
from ..choices import AttendanceCapacity, AttendanceStatus
from ..permissions import can_see_agenda
from ._confirm import attempt
from ._pages import meeting_url, render_form


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
        if attempt(
            request,
            _save_attendance,
            form=form,
            success=f"Attendance saved: {marked} more marked present."
            if marked
            else "Attendance saved.",
            meeting=meeting,
            cleaned=form.cleaned_data,
            members=context["members"],
            by_person=context["by_person"],
            substitutes=context["substitutes"],
            user=request.user,
        ):
            return redirect(meeting_url(meeting, "attendance/"))
    return render_form(request, "meetings/attendance_manage.html", context, form)


def _save_attendance(*, meeting, cleaned, members, by_person, substitutes, user) -> None:
    """The form's rows through the services: each member's status, and their substitute."""
    for person in members:
        choice = cleaned.get(f"status_{person.pk}") or ""
        substitute_name = (cleaned.get(f"substitute_{person.pk}") or "").strip()
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
    if form.is_valid() and attempt(
        request,
        services.attendance_record,
        form=form,
        success=f"{form.cleaned_data['name']} added.",
        meeting=meeting,
        name=form.cleaned_data["name"],
        capacity=form.cleaned_data["capacity"],
        by=request.user,
    ):
        return redirect(meeting_url(meeting, "attendance/"))
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
    return redirect(meeting_url(meeting, "attendance/"))


# A member's declaration ahead of the meeting ----------------------------------------------------


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
        return redirect(meeting_url(meeting))
    return render_form(
        request,
        "meetings/declaration_form.html",
        {
            "form": form,
            "meeting": meeting,
            "agenda_shown": can_see_agenda(access_for(request.user), meeting),
        },
        form,
    )
