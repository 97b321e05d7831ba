from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cspboard.boards.access import access_for, second_factor_first
from cspboard.core.exceptions import NotAllowed
from cspboard.meetings.selectors import meeting_for_officer

from . import publications, selectors, services
from .choices import MINUTES_KINDS, PACK_KINDS, BuildStatus
from .selectors import minutes_for_viewer, pack_for_viewer

# htmx stops polling when answered with this status.
STOP_POLLING = 286


def _pdf_response(request, pdf: bytes, filename: str, private: bool) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private or request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


def _urls(meeting) -> tuple[str, str]:
    kwargs = {"slug": meeting.board.slug, "date": meeting.date}
    return reverse("packs:meeting_pack", kwargs=kwargs), reverse(
        "packs:pack_progress", kwargs=kwargs
    )


@require_safe
def meeting_pack(request, slug: str, date):
    """The meeting's agenda pack: the members' pack for those who may see the board's withheld
    papers, the public pack for everyone else. Sent at once if it is kept or built within about
    a second; otherwise the reader is sent to the page showing the build's progress."""
    meeting, members = pack_for_viewer(request.user, slug, date)
    published = selectors.published_document(meeting, members=members, minutes=False)
    if published is not None:  # the pack as published, never rebuilt
        return _publication_response(request, published)
    if meeting.agenda_is_published and selectors.has_published(meeting, PACK_KINDS):
        raise Http404  # withdrawn, and no corrected pack published yet
    state = services.pack_for_download(meeting, members=members, retry="retry" in request.GET)
    if state.pdf is None:
        return redirect(_urls(meeting)[1])
    kind = "members-pack" if members else "agenda-pack"
    filename = f"{meeting.board.slug}-{meeting.date:%Y-%m-%d}-{kind}.pdf"
    return _pdf_response(request, state.pdf, filename, members)


@require_safe
@never_cache
def pack_progress(request, slug: str, date):
    """How far the reader's pack has got. It asks again by itself (htmx, or a refresh without
    JavaScript) and sends the reader on to the pack when it is ready. It shows only the pack
    this reader may have, exactly as its address would."""
    meeting, members = pack_for_viewer(request.user, slug, date)
    pack_url, progress_url = _urls(meeting)
    if selectors.published_document(meeting, members=members, minutes=False) is not None:
        return redirect(pack_url)  # published: nothing to build
    state = services.pack_state(meeting, members=members)
    if state.pdf is not None:
        if request.htmx:
            response = HttpResponse(status=STOP_POLLING)
            response["HX-Redirect"] = pack_url
            return response
        return redirect(pack_url)
    build = state.build
    context = {
        "meeting": meeting,
        "members": members,
        "build": build,
        "failed": build.status == BuildStatus.FAILED,
        # Not started by the worker for a while: said so, and the page stops asking.
        "waiting_for_worker": services.waiting_for_worker(build),
        "pack_url": pack_url,
        "progress_url": progress_url,
    }
    context["polling"] = build.is_active and not context["waiting_for_worker"]
    if request.htmx:
        response = render(request, "packs/_progress_status.html", context)
        if not context["polling"]:
            response.status_code = STOP_POLLING
        return response
    return render(request, "packs/progress.html", context)


@require_safe
def meeting_minutes(request, slug: str, date):
    """The meeting's minutes as PDF: withheld items in full for members, as the meeting page
    shows them to the public for everyone else; drafts only for those who may see drafts."""
    meeting, members = minutes_for_viewer(request.user, slug, date)
    published = selectors.published_document(meeting, members=members, minutes=True)
    if published is not None:  # the minutes as published, never rebuilt
        return _publication_response(request, published)
    if selectors.has_published(meeting, MINUTES_KINDS):
        raise Http404  # withdrawn, and no corrected version published yet
    pdf = services.minutes_pdf(meeting, members=members)
    filename = f"{meeting.board.slug}-{meeting.date:%Y-%m-%d}-minutes.pdf"
    return _pdf_response(request, pdf, filename, members)


def _publication_response(request, publication) -> HttpResponse:
    with publication.file.open("rb") as handle:
        pdf = handle.read()
    return _pdf_response(request, pdf, publication.filename, publication.for_members_only)


@require_safe
def publication(request, slug: str, date, pk: int):
    """A document as the meeting published it, byte for byte (earlier versions included, for
    those entitled to them); 404 once withdrawn."""
    published = selectors.publication_for_viewer(request.user, slug, date, pk)
    return _publication_response(request, published)


PUBLISHING_ACTIONS = {
    "supplement": lambda meeting, reason, by: publications.supplement_publish(
        meeting=meeting, reason=reason, by=by
    ),
    "revise": lambda meeting, reason, by: publications.agenda_revise(
        meeting=meeting, reason=reason, by=by
    ),
    "correct_minutes": lambda meeting, reason, by: publications.minutes_documents_publish(
        meeting=meeting, reason=reason, by=by
    ),
}


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def publications_manage(request, slug: str, date):
    """The officer's page of a meeting's published documents: publish a supplement or a
    revised agenda, correct the minutes, withdraw a document."""
    meeting = meeting_for_officer(request.user, slug, date)
    errors: dict[str, str] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        reason = request.POST.get("reason", "")
        try:
            if action == "withdraw":
                row = selectors.publications_for_officer(meeting, request.POST.get("publication"))
                publications.publication_withdraw(publication=row, reason=reason, by=request.user)
                messages.success(request, f"{row.title} withdrawn: it is no longer served.")
                return redirect(request.path)
            if action in PUBLISHING_ACTIONS:
                done = PUBLISHING_ACTIONS[action](meeting, reason, request.user)
                titles = ", ".join(p.title for p in done)
                messages.success(request, f"Published: {titles}.")
                return redirect(request.path)
            errors["action"] = "Choose what to publish or withdraw."
        except ValidationError as error:
            errors.update({k: " ".join(v) for k, v in error.message_dict.items()})
        except NotAllowed as error:
            errors["action"] = str(error)
    rows = selectors.publications_for(access_for(request.user), meeting)
    context = {
        "meeting": meeting,
        "rows": rows,
        "changes": publications.agenda_changes(meeting) if meeting.agenda_is_published else [],
        "errors": errors,
        "tab": "documents",
    }
    return render(
        request,
        "packs/publications_manage.html",
        context,
        status=400 if errors else 200,
    )
