import pytest
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
