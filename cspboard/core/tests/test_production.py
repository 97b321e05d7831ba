"""Production start-up: the secret key, the demo, `check --deploy`, and the request log line."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(__file__).resolve().parents[3]

# The environment docs/deployment.md documents, less what each test varies.
PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-key-that-is-not-this-one-0123456789-abcdef",
    "HTTPS": "true",
    "ALLOWED_HOSTS": "boards.example.gov.uk",
    "CSRF_TRUSTED_ORIGINS": "https://boards.example.gov.uk",
    "STATICFILES_MANIFEST": "true",
}
DEVELOPER_ONLY = (
    "CSPBOARD_ENV",
    "CSPBOARD_DEMO",
    "DEBUG",
    "SECRET_KEY",
    "COUNCIL_NAME",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def run_python(code: str, tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in DEVELOPER_ONLY}
    clean.update(
        DJANGO_SETTINGS_MODULE="cspboard.settings", CSPBOARD_VAR_DIR=str(tmp_path / "var"), **env
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.COUNCIL_NAME); print('cspboard.demo' in s.INSTALLED_APPS); "
    "print(len(s.SECRET_KEY))"
)


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = run_python(SHOW, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr
    assert not (tmp_path / "var" / "secret_key").exists()


def test_production_with_a_secret_key_starts_without_the_demo(tmp_path):
    result = run_python(SHOW, tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    council, demo, _ = result.stdout.splitlines()
    assert council == "Your council"  # never the demo's council
    assert demo == "False"  # no load_demo in production


def test_a_developer_machine_generates_its_key_once(tmp_path):
    result = run_python(SHOW, tmp_path, CSPBOARD_ENV="development", CSPBOARD_DEMO="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "True"
    key = (tmp_path / "var" / "secret_key").read_text()
    assert len(key) >= 50
    again = run_python(
        "import django; django.setup(); from django.conf import settings as s; print(s.SECRET_KEY)",
        tmp_path,
        CSPBOARD_ENV="development",
    )
    assert again.stdout.strip() == key


def test_an_unknown_environment_name_is_refused(tmp_path):
    result = run_python(SHOW, tmp_path, CSPBOARD_ENV="staging", **PRODUCTION)
    assert result.returncode != 0
    assert "CSPBOARD_ENV must be" in result.stderr


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    result = run_python(
        "from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['cspboard', 'check', '--deploy', '--fail-level', 'WARNING'])",
        tmp_path,
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_admins_come_from_the_environment(tmp_path):
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ADMINS); print(s.SERVER_EMAIL)",
        tmp_path,
        ADMINS="Jo Bloggs <jo@example.gov.uk>, ops@example.gov.uk",
        SERVER_EMAIL="errors@example.gov.uk",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    admins, server_email = result.stdout.splitlines()
    assert admins == str(
        [("Jo Bloggs", "jo@example.gov.uk"), ("ops@example.gov.uk", "ops@example.gov.uk")]
    )
    assert server_email == "errors@example.gov.uk"


def json_line(record: logging.LogRecord) -> dict:
    from pythonjsonlogger.json import JsonFormatter

    options = {k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"}
    return json.loads(JsonFormatter(**options).format(record))


@pytest.mark.django_db
def test_each_request_logs_one_json_line(client, caplog, django_user_model):
    with caplog.at_level(logging.INFO, logger="cspboard.request"):
        response = client.get("/boards/", HTTP_X_REQUEST_ID="from-the-proxy-1234")
    (record,) = [r for r in caplog.records if r.name == "cspboard.request"]
    line = json_line(record)
    assert line["method"] == "GET"
    assert line["path"] == "/boards/"
    assert line["status"] == response.status_code == 200
    assert isinstance(line["duration_ms"], float)
    assert line["user_id"] is None
    assert line["request_id"] == response["X-Request-ID"] == "from-the-proxy-1234"
    assert line["level"] == "INFO" and line["logger"] == "cspboard.request"

    user = django_user_model.objects.create_user(username="someone", password="x")
    client.force_login(user)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="cspboard.request"):
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="bad id\nforged")
    (record,) = [r for r in caplog.records if r.name == "cspboard.request"]
    line = json_line(record)
    assert line["status"] == 404
    assert line["user_id"] == user.pk
    assert line["request_id"] == response["X-Request-ID"] != "bad id\nforged"
    assert len(line["request_id"]) == 32


def test_sentry_is_off_without_a_dsn():
    import sentry_sdk

    assert not settings.SENTRY_DSN
    assert not sentry_sdk.get_client().is_active()


def test_sentry_starts_with_a_dsn_and_sends_no_personal_data(tmp_path):
    result = run_python(
        "import django; django.setup(); import sentry_sdk; client = sentry_sdk.get_client(); "
        "print(client.is_active(), client.options['send_default_pii'], "
        "client.options['environment'])",
        tmp_path,
        SENTRY_DSN="http://public@127.0.0.1:9/1",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "production"]
