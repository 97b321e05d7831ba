"""Which address failed sign-ins count against, behind a proxy or not."""

import pytest
from django.test import RequestFactory

from cspboard.accounts.lockout import client_address


def request(remote="10.0.0.1", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/accounts/login/", **headers)


def test_without_a_proxy_the_connection_counts_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_address(request(forwarded="203.0.113.9")) == "10.0.0.1"


@pytest.mark.parametrize(
    "forwarded, expected",
    [
        ("203.0.113.9", "203.0.113.9"),
        ("1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the visitor's own entry is not believed
        ("", "127.0.0.1"),
        ("not-an-address", "127.0.0.1"),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_one_proxy_the_address_it_saw_counts(settings, forwarded, expected):
    settings.TRUSTED_PROXIES = 1
    assert client_address(request(remote="127.0.0.1", forwarded=forwarded)) == expected


def test_behind_two_proxies(settings):
    settings.TRUSTED_PROXIES = 2
    made_up, visitor, first_proxy = "1.2.3.4", "203.0.113.9", "192.0.2.10"
    forwarded = f"{made_up}, {visitor}, {first_proxy}"
    assert client_address(request(forwarded=forwarded)) == visitor
