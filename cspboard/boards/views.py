from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cspboard.core import mail
from cspboard.core.cache import cached_fragment, cached_public_page, cached_record
from cspboard.core.choices import EmailStatus

from .access import access_for, can_manage_board, second_factor_first
from .contributions import board_alternates
from .forms import ChairHandOverForm, MembershipAddForm, MembershipEndForm, SharingAgreementForm
from .outbox import outbox_email_for_user, outbox_for_user
from .selectors import (
    board_for_officer,
    board_get,
    board_page,
    boards_all,
    members_page_for_officer,
    membership_for_officer,
    membership_history_for_officer,
    sharing_agreement_for_officer,
)
from .services import (
    board_hand_over_chair,
    membership_add,
    membership_add_new_person,
    membership_end,
    sharing_agreement_set,
)


@require_safe
def board_list(request):
    # Each board's number of meetings: kept under all the boards' generations.
    return cached_public_page(
        request,
        "boards",
        lambda: render(request, "boards/board_list.html", {"boards": boards_all()}),
        every_board=True,
    )


@require_safe
def board_detail(request, slug: str):
    if request.user.is_authenticated:
        return _board_detail(request, slug)
    return cached_public_page(
        request, f"board:{slug}", lambda: _board_detail(request, slug), board_slug=slug
    )


def _board_detail(request, slug: str):
    """The body is the same for every reader but for the officers' link (and a link's words
    for those signed in): kept once for each, the header drawn for this reader."""
    board = cached_record(request, f"board:{slug}", lambda: board_get(slug), board_slug=slug)
    can_manage = can_manage_board(access_for(request.user), board)
    signed_in = request.user.is_authenticated

    def body() -> str:
        # Without the request's context processors: nothing of this reader's gets in.
        return render_to_string(
            "boards/includes/_board_body.html",
            {
                "page": board_page(slug, user=request.user),
                "signed_in": signed_in,
                "COUNCIL_NAME": settings.COUNCIL_NAME,
            },
        )

    html = cached_fragment(
        f"board-body:{board.pk}:s{signed_in:d}:m{can_manage:d}",
        body,
        board_id=board.pk,
        request=request,
    )
    return render(
        request,
        "boards/board_detail.html",
        {"board": board, "body": html, "alternates": board_alternates(board)},
    )


# Officers' pages: anonymous visitors are sent to sign in, anyone but the board's officers gets
# 404 (from the selectors), and nothing is cached.


def officer_page(view):
    return login_required(second_factor_first(never_cache(view)))


def _members_url(board) -> str:
    return reverse("boards:membership_list", kwargs={"slug": board.slug})


def _form_page(request, template: str, form, **context):
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


@officer_page
@require_safe
def membership_list(request, slug: str):
    return render(
        request,
        "boards/membership_list.html",
        {"page": members_page_for_officer(request.user, slug)},
    )


@officer_page
@require_http_methods(["GET", "POST"])
def membership_add_view(request, slug: str):
    board = board_for_officer(request.user, slug)
    form = MembershipAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        joining = {
            "board": board,
            "role": data["role"],
            "start": data["start"],
            "note": data["note"],
        }
        try:
            if data["person"] is not None:
                membership = membership_add(person=data["person"], by=request.user, **joining)
            else:
                membership = membership_add_new_person(
                    name=data["name"],
                    post_title=data["post_title"],
                    organisation=data["organisation"],
                    email=data["email"],
                    by=request.user,
                    **joining,
                )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                f"{membership.person.display_name} added as "
                f"{membership.get_role_display().lower()} from {membership.start:%-d %B %Y}",
            )
            return redirect(_members_url(board))
    return _form_page(request, "boards/membership_form.html", form, board=board)


@officer_page
@require_http_methods(["GET", "POST"])
def membership_end_view(request, slug: str, pk: int):
    membership = membership_for_officer(request.user, slug, pk)
    form = MembershipEndForm(request.POST or None, initial={"end": membership.end})
    if request.method == "POST" and form.is_valid():
        try:
            membership_end(membership=membership, end=form.cleaned_data["end"], by=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                f"{membership.person.display_name}'s membership as "
                f"{membership.get_role_display().lower()} ends on {membership.end:%-d %B %Y}",
            )
            return redirect(_members_url(membership.board))
    return _form_page(
        request,
        "boards/membership_end_form.html",
        form,
        membership=membership,
        board=membership.board,
    )


@officer_page
@require_http_methods(["GET", "POST"])
def chair_hand_over_view(request, slug: str):
    page = members_page_for_officer(request.user, slug)
    form = ChairHandOverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = board_hand_over_chair(
                board=page.board,
                new_chair=data["new_chair"],
                from_date=data["from_date"],
                outgoing_stays_as_member=data["outgoing"] == "stays",
                by=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                f"{membership.person.display_name} chairs the board from "
                f"{membership.start:%-d %B %Y}",
            )
            return redirect(_members_url(page.board))
    return _form_page(
        request, "boards/chair_handover_form.html", form, board=page.board, chair=page.chair
    )


@officer_page
@require_http_methods(["GET", "POST"])
def sharing_agreement_view(request, slug: str, organisation_slug: str):
    board, organisation, agreement = sharing_agreement_for_officer(
        request.user, slug, organisation_slug
    )
    initial = {"status": "not_sent"}
    if agreement is not None:
        initial = {
            name: getattr(agreement, name)
            for name in ("status", "sent_on", "signed_on", "returned_on", "note")
        }
    form = SharingAgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = sharing_agreement_set(
                board=board, organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                f"{organisation.name}'s information sharing agreement: "
                f"{agreement.get_status_display().lower()}",
            )
            return redirect(_members_url(board) + "#sharing-agreements")
    return _form_page(
        request,
        "boards/sharingagreement_form.html",
        form,
        board=board,
        organisation=organisation,
    )


@officer_page
@require_safe
def membership_history(request, slug: str):
    board, rows = membership_history_for_officer(request.user, slug)
    return render(request, "boards/membership_history.html", {"board": board, "rows": rows})


# The officers' e-mails page: the outbox (core.mail) for their boards -------------------------


@login_required
@second_factor_first
@require_safe
def outbox(request):
    """E-mails that have not gone: failed ones with their error and a button to try again, and
    those waiting. Officers see their boards' e-mail; site administrators and staff see all."""
    emails = outbox_for_user(request.user)
    response = render(
        request,
        "core/outbox.html",
        {
            "emails": emails,
            "failed": [e for e in emails if e.status == EmailStatus.FAILED],
            "waiting": [e for e in emails if e.status != EmailStatus.FAILED],
            "max_attempts": mail.max_attempts(),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@second_factor_first
@require_POST
def outbox_retry(request, pk: int):
    """Try an e-mail again now (its attempts counted afresh)."""
    email = outbox_email_for_user(request.user, pk)
    mail.email_retry(email=email)
    messages.success(request, f"The e-mail to {email.recipients} is queued to send again.")
    return redirect("outbox")
