"""Pages for report requests, their submission, the officers' "reports due" and the subgroups'
update reports. Views parse input, call a selector or a service, and render."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cspboard.boards.access import access_for, second_factor_first
from cspboard.boards.selectors import board_for_officer
from cspboard.core.exceptions import NotAllowed
from cspboard.documents.models import documents_storage
from cspboard.meetings.permissions import can_request_reports
from cspboard.meetings.selectors import item_for_officer

from . import deadlines, links, selectors, services
from .forms import (
    CoverSheetForm,
    RequestForm,
    SettingsForm,
    SubgroupUpdateForm,
    SubgroupUploadForm,
    UploadForm,
)
from .rendering import appendix_lines, subgroup_update_pdf, text_html


def _no_store(response):
    """Never cached; a signed address never leaves for another site in a Referer header."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def _person(user):
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except ObjectDoesNotExist:
        return None


def _today() -> datetime.date:
    return timezone.localdate()


def _saved(request, form, save):
    """Hands a valid POSTed form's data to `save`, which calls the service and returns the
    message to show and where to go next: the redirect there. None when the form was not
    posted, is not valid, or the service refused (its reasons are then on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        message, url = save(form.cleaned_data)
    except ValidationError as error:
        form.add_service_errors(error)
    except NotAllowed as error:
        form.add_error(None, str(error))
    else:
        messages.success(request, message)
        return redirect(url)
    return None


def _form_page(request, template: str, context: dict):
    """A page with `context["form"]`: 400 when the form has errors; never cached."""
    status = 400 if context["form"].errors else 200
    return _no_store(render(request, template, context, status=status))


# Lists ------------------------------------------------------------------------------------------


@login_required
@second_factor_first
@require_safe
def reports_due(request):
    page = selectors.reports_due_for_user(request.user, _today())
    return _no_store(render(request, "reports/reports_due.html", {"page": page}))


@login_required
@second_factor_first
@require_safe
def my_reports(request):
    today = _today()
    mine = selectors.my_reports(request.user, today)
    return _no_store(render(request, "reports/my_reports.html", {"mine": mine, "today": today}))


# Requesting -------------------------------------------------------------------------------------


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def request_create(request, item_id: int):
    """An officer asks someone for an item's report, by a deadline the board's rule suggests."""
    item = item_for_officer(request.user, item_id)
    meeting = item.meeting
    existing = selectors.open_request_for_item(item)
    if existing is not None:
        messages.success(request, "A report has already been requested for this item.")
        return redirect(existing.get_absolute_url())
    query = request.GET.get("q", "")
    people = selectors.people_to_ask(query)
    suggested = selectors.default_deadline(meeting)
    presenter = item.presenters.first()
    form = RequestForm(
        request.POST or None,
        people=people,
        initial={"deadline": suggested, "author": presenter.pk if presenter else None},
    )

    def save(data):
        report_request = services.report_request_create(
            item=item,
            author=data["author"],
            deadline=data["deadline"],
            note=data["note"],
            today=_today(),
            by=request.user,
        )
        message = f"Report requested from {report_request.author.display_name}."
        return message, report_request.get_absolute_url()

    if (done := _saved(request, form, save)) is not None:
        return done
    return _request_form_page(
        request,
        form,
        item,
        query=query,
        suggested=suggested,
        matches=len(people) if query else None,
    )


def _request_form_page(request, form, item, *, query, suggested, matches, report_request=None):
    """The form asking for a report (`report_request` None) or changing the request."""
    meeting = item.meeting
    return _form_page(
        request,
        "reports/request_form.html",
        {
            "form": form,
            "item": item,
            "meeting": meeting,
            "query": query,
            "suggested": suggested,
            "publication": deadlines.publication_date(meeting),
            "settings": selectors.report_settings_for(meeting.board),
            "report_request": report_request,
            "matches": matches,
        },
    )


@login_required
@second_factor_first
@require_safe
def request_detail(request, pk: int):
    report_request = selectors.request_for_user(request.user, pk)
    is_officer = can_request_reports(access_for(request.user), report_request.item.meeting)
    author = report_request.author
    show_link = (
        is_officer
        and report_request.status == "requested"
        and not (author.user_id and author.user.is_active)
    )
    return _no_store(
        render(
            request,
            "reports/request_detail.html",
            {
                "report_request": report_request,
                "item": report_request.item,
                "meeting": report_request.item.meeting,
                "submissions": selectors.submissions_of(report_request),
                "is_officer": is_officer,
                "overdue": report_request.is_overdue(_today()),
                "can_submit": report_request.is_open
                and report_request.item.meeting.date >= _today(),
                "link": links.report_link_url(report_request) if show_link else "",
                "has_address": bool(_address(author)),
            },
        )
    )


def _address(person) -> str:
    from .notifications import address_of

    return address_of(person)


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def request_change(request, pk: int):
    report_request = selectors.request_for_officer(request.user, pk)
    query = request.GET.get("q", "")
    people = selectors.people_to_ask(query)
    form = RequestForm(
        request.POST or None,
        people=people,
        initial={
            "author": report_request.author_id,
            "deadline": report_request.deadline,
            "note": report_request.note,
        },
    )

    def save(data):
        services.report_request_change(
            request=report_request,
            author=data["author"],
            deadline=data["deadline"],
            note=data["note"],
            today=_today(),
            by=request.user,
        )
        return "The request is changed.", report_request.get_absolute_url()

    if (done := _saved(request, form, save)) is not None:
        return done
    return _request_form_page(
        request,
        form,
        report_request.item,
        query=query,
        suggested=selectors.default_deadline(report_request.item.meeting),
        matches=len(people) if query else None,
        report_request=report_request,
    )


@login_required
@second_factor_first
@require_POST
def request_withdraw(request, pk: int):
    report_request = selectors.request_for_officer(request.user, pk)
    try:
        services.report_request_withdraw(request=report_request, by=request.user)
    except NotAllowed as error:
        messages.error(request, str(error))
        return redirect(report_request.get_absolute_url())
    messages.success(request, "The request is withdrawn.")
    return redirect("reports:reports_due")


# Submitting -------------------------------------------------------------------------------------


def _cover_sheet_initial(report_request) -> dict:
    item, author = report_request.item, report_request.author
    title = f", {author.post_title}" if author.post_title else ""
    return {
        "subject": item.title,
        "report_date": item.meeting.date,
        "author_text": f"{author.display_name}{title}",
        "contact": _address(author),
        "security_marking": item.security_marking,
        "schedule_12a_paragraph": item.schedule_12a_paragraph,
    }


SUBMITTED = "Your report is submitted. Thank you."


def _upload_fields(data: dict) -> dict:
    """An upload form's file, title and marking, as the upload services take them."""
    return {
        "upload": data["file"],
        "title": data["title"],
        "security_marking": data["security_marking"],
        "schedule_12a_paragraph": data["schedule_12a_paragraph"],
    }


def _write(request, report_request, *, actor, template_context, done_url):
    """The cover-sheet form, for the signed-in author or officer and for the signed link."""
    form = CoverSheetForm(request.POST or None, initial=_cover_sheet_initial(report_request))

    def save(data):
        services.report_submit_form(
            request=report_request, today=_today(), by=request.user, by_person=actor, **data
        )
        return SUBMITTED, done_url

    if (done := _saved(request, form, save)) is not None:
        return done
    return _form_page(
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
            today=_today(),
            by=request.user,
            by_person=actor,
            **_upload_fields(data),
        )
        return SUBMITTED, done_url

    if (done := _saved(request, form, save)) is not None:
        return done
    return _form_page(
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
        actor=_person(request.user),
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


def _link_refused(request, refused: links.LinkInvalid):
    """The page for a link that has expired (410) or is not valid (404); it says nothing of what
    the link was for."""
    expired = isinstance(refused, links.LinkExpired)
    status = 410 if expired else 404
    refusal = render(request, "reports/link_invalid.html", {"expired": expired}, status=status)
    return _no_store(refusal)


def _by_link(request, token: str, page, *, done_url: str):
    """`page` (`_write` or `_upload`) for the author, through the signed link of their request
    e-mail; a link that has expired or is not valid gets a page saying so."""
    try:
        report_request = links.request_for_link(token)
    except links.LinkInvalid as refused:
        return _link_refused(request, refused)
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
    submission = selectors.submission_for_user(request.user, pk, version)
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
    return _no_store(response)


# Settings ---------------------------------------------------------------------------------------


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def report_settings(request, slug: str):
    board = board_for_officer(request.user, slug)
    current = selectors.report_settings_for(board)
    subgroups = board.subgroups.order_by("name")
    form = SettingsForm(
        request.POST or None,
        subgroups=subgroups,
        initial={
            "deadline_working_days": current.deadline_working_days,
            "reminder_working_days": current.reminder_working_days,
            "reporting": list(selectors.reporting_subgroups(board)),
        },
    )

    def save(data):
        services.report_settings_save(
            board=board,
            deadline_working_days=data["deadline_working_days"],
            reminder_working_days=data["reminder_working_days"],
            by=request.user,
        )
        services.subgroups_reporting_set(
            board=board, reporting=list(data["reporting"]), by=request.user
        )
        return f"Report deadlines saved for the {board.name}.", "reports:reports_due"

    if (done := _saved(request, form, save)) is not None:
        return done
    return _form_page(
        request,
        "reports/report_settings.html",
        {"board": board, "form": form, "has_subgroups": subgroups.exists()},
    )


# Subgroup updates -------------------------------------------------------------------------------


@require_safe
def subgroup_update(request, slug: str, date: datetime.date, subgroup: str):
    page = selectors.subgroup_update_for_user(request.user, slug, date, subgroup, _today())
    update = page.update
    sections = {name: text_html(getattr(update, name)) for name in services.TEMPLATE_FIELDS}
    response = render(
        request,
        "reports/subgroup_update.html",
        {"page": page, "sections": sections, "appendices": appendix_lines(update.appendices)},
    )
    if request.user.is_authenticated or page.update.is_marked_withheld or page.withheld:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def subgroup_update_download(request, slug: str, date: datetime.date, subgroup: str):
    page = selectors.subgroup_update_for_user(request.user, slug, date, subgroup, _today())
    if page.update.is_upload:
        return redirect(page.update.document.get_absolute_url())
    response = HttpResponse(subgroup_update_pdf(page.update), content_type="application/pdf")
    name = f"{page.meeting.date:%Y-%m-%d}-{page.subgroup.slug}-update.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    if request.user.is_authenticated or page.update.is_marked_withheld or page.withheld:
        response["Cache-Control"] = "private, no-store"
    return response


def _update_saved(page) -> tuple[str, str]:
    """What a subgroup update's writer is told, and where they go, once it is saved."""
    url = page.meeting.get_absolute_url() + "#subgroup-updates"
    return f"The {page.subgroup.name} update is saved.", url


def _update_initial(page) -> dict:
    update = page.update
    if update is not None and not update.is_upload:
        return {
            name: getattr(update, name)
            for name in SubgroupUpdateForm.base_fields
            if hasattr(update, name)
        }
    return {
        "title": selectors.default_update_title(page.subgroup),
        "report_date": page.meeting.date,
        "security_marking": update.security_marking if update else "UNPROTECTED",
        "schedule_12a_paragraph": update.schedule_12a_paragraph if update else None,
    }


def _update_urls(page) -> dict:
    args = (page.meeting.board.slug, page.meeting.date, page.subgroup.slug)
    return {
        "back_url": page.meeting.get_absolute_url() + "#subgroup-updates",
        "write_url": reverse("reports:subgroup_update_write", args=args),
        "upload_url": reverse("reports:subgroup_update_upload", args=args),
    }


def _update_form(request, page, *, upload: bool, by_person, urls: dict, saved):
    """A subgroup update's form (or its upload) for `page`, written as `by_person`; `saved()`
    gives the message and where to go once it is saved. Signed-in writers and the lead's
    signed link share it."""
    if upload:
        initial = {"title": selectors.default_update_title(page.subgroup)}
        form = SubgroupUploadForm(request.POST or None, request.FILES or None, initial=initial)
    else:
        form = SubgroupUpdateForm(request.POST or None, initial=_update_initial(page))

    def save(data):
        common = {
            "meeting": page.meeting,
            "subgroup": page.subgroup,
            "today": _today(),
            "by": request.user,
            "by_person": by_person,
        }
        if upload:
            services.subgroup_update_upload(**common, **_upload_fields(data))
        else:
            services.subgroup_update_save(**common, **data)
        return saved()

    if (done := _saved(request, form, save)) is not None:
        return done
    template = "subgroup_update_upload" if upload else "subgroup_update_form"
    return _form_page(request, f"reports/{template}.html", {"page": page, "form": form, **urls})


def _update_signed_in(request, slug: str, date: datetime.date, subgroup: str, *, upload: bool):
    page = selectors.subgroup_update_for_writer(request.user, slug, date, subgroup, _today())
    return _update_form(
        request,
        page,
        upload=upload,
        by_person=_person(request.user),
        urls=_update_urls(page),
        saved=lambda: _update_saved(page),
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def subgroup_update_write(request, slug: str, date: datetime.date, subgroup: str):
    return _update_signed_in(request, slug, date, subgroup, upload=False)


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def subgroup_update_upload(request, slug: str, date: datetime.date, subgroup: str):
    return _update_signed_in(request, slug, date, subgroup, upload=True)


# A subgroup update through the lead's signed link -----------------------------------------------


def _update_link_urls(token: str) -> dict:
    return {
        "by_link": True,
        "back_url": "",
        "write_url": reverse("reports:update_link", kwargs={"token": token}),
        "upload_url": reverse("reports:update_link_upload", kwargs={"token": token}),
    }


def _update_by_link(request, token: str, *, upload: bool):
    """The update's form, or its upload, for the lead through the signed link of their reminder
    e-mail; written as that lead. Back to the form once saved: the meeting's page may not be
    public yet."""
    try:
        found = links.update_for_link(token, _today())
    except links.LinkInvalid as refused:
        return _link_refused(request, refused)
    urls = _update_link_urls(token)
    return _update_form(
        request,
        found.page,
        upload=upload,
        by_person=found.lead,
        urls=urls,
        saved=lambda: (f"The {found.page.subgroup.name} update is saved.", urls["write_url"]),
    )


@require_http_methods(["GET", "POST"])
def update_link(request, token: str):
    return _update_by_link(request, token, upload=False)


@require_http_methods(["GET", "POST"])
def update_link_upload(request, token: str):
    return _update_by_link(request, token, upload=True)
