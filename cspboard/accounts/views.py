"""Signing in with a second factor; setting up an authenticator app through a one-time link
(never with a password alone); setting a password from an officer's invitation; an officer's
or administrator's reset of a lost second factor."""

from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import (
    INTERNAL_RESET_SESSION_TOKEN,
    LoginView,
    PasswordResetConfirmView,
    redirect_to_login,
)
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from cspboard.boards.access import (
    access_for,
    forget_access,
    second_factor_first,
    second_factor_pending,
    two_factor_url,
)
from cspboard.boards.models import Membership
from cspboard.boards.selectors import person_for_officer
from cspboard.core.exceptions import NotAllowed

from .forms import InvitationPasswordForm, TokenForm
from .selectors import enrolment_in_progress, enrolment_link_recently_sent, totp_is_set_up
from .services import (
    TooManyAttempts,
    account_invite,
    account_set_password,
    second_factor_enrolment_from_invitation,
    second_factor_link_claim,
    second_factor_link_send,
    second_factor_reset,
    totp_device_confirm,
    totp_device_for_setup,
    totp_secret_text,
    totp_verify,
)

WRONG_CODE = "The code is not correct"
# The set-up link's token, between opening the link and signing in (kept out of the address bar,
# as Django does for password-reset links), and the enrolment this session claimed with it.
LINK_TOKEN_SESSION_KEY = "accounts_enrolment_token"  # noqa: S105 (a session key's name)
ENROLMENT_SESSION_KEY = "accounts_enrolment"


def _next_url(request, default: str = "") -> str:
    """Where to go afterwards: `next` if it is on this site, else the default or home."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default or resolve_url(settings.LOGIN_REDIRECT_URL)


class SignInView(LoginView):
    """Django's sign-in; afterwards, anyone whose roles reach withheld material is asked for
    their second factor (they are signed in, but see no withheld material until they give it)."""

    redirect_authenticated_user = True

    def get_success_url(self):
        url = super().get_success_url()
        if second_factor_pending(self.request.user):
            return two_factor_url(url)
        return url


def _signed_in_with_device(request, device, next_url):
    django_otp.login(request, device)
    forget_access(request.user)
    return redirect(next_url)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    next_url = _next_url(request)
    if not second_factor_pending(request.user):
        return redirect(next_url)
    if not totp_is_set_up(request.user):
        if request.session.get(LINK_TOKEN_SESSION_KEY):
            return redirect("accounts:two_factor_link_continue")
        return redirect(f"{reverse('accounts:two_factor_setup')}?{urlencode({'next': next_url})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = totp_verify(user=request.user, token=form.cleaned_data["token"])
        except TooManyAttempts as error:
            form.add_error("token", str(error))
        else:
            if device is not None:
                return _signed_in_with_device(request, device, next_url)
            form.add_error("token", WRONG_CODE)
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": next_url, "issuer": settings.OTP_TOTP_ISSUER},
        status=400 if form.errors else 200,
    )


def _needs_link(request, next_url: str, status: int = 403):
    """A password alone never sets up an authenticator app: say how to get the link."""
    return render(
        request,
        "accounts/two_factor_needs_link.html",
        {
            "next": next_url,
            "recently_sent": enrolment_link_recently_sent(request.user),
            "link_hours": settings.SECOND_FACTOR_LINK_HOURS,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    next_url = _next_url(request)
    if not second_factor_pending(request.user):
        return redirect(next_url)
    if totp_is_set_up(request.user):
        return redirect(two_factor_url(next_url))
    enrolment = enrolment_in_progress(request.user, request.session.get(ENROLMENT_SESSION_KEY))
    if enrolment is None:
        return _needs_link(request, next_url)
    try:
        device = totp_device_for_setup(user=request.user, enrolment=enrolment)
    except NotAllowed:
        return redirect(two_factor_url(next_url))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = totp_device_confirm(
                device=device, token=form.cleaned_data["token"], enrolment=enrolment
            )
        except TooManyAttempts as error:
            form.add_error("token", str(error))
        else:
            if confirmed is not None:
                request.session.pop(ENROLMENT_SESSION_KEY, None)
                messages.success(request, "Your authenticator app is set up.")
                return _signed_in_with_device(request, confirmed, next_url)
            form.add_error("token", WRONG_CODE)
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": qr.svg_inline(
                scale=5, border=4, title="QR code to scan with your authenticator app"
            ),
            "secret": totp_secret_text(device),
            "issuer": settings.OTP_TOTP_ISSUER,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
def two_factor_link(request, token: str):
    """The e-mailed set-up link: its token moves into the session (out of the address bar and
    any Referer) and the link is used up only once its owner is signed in, so a mail scanner
    that follows links cannot spend it."""
    request.session[LINK_TOKEN_SESSION_KEY] = token
    return redirect("accounts:two_factor_link_continue")


@require_http_methods(["GET"])
def two_factor_link_continue(request):
    token = request.session.get(LINK_TOKEN_SESSION_KEY)
    if not token:
        return render(request, "accounts/two_factor_link_failed.html", status=404)
    if not request.user.is_authenticated:
        # The password as well as the e-mail: a session keeps its data through signing in.
        return redirect_to_login(request.get_full_path())
    try:
        enrolment = second_factor_link_claim(token=token, user=request.user)
    except NotAllowed as error:
        request.session.pop(LINK_TOKEN_SESSION_KEY, None)
        return render(
            request,
            "accounts/two_factor_link_failed.html",
            {"problem": str(error)},
            status=404,
        )
    request.session.pop(LINK_TOKEN_SESSION_KEY, None)
    request.session[ENROLMENT_SESSION_KEY] = enrolment.pk
    return redirect("accounts:two_factor_setup")


@login_required
@require_POST
def two_factor_link_request(request):
    """Someone signed in with a password who has no authenticator app yet asks for a set-up
    link: it goes to their own e-mail address, never to this page."""
    user = request.user
    if not second_factor_pending(user) or totp_is_set_up(user):
        return redirect(two_factor_url(_next_url(request)))
    if enrolment_link_recently_sent(user) is None:
        try:
            second_factor_link_send(user=user, by=user)
        except NotAllowed as error:
            messages.error(request, str(error))
            return redirect("accounts:two_factor_setup")
    messages.success(request, f"A link is on its way to {user.email}")
    return redirect("accounts:two_factor_setup")


def _board_for(user, person) -> int | None:
    """The board under which the officers' e-mails page lists an e-mail about this person:
    one of the person's current boards that the user is an officer of."""
    access = access_for(user)
    current = Membership.objects.current().filter(person=person)
    board_ids = current.values_list("board_id", flat=True)
    return next((b for b in sorted(board_ids) if access.is_officer(b)), None)


@login_required
@second_factor_first
@require_POST
def two_factor_reset(request, slug: str):
    """An officer of the person's board (or a site administrator) resets their lost second
    factor: the devices go and the person is e-mailed a new set-up link."""
    person = person_for_officer(request.user, slug, include_past=False)
    next_url = _next_url(request, default=person.get_absolute_url())
    if person.user is None:
        raise Http404
    try:
        second_factor_reset(
            user=person.user, by=request.user, board_id=_board_for(request.user, person)
        )
    except NotAllowed as error:
        problems = [str(error)]
    else:
        messages.success(
            request,
            f"{person.display_name}'s second factor is reset. An e-mail to "
            f"{person.user.email} with a link to set up a new authenticator app is queued to "
            "send",
        )
        return redirect(next_url)
    return render(
        request,
        "accounts/invitation_failed.html",
        {
            "person": person,
            "problems": problems,
            "back": next_url,
            "heading": f"{person.display_name}'s second factor was not reset",
        },
        status=400,
    )


class InvitationView(PasswordResetConfirmView):
    """The invitation link: Django's password-reset confirmation (the token moves into the
    session, so it never leaks in a Referer), then signed in and on to the second factor."""

    template_name = "accounts/invitation_set_password.html"
    form_class = InvitationPasswordForm
    success_url = reverse_lazy("accounts:two_factor")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        user = account_set_password(user=self.user, password=form.cleaned_data["new_password1"])
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        auth_login(self.request, user, "django.contrib.auth.backends.ModelBackend")
        if not totp_is_set_up(user):
            # The invitation link proved the e-mail address: it sets up the first app too.
            enrolment = second_factor_enrolment_from_invitation(user=user)
            self.request.session[ENROLMENT_SESSION_KEY] = enrolment.pk
        messages.success(self.request, "Your password is set and you are signed in.")
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@login_required
@second_factor_first
@require_POST
def invitation_send(request, slug: str):
    """An officer gives a member of their board a log-in, or sends a fresh invitation."""
    person = person_for_officer(request.user, slug, include_past=False)
    next_url = _next_url(request, default=person.get_absolute_url())
    try:
        user = account_invite(
            person=person, by=request.user, board_id=_board_for(request.user, person)
        )
    except ValidationError as error:
        problems = error.messages
    except NotAllowed as error:
        problems = [str(error)]
    else:
        messages.success(request, f"An invitation e-mail to {user.email} is queued to send")
        return redirect(next_url)
    return render(
        request,
        "accounts/invitation_failed.html",
        {"person": person, "problems": problems, "back": next_url},
        status=400,
    )
