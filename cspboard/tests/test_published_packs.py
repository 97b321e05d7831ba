"""A published pack (packs) never changes, whatever changes later in the record and in the
other capabilities (a new action on the log, from actions)."""

import datetime

import pytest

from cspboard.actions.services import action_create
from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.documents.tests.factories import make_document
from cspboard.meetings.services import agenda_item_add, agenda_item_update, agenda_publish
from cspboard.people.tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _packs_settings(settings):
    """As for the packs app's own tests (cspboard/packs/tests/conftest.py)."""
    settings.CSPBOARD_PACK_PROVIDERS = ()
    settings.PACK_BUILD_INLINE = True
    settings.PACK_CONVERTER = None


PACK = "/boards/csp/meetings/2030-09-25/pack.pdf"


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


def test_the_published_packs_never_change_whatever_changes_later(client, published):
    s = published
    public_before = pdf_of(get(client, PACK))
    members_before = pdf_of(get(client, PACK, s.member))
    # Papers, titles, actions and members all change after publication.
    make_document(s.unpublished_item, title="Late paper", text="LATE-PAPER", filename="late.pdf")
    agenda_item_update(item=s.unpublished_item, expected_version=None, title="Renamed item")
    action_create(board=s.board, text="LATE-ACTION raised after publication")
    MembershipFactory(board=s.board, person=PersonFactory(name="New Member"), role=Role.MEMBER)
    assert pdf_of(get(client, PACK)) == public_before
    assert pdf_of(get(client, PACK, s.member)) == members_before
