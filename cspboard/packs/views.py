from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import services
from .choices import BuildStatus
from .selectors import minutes_for_user, pack_for_user

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
    meeting, members = pack_for_user(request.user, slug, date)
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
    meeting, members = pack_for_user(request.user, slug, date)
    state = services.pack_state(meeting, members=members)
    pack_url, progress_url = _urls(meeting)
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
        "pack_url": pack_url,
        "progress_url": progress_url,
    }
    if request.htmx:
        response = render(request, "packs/_progress_status.html", context)
        if context["failed"]:
            response.status_code = STOP_POLLING
        return response
    return render(request, "packs/progress.html", context)


@require_safe
def meeting_minutes(request, slug: str, date):
    """The meeting's minutes as PDF: withheld items in full for members, as the meeting page
    shows them to the public for everyone else; drafts only for those who may see drafts."""
    meeting, members = minutes_for_user(request.user, slug, date)
    pdf = services.minutes_pdf(meeting, members=members)
    filename = f"{meeting.board.slug}-{meeting.date:%Y-%m-%d}-minutes.pdf"
    return _pdf_response(request, pdf, filename, members)
