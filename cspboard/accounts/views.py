"""Signing in with a second factor, and setting a password from an officer's invitation."""

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
)
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from cspboard.core.exceptions import NotAllowed
from cspboard.core.permissions import forget_access, second_factor_pending
from cspboard.people.selectors import person_get_for_officer

from .decorators import second_factor_first, two_factor_url
from .forms import InvitationPasswordForm, TokenForm
from .selectors import totp_is_set_up
from .services import (
    TooManyAttempts,
    account_invite,
    account_set_password,
    totp_device_confirm,
    totp_device_for_setup,
    totp_secret_text,
    totp_verify,
)

WRONG_CODE = "The code is not correct"


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


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    next_url = _next_url(request)
    if not second_factor_pending(request.user):
        return redirect(next_url)
    try:
        device = totp_device_for_setup(user=request.user)
    except NotAllowed:
        return redirect(two_factor_url(next_url))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = totp_device_confirm(device=device, token=form.cleaned_data["token"])
        except TooManyAttempts as error:
            form.add_error("token", str(error))
        else:
            if confirmed is not None:
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
    person = person_get_for_officer(request.user, slug, include_past=False)
    next_url = _next_url(request, default=person.get_absolute_url())
    try:
        user = account_invite(person=person, by=request.user)
    except ValidationError as error:
        problems = error.messages
    except NotAllowed as error:
        problems = [str(error)]
    except OSError:  # smtplib's errors included
        problems = ["The invitation could not be sent. Nothing was changed: try again later."]
    else:
        messages.success(request, f"Invitation sent to {user.email}")
        return redirect(next_url)
    return render(
        request,
        "accounts/invitation_failed.html",
        {"person": person, "problems": problems, "back": next_url},
        status=400,
    )
