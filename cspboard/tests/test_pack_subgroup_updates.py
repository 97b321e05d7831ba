"""The subgroups' update reports (reports) in the built agenda pack (packs), through the pack's
registered providers (cspboard.meetings.contributions)."""

import pytest

from cspboard.packs.builder import build_pack

# The reports' fixtures coming and updates: imported, they are this module's.
from cspboard.reports.tests.conftest import coming as coming
from cspboard.reports.tests.subgroup_updates import text
from cspboard.reports.tests.subgroup_updates import updates as updates

pytestmark = pytest.mark.django_db


def test_the_built_packs(updates, settings):
    settings.CSPBOARD_PACK_PROVIDERS = ("cspboard.reports.pack.item_papers",)
    members = text(build_pack(updates.coming, members=True))
    public = text(build_pack(updates.coming, members=False))
    for pack in (members, public):
        assert "PUBLIC-BRIEF" in pack
        assert "No update report provided" in pack
        assert "SNB-UPLOAD" in pack
    assert "SECRET-BRIEF" in members
    assert "SECRET-BRIEF" not in public
    assert "Document is Restricted" in public
