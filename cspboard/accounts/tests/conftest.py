import pytest
from django.test import TestCase
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def two_factor(settings):
    """The second factor on, as in production (the project's tests turn it off by default)."""
    settings.REQUIRE_2FA = True
    return settings


def code_for(device: TOTPDevice) -> str:
    """The code an authenticator app holding this device's key shows now."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def confirmed_device():
    def make(user) -> TOTPDevice:
        return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)

    return make


def open_set_up_link(client, user):
    """E-mail the user a link to set up an authenticator app and open it in `client` (signed in
    as the user): what the real person does from their inbox."""
    import re

    from django.conf import settings
    from django.core import mail

    from cspboard.accounts.services import second_factor_link_send

    if not user.email:
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    with committed():
        second_factor_link_send(user=user)
    link = re.search(r"https?://\S+/accounts/two-factor/link/\S+/", mail.outbox[-1].body).group(0)
    return client.get(link.removeprefix(settings.SITE_URL.rstrip("/")), follow=True)


def committed():
    """Run what a commit would run: the outbox enqueues (and, in the tests, sends) its e-mails
    when the transaction commits, which the test's own transaction never does."""
    return TestCase.captureOnCommitCallbacks(execute=True)
