"""The meeting itself: the public page and the lists of meetings (a board's, the home page's),
and the officers' screens to create, change, cancel or delete a meeting and read its history."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_safe

from cspboard.boards.access import access_for, second_factor_first
from cspboard.boards.contributions import board_alternates
from cspboard.boards.selectors import board_for_officer, board_get
from cspboard.core.cache import cached_fragment, cached_public_page, cached_record
from cspboard.core.exceptions import NotAllowed, RecordInUse

from .. import forms, notifications, selectors, services
from ._confirm import add_service_errors, attempt
from ._pages import meeting_url, render_form

# The public record ------------------------------------------------------------------------------


@require_safe
def home(request):
    # Meetings of every board: kept under all the boards' generations.
    return cached_public_page(request, "home", lambda: _home(request), every_board=True)


def _home(request):
    today = datetime.date.today()
    return render(
        request,
        "core/home.html",
        {
            "upcoming": selectors.meetings_upcoming(today),
            "recent": selectors.meetings_recent(today),
        },
    )


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
                "capacity_notes": selectors.CAPACITY_NOTES,
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
    response = render(
        request,
        "meetings/meeting_detail.html",
        {"meeting": meeting, "body": html, "alternates": board_alternates(meeting.board)},
    )
    if request.user.is_authenticated:
        # A member's page holds withheld material: never let a shared cache keep it.
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def meeting_list(request, slug: str):
    board = board_get(slug)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "board": board,
            "meetings": selectors.meetings_for_board(board),
            "is_officer": access_for(request.user).is_officer(board.pk),
            "alternates": board_alternates(board),
        },
    )


# Create, series, change, cancel, delete ---------------------------------------------------------


def _details(form) -> dict:
    """The meeting's details as the services take them."""
    fields = ("date", "start_time", "end_time", "venue", "online", "chair")
    return {name: form.cleaned_data[name] for name in fields}


def _details_refused(form, error: Exception, board) -> None:
    """The services' refusal on the meeting's form; a second meeting on the same day (the
    database's "one meeting per board a day") is said against the date."""
    if "__all__" in getattr(error, "error_dict", {}):
        form.add_error("date", f"The {board.name} already meets on that day")
    elif isinstance(error, ValidationError):
        add_service_errors(form, error)
    else:
        form.add_error(None, str(error))


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
        created = attempt(
            request,
            services.meeting_create,
            refused=(ValidationError,),
            show=False,
            success=lambda meeting: f"Meeting created for {meeting.date:%-d %B %Y}.",
            board=board,
            by=request.user,
            **_details(form),
        )
        if created:
            return redirect(meeting_url(created.result, "agenda/"))
        _details_refused(form, created.error, board)
    return render_form(
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
    return render_form(request, "meetings/series_form.html", {"form": form, "board": board}, form)


def _when_and_where(meeting) -> tuple:
    return (meeting.date, meeting.start_time, meeting.end_time, meeting.venue, meeting.online)


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
        before = _when_and_where(meeting)

        def saved(_) -> str:
            text = "Meeting details saved."
            if _when_and_where(meeting) != before and meeting.agenda_is_published:
                told = notifications.recipients("meeting_changed", meeting)
                text += " " + told.summary(about="about the change")
            return text

        changed = attempt(
            request,
            services.meeting_update,
            refused=(NotAllowed, ValidationError),
            show=False,
            success=saved,
            meeting=meeting,
            by=request.user,
            **_details(form),
        )
        if changed:
            return redirect(meeting_url(meeting))
        _details_refused(form, changed.error, meeting.board)
    return render_form(
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
        if attempt(
            request,
            services.meeting_cancel,
            form=form,
            success=lambda _: (
                "The meeting is cancelled. It stays in the record. "
                + notifications.recipients("meeting_cancelled", meeting).summary()
            ),
            meeting=meeting,
            reason=form.cleaned_data["reason"],
            by=request.user,
        ):
            return redirect(meeting_url(meeting))
    return render_form(
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
        deleted = attempt(
            request,
            services.meeting_delete,
            refused=(RecordInUse,),
            show=False,
            success="The meeting was deleted.",
            meeting=meeting,
            by=request.user,
        )
        if deleted:
            return redirect("meetings:meeting_list", slug=slug)
        refusal = deleted.refusal
    return render(
        request,
        "meetings/meeting_delete.html",
        {"meeting": meeting, "refusal": refusal, "tab": "details"},
        status=409 if refusal else 200,
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
