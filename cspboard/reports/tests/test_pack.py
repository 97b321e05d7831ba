"""The subgroups' update reports in the agenda pack (cspboard.meetings.contributions)."""

import pytest

from cspboard.meetings.services import agenda_item_add
from cspboard.reports.pack import item_papers

from .subgroup_updates import text

# The update reports (shared with the built pack's test): imported, the fixture is this module's.
from .subgroup_updates import updates as updates

pytestmark = pytest.mark.django_db


def test_other_items_cost_nothing(coming, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert item_papers(coming.paper, members=True) == []


def test_the_members_pack_gets_every_update_and_the_missing_page(updates):
    papers = item_papers(updates.updates_item, members=True)
    assert [p.title for p in papers] == [
        "Hate Crime Subgroup Update",
        "VAWG Subgroup Update",
        "Subgroups with no update report",
    ]
    hate, vawg, missing = papers
    assert hate.withheld and "paragraph 7" in hate.legal_basis
    assert "SECRET-BRIEF" in text(hate.pdf)
    assert not vawg.withheld
    vawg_text = text(vawg.pdf)
    for expected in (
        "Title:",
        "Brief Update",
        "PUBLIC-BRIEF",
        "Key Challenge(s)",
        "Emerging Trends",
    ):
        assert expected in vawg_text
    assert "Support required from the Community Safety Partnership Board" in vawg_text
    missing_text = text(missing.pdf)
    assert "ASB Tasking Group" in missing_text
    assert "No update report provided" in missing_text
    assert "Safer Neighbourhood Board" not in missing_text  # it sent a file


def test_the_public_pack_gets_no_restricted_content(updates):
    papers = item_papers(updates.updates_item, members=False)
    hate = next(p for p in papers if p.title.startswith("Hate"))
    assert hate.withheld and hate.pdf == b""
    assert "paragraph 7 of Part 1 of Schedule 12A" in hate.legal_basis
    assert all("SECRET" not in text(p.pdf) for p in papers if p.pdf)


def test_a_withheld_item_gives_the_public_nothing_but_stubs(updates):
    from cspboard.meetings.services import agenda_item_update

    item = agenda_item_update(
        item=updates.updates_item,
        expected_version=None,
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
    )
    public = item_papers(item, members=False)
    assert public and all(p.withheld and p.pdf == b"" for p in public)
    members = item_papers(item, members=True)
    assert all(p.withheld and p.pdf for p in members)


def test_only_the_first_collecting_item_and_not_past_meetings(updates, scenario):
    later = agenda_item_add(
        meeting=updates.coming, title="Subgroup updates (continued)", role="subgroup_updates"
    )
    assert item_papers(later, members=True) == []
    past = agenda_item_add(
        meeting=scenario.meeting, title="Subgroup Updates", role="subgroup_updates"
    )
    assert item_papers(past, members=True) == []
