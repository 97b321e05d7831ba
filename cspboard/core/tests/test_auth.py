import datetime

import pytest
from django.template import Context, Template

pytestmark = pytest.mark.django_db


def test_sign_in_and_out(client, scenario):
    response = client.post(
        "/accounts/login/", {"username": "member", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert "Signed in as" in client.get("/").content.decode()
    client.post("/accounts/logout/")
    assert "Sign in" in client.get("/").content.decode()


def test_wrong_password_shows_an_error(client, scenario):
    response = client.post("/accounts/login/", {"username": "member", "password": "nope"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_repeated_failures_lock_the_account(client, scenario, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "member", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": "member", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert "Your account is locked for now" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_govuk_time_style():
    template = Template(
        "{% load cspboard %}{{ a|govuk_time }} {{ b|govuk_time }} {{ c|govuk_time }}"
    )
    context = Context({"a": datetime.time(10), "b": datetime.time(13, 30), "c": datetime.time(12)})
    assert template.render(context) == "10am 1:30pm midday"
