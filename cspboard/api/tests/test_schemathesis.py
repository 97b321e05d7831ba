"""Schemathesis against the API, in-process through Django's WSGI application: every operation in
the OpenAPI description, with generated parameters (valid and not), must answer without a
server error and as the description says (status, content type, headers, body schema), on the
scenario's record, as the public and as a member of the board.

The description is the API's own (`api.get_openapi_schema`, the same that /api/v1/openapi.json
serves), loaded when the module is, without the database; the calls run inside each test."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from cspboard.api.api import api

from .fixtures import add_open_record

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()

# Few examples each, so the whole API takes seconds: its parameters are few and simple.
EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _connection_kept():
    """Django's WSGI handler closes the database connection around each request; inside the
    test's transaction that would close it under the test (PostgreSQL; SQLite's in-memory test
    database ignores it). Django's own test client keeps it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def record(scenario):
    return add_open_record(scenario)


@schema.parametrize()
@EXAMPLES
def test_as_the_public(case, record):
    case.call_and_validate()


@schema.parametrize()
@EXAMPLES
def test_as_a_member(case, record, client):
    client.force_login(record.member)
    session = client.cookies["sessionid"].value
    case.call_and_validate(cookies={"sessionid": session})
