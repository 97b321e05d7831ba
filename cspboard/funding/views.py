"""Funded services pages: the officers' funding page of a board and their forms, an award's
page, the public list of funded services, and the provider's return by signed link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cspboard.boards.access import second_factor_first
from cspboard.boards.selectors import board_for_officer
from cspboard.core.exceptions import NotAllowed

from . import links, selectors, services
from .forms import (
    AmountForm,
    AwardForm,
    MeasureForm,
    ReturnForm,
    ReturnRequestForm,
    ReviewForm,
    StreamForm,
)
from .models import financial_year_of


def no_store(response):
    """Never cached; a signed address never leaves for another site in a Referer header."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def _form_page(request, template: str, context: dict):
    status = 400 if context["form"].errors else 200
    return no_store(render(request, template, context, status=status))


def _saved(request, form, save):
    """A valid POSTed form's data to `save` (which calls the service and returns the message
    and where to go): the redirect there; None when not posted, not valid, or refused."""
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


def _year(request) -> int | None:
    """The financial year asked for (`?year=2023`); None when absent or not a year."""
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


# Officers' pages --------------------------------------------------------------------------------


@login_required
@second_factor_first
@require_safe
def funding_board(request, slug: str):
    page = selectors.funding_page_for_officer(
        request.user, slug, timezone.localdate(), _year(request)
    )
    return no_store(render(request, "funding/funding_board.html", {"page": page}))


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def stream_create(request, slug: str):
    board = board_for_officer(request.user, slug)
    form = StreamForm(request.POST or None, initial={"kind": "core_fund"})

    def save(data):
        stream = services.funding_stream_create(board=board, **data, by=request.user)
        return f"{stream.name} added.", reverse("funding:funding_board", args=[board.slug])

    if (done := _saved(request, form, save)) is not None:
        return done
    return _form_page(request, "funding/stream_form.html", {"form": form, "board": board})


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def award_create(request, slug: str):
    board = board_for_officer(request.user, slug)
    streams = selectors.stream_choices(board)
    form = AwardForm(request.POST or None, streams=streams, initial={"status": "proposed"})

    def save(data):
        award = services.award_create(**data, by=request.user)
        return f"{award.service_name} added.", award.get_absolute_url()

    if (done := _saved(request, form, save)) is not None:
        return done
    context = {"form": form, "board": board, "no_streams": not streams.exists()}
    return _form_page(request, "funding/award_form.html", context)


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def award_edit(request, slug: str, pk: int):
    award = selectors.award_for_officer(request.user, slug, pk)
    board = award.stream.board
    fields = services.AWARD_FIELDS
    initial = {name: getattr(award, name) for name in fields}
    form = AwardForm(request.POST or None, streams=selectors.stream_choices(board), initial=initial)

    def save(data):
        changes = {name: data[name] for name in fields}
        services.award_update(award=award, **changes, by=request.user)
        return "The award's details were saved.", award.get_absolute_url()

    if (done := _saved(request, form, save)) is not None:
        return done
    return _form_page(
        request, "funding/award_form.html", {"form": form, "board": board, "award": award}
    )


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def amount_set(request, slug: str, pk: int):
    award = selectors.award_for_officer(request.user, slug, pk)
    form = AmountForm(
        request.POST or None, initial={"financial_year": financial_year_of(timezone.localdate())}
    )

    def save(data):
        row = services.award_amount_set(award=award, **data, by=request.user)
        return f"Amount for {row.year_label} saved.", award.get_absolute_url()

    if (done := _saved(request, form, save)) is not None:
        return done
    return _form_page(request, "funding/amount_form.html", {"form": form, "award": award})


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def measure_add(request, slug: str, pk: int):
    award = selectors.award_for_officer(request.user, slug, pk)
    form = MeasureForm(request.POST or None, initial={"kind": "output"})

    def save(data):
        measure = services.measure_add(award=award, **data, by=request.user)
        return f"Measure “{measure.name}” added.", award.get_absolute_url()

    if (done := _saved(request, form, save)) is not None:
        return done
    return _form_page(request, "funding/measure_form.html", {"form": form, "award": award})


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def return_request(request, slug: str, pk: int):
    award = selectors.award_for_officer(request.user, slug, pk)
    today = timezone.localdate()
    form = ReturnRequestForm(
        request.POST or None, initial={"financial_year": financial_year_of(today)}
    )

    def save(data):
        quarterly_return = services.return_request(
            award=award, **data, today=today, by=request.user
        )
        sent = quarterly_return.notices.exists()
        told = (
            f"The request was e-mailed to {award.contact_email}."
            if sent
            else "No e-mail was sent: the award has no contact address. Send the provider the "
            "link shown on the return's page."
        )
        return f"{quarterly_return.period_label} return requested. {told}", (
            quarterly_return.get_absolute_url()
        )

    if (done := _saved(request, form, save)) is not None:
        return done
    return _form_page(request, "funding/return_request_form.html", {"form": form, "award": award})


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def return_review(request, slug: str, pk: int):
    quarterly_return = selectors.return_for_officer(request.user, slug, pk)
    form = ReviewForm(request.POST or None)

    def save(data):
        done = services.return_review(
            quarterly_return=quarterly_return,
            accept=data["decision"] == "accept",
            comment=data["comment"],
            by=request.user,
        )
        if data["decision"] == "accept":
            message = f"{done.period_label} return accepted."
        elif done.notices.filter(kind="returned").exists():
            message = f"{done.period_label} return sent back; the provider was e-mailed."
        else:
            message = (
                f"{done.period_label} return sent back. No e-mail was sent: the award has no "
                "contact address."
            )
        return message, done.get_absolute_url()

    if (done := _saved(request, form, save)) is not None:
        return done
    context = {
        "form": form,
        "return": quarterly_return,
        "award": quarterly_return.award,
        "link": links.return_link_url(quarterly_return) if quarterly_return.is_open else "",
    }
    return _form_page(request, "funding/return_review.html", context)


# Everyone's pages -------------------------------------------------------------------------------


@require_safe
def award_detail(request, slug: str, pk: int):
    page = selectors.award_for_viewer(request.user, slug, pk)
    response = render(request, "funding/award_detail.html", {"page": page, "award": page.award})
    return no_store(response)


@require_safe
def funded_services(request, slug: str):
    page = selectors.funded_services(request.user, slug, timezone.localdate(), _year(request))
    return no_store(render(request, "funding/funded_services.html", {"page": page}))


# The provider's link ----------------------------------------------------------------------------


def _link_refused(request, refused: links.LinkInvalid):
    """An expired link (410) or one not valid (404): the page says nothing of what it was for."""
    expired = isinstance(refused, links.LinkExpired)
    status = 410 if expired else 404
    return no_store(
        render(request, "funding/link_invalid.html", {"expired": expired}, status=status)
    )


@require_http_methods(["GET", "POST"])
def return_link(request, token: str):
    try:
        quarterly_return = links.return_for_link(token)
    except links.LinkInvalid as refused:
        return _link_refused(request, refused)
    award = quarterly_return.award
    measures = list(award.measures.all())
    if not quarterly_return.is_open:
        return no_store(
            render(
                request, "funding/return_sent.html", {"return": quarterly_return, "award": award}
            )
        )
    initial = {
        "spend": quarterly_return.spend if quarterly_return.spend is not None else "",
        "progress": quarterly_return.progress,
        "challenges": quarterly_return.challenges,
        "case_study": quarterly_return.case_study,
        "submitted_by": quarterly_return.submitted_by,
    }
    for figure in quarterly_return.figures.all():
        initial[f"m{figure.measure_id}"] = figure.value
    form = ReturnForm(request.POST or None, measures=measures, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.return_submit(
                quarterly_return=quarterly_return,
                figures={m.pk: data[f"m{m.pk}"].strip() for m in measures},
                spend=data["spend"].strip(),
                progress=data["progress"],
                challenges=data["challenges"],
                case_study=data["case_study"],
                submitted_by=data["submitted_by"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your return has been sent to the board's officer.")
            return redirect(request.path)
    context = {"form": form, "return": quarterly_return, "award": award}
    return _form_page(request, "funding/return_form.html", context)
