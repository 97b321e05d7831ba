"""Subgroup updates: the update's page and PDF, and writing or uploading it, signed in or
through the lead's signed link."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from cspboard.boards.access import second_factor_first

from .. import links, selectors, services
from ..contributions import subgroup_actions
from ..forms import SubgroupUpdateForm, SubgroupUploadForm
from ..rendering import appendix_lines, subgroup_update_pdf, text_html
from .shared import form_page, form_saved, link_refused, local_today, person_of, upload_fields


@require_safe
def subgroup_update(request, slug: str, date: datetime.date, subgroup: str):
    page = selectors.subgroup_update_for_viewer(request.user, slug, date, subgroup, local_today())
    update = page.update
    sections = {name: text_html(getattr(update, name)) for name in services.TEMPLATE_FIELDS}
    response = render(
        request,
        "reports/subgroup_update.html",
        {
            "page": page,
            "sections": sections,
            "appendices": appendix_lines(update.appendices),
            "led_actions": subgroup_actions(page.subgroup, as_at=page.meeting.agenda_published_on),
        },
    )
    if request.user.is_authenticated or page.update.is_marked_withheld or page.withheld:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def subgroup_update_download(request, slug: str, date: datetime.date, subgroup: str):
    page = selectors.subgroup_update_for_viewer(request.user, slug, date, subgroup, local_today())
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
            "today": local_today(),
            "by": request.user,
            "by_person": by_person,
        }
        if upload:
            services.subgroup_update_upload(**common, **upload_fields(data))
        else:
            services.subgroup_update_save(**common, **data)
        return saved()

    if (done := form_saved(request, form, save)) is not None:
        return done
    template = "subgroup_update_upload" if upload else "subgroup_update_form"
    led_actions = subgroup_actions(page.subgroup)
    return form_page(
        request,
        f"reports/{template}.html",
        {"page": page, "form": form, "led_actions": led_actions, **urls},
    )


def _update_signed_in(request, slug: str, date: datetime.date, subgroup: str, *, upload: bool):
    page = selectors.subgroup_update_for_writer(request.user, slug, date, subgroup, local_today())
    return _update_form(
        request,
        page,
        upload=upload,
        by_person=person_of(request.user),
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
        found = links.update_for_link(token, local_today())
    except links.LinkInvalid as refused:
        return link_refused(request, refused)
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
