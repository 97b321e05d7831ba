"""The second factor: a member's password alone shows nothing withheld; a TOTP code from their
authenticator app, set up once through a QR code, does. Real codes, from the device's key."""

import re
from urllib.parse import urlencode

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspboard.accounts.tests.conftest import code_for, open_set_up_link
from cspboard.boards.access import access_for
from cspboard.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
MEETING = "/boards/csp/meetings/2018-03-28/"
ENTER_CODE = "Enter the 6-digit code from your authenticator app"
WRONG = "The code is not correct"
BANNER = "Verify your sign-in to see restricted papers"


def sign_in(client, username, next_url=MEETING):
    return client.post(
        f"/accounts/login/?next={next_url}", {"username": username, "password": PASSWORD}
    )


def html(response) -> str:
    return response.content.decode()


def summary(response) -> str:
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html(response), re.S)
    assert match, "no error summary"
    return match.group(0)


def test_password_alone_shows_nothing_withheld(client, scenario, two_factor):
    response = sign_in(client, "member")
    assert response.status_code == 302
    assert (
        response["Location"]
        == "/accounts/two-factor/?next=%2Fboards%2Fcsp%2Fmeetings%2F2018-03-28%2F"
    )
    page = html(client.get(MEETING))
    assert "SECRET-MINUTES" not in page and "DRAFT-MINUTES" not in page
    assert "Item restricted due to sensitive information" in page
    assert BANNER in page
    assert client.get(scenario.restricted_doc.get_absolute_url()).status_code == 404


def test_first_sign_in_sets_up_the_app_with_a_qr_code(client, scenario, two_factor):
    sign_in(client, "member")
    response = client.get("/accounts/two-factor/", {"next": MEETING})
    assert response.status_code == 302 and response["Location"].startswith(
        "/accounts/two-factor/set-up/"
    )
    # A password alone is told to use the e-mailed link (test_enrolment.py); with it:
    assert client.get(response["Location"]).status_code == 403
    page = open_set_up_link(client, scenario.member)
    device = TOTPDevice.objects.get(user=scenario.member)
    assert not device.confirmed
    content = html(page)
    assert "<svg" in content and "QR code to scan with your authenticator app" in content
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", content).group(1)
    import base64

    assert (
        base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
        == device.bin_key
    )
    # The same secret on the next visit: the app the member already scanned keeps working.
    assert client.get("/accounts/two-factor/set-up/").status_code == 200
    assert TOTPDevice.objects.filter(user=scenario.member).count() == 1


def test_set_up_errors_use_the_error_summary(client, scenario, two_factor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    sign_in(client, "member")
    url = f"/accounts/two-factor/set-up/?next={MEETING}"
    open_set_up_link(client, scenario.member)
    for typed, message in [("", ENTER_CODE), ("12ab56", ENTER_CODE), ("1234567", ENTER_CODE)]:
        response = client.post(url, {"token": typed, "next": MEETING})
        assert response.status_code == 400
        assert message in summary(response) and '<a href="#id_token">' in summary(response)
    device = TOTPDevice.objects.get(user=scenario.member)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(url, {"token": wrong, "next": MEETING})
    assert WRONG in summary(response)
    assert "govuk-input--error" in html(
        response
    ) and 'aria-describedby="id_token_helptext id_token-error"' in html(response)
    device.refresh_from_db()
    assert not device.confirmed


def test_set_up_with_a_real_code_confirms_the_app_and_shows_the_papers(
    client, scenario, two_factor
):
    sign_in(client, "member")
    url = f"/accounts/two-factor/set-up/?next={MEETING}"
    open_set_up_link(client, scenario.member)
    device = TOTPDevice.objects.get(user=scenario.member)
    code = code_for(device)
    response = client.post(url, {"token": f"{code[:3]} {code[3:]}", "next": MEETING})
    assert response.status_code == 302 and response["Location"] == MEETING
    device.refresh_from_db()
    assert device.confirmed
    page = html(client.get(MEETING))
    assert "SECRET-MINUTES" in page and BANNER not in page
    assert client.get(scenario.restricted_doc.get_absolute_url()).status_code == 200


def test_later_sign_ins_ask_for_a_code(client, scenario, two_factor, confirmed_device):
    device = confirmed_device(scenario.officer)
    sign_in(client, "officer")
    response = client.get(f"/accounts/two-factor/?next={MEETING}")
    assert response.status_code == 200 and "Verify your sign-in" in html(response)
    # Set-up is refused once an app is confirmed: a password alone cannot add a device.
    response = client.get(f"/accounts/two-factor/set-up/?next={MEETING}")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/?")
    assert TOTPDevice.objects.filter(user=scenario.officer).count() == 1

    code = code_for(device)
    response = client.post("/accounts/two-factor/", {"token": code, "next": MEETING})
    assert response.status_code == 302 and response["Location"] == MEETING
    assert "UNPUBLISHED-ITEM" in html(client.get("/boards/csp/meetings/2030-09-25/"))

    # The same code cannot be used again, in another session.
    client.post("/accounts/logout/")
    sign_in(client, "officer")
    response = client.post("/accounts/two-factor/", {"token": code, "next": MEETING})
    assert response.status_code == 400 and WRONG in summary(response)
    assert "SECRET-MINUTES" not in html(client.get(MEETING))


def test_wrong_codes_are_throttled(client, scenario, two_factor, confirmed_device):
    device = confirmed_device(scenario.member)
    sign_in(client, "member")
    client.post(
        "/accounts/two-factor/", {"token": "000000" if code_for(device) != "000000" else "111111"}
    )
    response = client.post("/accounts/two-factor/", {"token": code_for(device)})
    assert response.status_code == 400
    assert "You entered a wrong code too many times" in summary(response)


def test_signing_out_forgets_the_second_factor(client, scenario, two_factor, confirmed_device):
    device = confirmed_device(scenario.member)
    sign_in(client, "member")
    client.post("/accounts/two-factor/", {"token": code_for(device)})
    assert "SECRET-MINUTES" in html(client.get(MEETING))
    client.post("/accounts/logout/")
    sign_in(client, "member")
    assert "SECRET-MINUTES" not in html(client.get(MEETING))


def test_people_with_no_restricted_access_are_not_asked(client, scenario, two_factor):
    user = UserFactory(username="nobody")  # a log-in with no current membership
    response = sign_in(client, "nobody")
    assert response["Location"] == MEETING
    assert client.get("/accounts/two-factor/").status_code == 302
    assert BANNER not in html(client.get("/"))
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_site_administrators_are_asked_too(client, scenario, two_factor, confirmed_device):
    admin = UserFactory(username="admin", is_superuser=True)
    device = confirmed_device(admin)
    response = sign_in(client, "admin")
    assert response["Location"].startswith("/accounts/two-factor/")
    assert "SECRET-MINUTES" not in html(client.get(MEETING))
    client.post("/accounts/two-factor/", {"token": code_for(device)})
    assert "SECRET-MINUTES" in html(client.get(MEETING))


def test_setting_off_lets_a_password_alone_through(client, scenario, settings):
    settings.REQUIRE_2FA = False
    response = sign_in(client, "member")
    assert response["Location"] == MEETING
    assert "SECRET-MINUTES" in html(client.get(MEETING))
    assert BANNER not in html(client.get(MEETING))


@pytest.mark.parametrize(
    "url",
    [
        "/boards/csp/members/",
        "/boards/csp/actions/import/",
        "/boards/csp/performance/upload/",
        "/reports/due/",
        "/boards/csp/meetings/new/",
        "/boards/csp/meetings/2018-03-28/edit/",
    ],
)
def test_officer_pages_send_an_unverified_officer_to_verify_first(
    client, scenario, two_factor, confirmed_device, url
):
    device = confirmed_device(scenario.officer)
    sign_in(client, "officer")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/two-factor/?{urlencode({'next': url})}"
    response = client.post("/accounts/two-factor/", {"token": code_for(device), "next": url})
    assert response["Location"] == url
    assert client.get(url).status_code == 200


def test_next_must_stay_on_this_site(client, scenario, two_factor, confirmed_device):
    device = confirmed_device(scenario.member)
    sign_in(client, "member")
    response = client.post(
        "/accounts/two-factor/", {"token": code_for(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_two_factor_pages_need_a_sign_in(client, scenario, two_factor):
    for url in ["/accounts/two-factor/", "/accounts/two-factor/set-up/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_access_for_an_unverified_user_has_no_boards(scenario, two_factor):
    """A user object that never went through the OTP middleware counts as unverified."""
    access = access_for(scenario.officer)
    assert access.authenticated and access.second_factor_pending
    assert not access.can_see_withheld(scenario.board.pk)
    assert not access.is_officer(scenario.board.pk)
    assert access.person_id is None


def test_access_for_a_verified_user_has_their_boards(scenario, two_factor, confirmed_device):
    user = scenario.officer
    device = confirmed_device(user)
    user.otp_device = device
    user.is_verified = lambda: True
    access = access_for(user)
    assert access.is_officer(scenario.board.pk) and not access.second_factor_pending
