"""A published pack (packs) never changes, whatever changes later in the record and in the
other capabilities (a new action on the log, from actions)."""

from cspboard.actions.services import action_create
from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.documents.tests.factories import make_document
from cspboard.meetings.services import agenda_item_update
from cspboard.packs.tests.fixtures import PACK, get, pdf_of

# The packs' fixtures, their settings and the published agenda: imported, they are this module's.
from cspboard.packs.tests.fixtures import _packs_settings as _packs_settings
from cspboard.packs.tests.fixtures import published as published
from cspboard.people.tests.factories import PersonFactory


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
