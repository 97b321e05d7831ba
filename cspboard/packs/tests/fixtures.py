"""The packs' test settings and the published agenda, shared by the packs' tests (conftest.py,
test_publications.py) and the published packs' test across the apps (cspboard/tests/
test_published_packs.py). Import a fixture into a test module or conftest to use it there."""

import datetime

import pytest

from cspboard.documents.tests.factories import make_document
from cspboard.meetings.services import agenda_item_add, agenda_publish

PACK = "/boards/csp/meetings/2030-09-25/pack.pdf"


@pytest.fixture(autouse=True)
def _packs_settings(settings):
    """The packs tests name their own providers (tests/fake_providers.py; the real ones are
    tested in their apps), and build packs in the request unless a test says otherwise."""
    settings.CSPBOARD_PACK_PROVIDERS = ()
    settings.PACK_BUILD_INLINE = True
    settings.PACK_CONVERTER = None


@pytest.fixture
def published(scenario):
    """The 25 September 2030 agenda (one public item with a paper, a restricted item with a
    restricted paper), published on 17 September 2030."""
    s = scenario
    s.secret_item = agenda_item_add(
        meeting=s.unpublished,
        title="Case review",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
    )
    make_document(s.secret_item, title="Case file", text="CASE-SECRET", filename="case.pdf")
    agenda_publish(meeting=s.unpublished, today=datetime.date(2030, 9, 17), by=s.officer)
    return s


def get(client, url, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def pdf_of(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content
