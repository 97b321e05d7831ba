"""Submitting a requested report: the cover sheet or an upload, by the signed-in author or
officer or through the author's signed link, and each version's download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from cspboard.boards.access import second_factor_first
from cspboard.documents.models import documents_storage

from .. import links, selectors, services
from ..forms import CoverSheetForm, UploadForm
from .shared import (
    address_of,
    form_page,
    form_saved,
    link_refused,
    local_today,
    no_store,
    person_of,
    upload_fields,
)


def _cover_sheet_initial(report_request) -> dict:
    item, author = report_request.item, report_request.author
    title = f", {author.post_title}" if author.post_title else ""
    return {
        "subject": item.title,
        "report_date": item.meeting.date,
        "author_text": f"{author.display_name}{title}",
        "contact": address_of(author),
        "security_marking": item.security_marking,
        "schedule_12a_paragraph": item.schedule_12a_paragraph,
    }


SUBMITTED = "Your report is submitted. Thank you."


def _write(request, report_request, *, actor, template_context, done_url):
    """The cover-sheet form, for the signed-in author or officer and for the signed link."""
    form = CoverSheetForm(request.POST or None, initial=_cover_sheet_initial(report_request))

    def save(data):
        services.report_submit_form(
            request=report_request, today=local_today(), by=request.user, by_person=actor, **data
        )
        return SUBMITTED, done_url

    if (done := form_saved(request, form, save)) is not None:
        return done
    return form_page(
        request,
        "reports/report_write.html",
        {"form": form, "report_request": report_request, **template_context},
    )


def _upload(request, report_request, *, actor, template_context, done_url):
    initial = {
        "title": report_request.item.title,
        "security_marking": report_request.item.security_marking,
        "schedule_12a_paragraph": report_request.item.schedule_12a_paragraph,
    }
    form = UploadForm(request.POST or None, request.FILES or None, initial=initial)

    def save(data):
        services.report_submit_upload(
            request=report_request,
            today=local_today(),
            by=request.user,
            by_person=actor,
            **upload_fields(data),
        )
        return SUBMITTED, done_url

    if (done := form_saved(request, form, save)) is not None:
        return done
    return form_page(
        request,
        "reports/report_upload.html",
        {"form": form, "report_request": report_request, **template_context},
    )


def _signed_in_context(report_request) -> dict:
    return {
        "back_url": report_request.get_absolute_url(),
        "write_url": reverse("reports:report_write", kwargs={"pk": report_request.pk}),
        "upload_url": reverse("reports:report_upload", kwargs={"pk": report_request.pk}),
    }


def _signed_in(request, pk: int, page):
    """`page` (`_write` or `_upload`) for the signed-in author or officer."""
    report_request = selectors.request_for_submitter(request.user, pk)
    return page(
        request,
        report_request,
        actor=person_of(request.user),
        template_context=_signed_in_context(report_request),
        done_url=report_request.get_absolute_url(),
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def report_write(request, pk: int):
    return _signed_in(request, pk, _write)


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def report_upload(request, pk: int):
    return _signed_in(request, pk, _upload)


def _link_context(request, token: str) -> dict:
    write = reverse("reports:submit_link", kwargs={"token": token})
    return {
        "by_link": True,
        "back_url": write,
        "write_url": write,
        "upload_url": reverse("reports:submit_link_upload", kwargs={"token": token}),
    }


def _by_link(request, token: str, page, *, done_url: str):
    """`page` (`_write` or `_upload`) for the author, through the signed link of their request
    e-mail; a link that has expired or is not valid gets a page saying so."""
    try:
        report_request = links.request_for_link(token)
    except links.LinkInvalid as refused:
        return link_refused(request, refused)
    return page(
        request,
        report_request,
        actor=report_request.author,
        template_context=_link_context(request, token),
        done_url=done_url,
    )


@require_http_methods(["GET", "POST"])
def submit_link(request, token: str):
    """The author's cover sheet through the signed link of their request e-mail."""
    return _by_link(request, token, _write, done_url=request.path)


@require_http_methods(["GET", "POST"])
def submit_link_upload(request, token: str):
    done_url = reverse("reports:submit_link", kwargs={"token": token})
    return _by_link(request, token, _upload, done_url=done_url)


@login_required
@second_factor_first
@require_safe
def submission_download(request, pk: int, version: int, filename: str):
    """An earlier (or the current) version of a report, for the officers and the author."""
    submission = selectors.submission_for_viewer(request.user, pk, version)
    if filename != submission.filename:
        raise Http404
    try:
        handle = documents_storage().open(submission.stored_name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=submission.content_type,
        as_attachment=submission.content_type != "application/pdf",
        filename=submission.filename,
    )
    return no_store(response)
