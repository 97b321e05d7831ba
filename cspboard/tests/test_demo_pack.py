"""The demo's 28 March 2018 pack, rebuilt from the demo record: every agenda reference points
at where the item's papers really begin and end."""

import datetime
import re

import pytest

from cspboard.demo.loader import load_demo
from cspboard.meetings.models import Meeting
from cspboard.packs.agenda import agenda_for_pack, pack_reader
from cspboard.packs.builder import build_pack
from cspboard.packs.tests.helpers import agenda_references, page_texts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _packs_settings(settings):
    """As for the packs app's own tests (cspboard/packs/tests/conftest.py)."""
    settings.CSPBOARD_PACK_PROVIDERS = ()
    settings.PACK_BUILD_INLINE = True
    settings.PACK_CONVERTER = None


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Loaded once for the module (the papers are rendered for real), removed afterwards. The
    papers go to a folder of the module's own: this runs before each test's own folder is set."""
    from django.conf import settings
    from django.db import transaction
    from django.test import override_settings

    storages = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("demo-documents"))},
        },
    }
    with django_db_blocker.unblock(), override_settings(STORAGES=storages):
        with transaction.atomic():
            load_demo(today=datetime.date(2026, 11, 23))
            meeting = Meeting.objects.select_related("board").get(
                board__slug="csp", date=datetime.date(2018, 3, 28)
            )
            packs = {members: build_pack(meeting, members=members) for members in (False, True)}
            views = {
                members: agenda_for_pack(meeting, pack_reader(meeting, members=members))
                for members in (False, True)
            }
            transaction.set_rollback(True)
    return packs, views


def expected_start(views, index: int) -> str:
    """What the first page of a top-level item's papers says: its own first paper's title, or
    its first sub-item's."""
    view = views[index]
    if view.redacted:
        return "Document is Restricted"
    if view.item.title == "Minutes and Action Log":
        return "Community Safety Partnership Board Minutes"  # the previous meeting's minutes
    if view.item.title == "Performance Report":
        return "Community Safety Partnership Board Performance report"  # made from the figures
    for later in views[index:]:
        if later is not view and later.depth == 0:
            break
        if later.documents:
            return later.documents[0].title
        if later.withheld_documents or later.redacted:
            return "Document is Restricted"
    raise AssertionError(f"{view.item.title} has a reference but no papers")


@pytest.mark.parametrize("members", [False, True], ids=["public", "members"])
def test_the_references_are_where_the_papers_are(demo, members):
    packs, views = demo
    texts = page_texts(packs[members])
    pages = [squash(t) for t in texts]
    refs = agenda_references(texts)
    assert "Minutes and Action Log" in refs and "Performance Report" in refs
    covered = set()
    for index, view in enumerate(views[members]):
        if view.depth or view.item.title not in refs:
            continue
        first, last = refs[view.item.title]
        start = expected_start(views[members], index)
        assert squash(start)[:40] in pages[first - 1], (view.item.title, first, start)
        covered.update(range(first, last + 1))
    # The top-level references cover every page after the front sheet and agenda, exactly once
    # each (checked by their count), up to the last page.
    front = min(covered) - 1
    assert covered == set(range(front + 1, len(texts) + 1))
    assert "AGENDA" in " ".join(pages[:front])
    first, last = refs["Performance Report"]
    report = " ".join(pages[first - 1 : last])
    assert "1309, up 25.1% (up 263 offences)" in report  # burglary, from the demo's figures
    for number, page in enumerate(pages, start=1):
        assert f"Page {number}" in page


def test_the_public_pack_holds_nothing_restricted(demo):
    packs, views = demo
    public = squash(" ".join(page_texts(packs[False])))
    members = squash(" ".join(page_texts(packs[True])))
    assert "Safer Neighbourhood Chair's Report" in members
    assert "Safer Neighbourhood Chair's Report" not in public
    assert "SNB Closed Meeting" not in public
    assert "Document is Restricted" in public and "Document is Restricted" not in members
