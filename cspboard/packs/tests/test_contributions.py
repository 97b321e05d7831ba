import pytest

from cspboard.meetings import contributions
from cspboard.meetings.services import agenda_item_add
from cspboard.packs.builder import build_pack

from . import fake_providers
from .helpers import agenda_references, first_page_with, page_texts

FAKE = "cspboard.packs.tests.fake_providers.item_papers"
BASIS_3 = "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"


@pytest.fixture
def fake(settings):
    settings.CSPBOARD_PACK_PROVIDERS = (FAKE,)
    fake_providers.PAPERS.clear()
    fake_providers.CALLS.clear()
    yield fake_providers
    fake_providers.PAPERS.clear()
    fake_providers.CALLS.clear()


@pytest.fixture
def generated(scenario, fake):
    fake.PAPERS["Performance Report"] = [
        ("Open summary", "GENERATED-PUBLIC-TEXT", False, ""),
        ("Named cases", "GENERATED-SECRET-TEXT", True, BASIS_3),
    ]
    fake.PAPERS["Strategic Assessment"] = [("CDSA tables", "GENERATED-CDSA", True, "")]
    fake.PAPERS["Sub-paper"] = [("Sub tables", "GENERATED-SUB", False, "")]
    return scenario


def whole(texts):
    return " ".join("\n".join(texts).split())


def test_providers_default_and_setting(settings):
    del settings.CSPBOARD_PACK_PROVIDERS
    assert contributions.providers() == contributions.PROVIDERS
    settings.CSPBOARD_PACK_PROVIDERS = [FAKE]
    assert contributions.providers() == (FAKE,)


def test_a_provider_that_cannot_be_imported_fails_the_check(settings):
    settings.CSPBOARD_PACK_PROVIDERS = ("cspboard.nowhere.pack.item_papers", FAKE)
    errors = contributions.check_providers()
    assert [e.id for e in errors] == ["packs.E001"]
    assert "cspboard.nowhere.pack.item_papers" in errors[0].msg


def test_public_pack_never_holds_a_withheld_generated_paper(generated):
    texts = page_texts(build_pack(generated.meeting, members=False))
    text = whole(texts)
    assert "GENERATED-PUBLIC-TEXT" in text
    for secret in ("GENERATED-SECRET-TEXT", "GENERATED-CDSA", "GENERATED-SUB", "Sub tables"):
        assert secret not in text
    assert BASIS_3 in text  # the generated paper's own legal basis on its restricted page
    # The annex, the generated paper, and item 2 (one page for all its papers, as before).
    assert text.count("Document is Restricted") == 3
    # The redacted item was only ever asked about as for the public.
    assert ("Strategic Assessment", True) not in fake_providers.CALLS
    assert ("Sub-paper", True) not in fake_providers.CALLS


def test_public_references_cover_the_generated_papers(generated):
    texts = page_texts(build_pack(generated.meeting, members=False))
    refs = agenda_references(texts)
    uploaded = first_page_with(texts, "PUBLIC-DOC-TEXT")
    summary = first_page_with(texts, "GENERATED-PUBLIC-TEXT")
    assert summary > uploaded  # after the item's uploaded papers
    restricted = first_page_with(texts, "paragraph 3 of Part 1")
    assert restricted == summary + 1
    assert refs["Performance Report"] == (uploaded, restricted)
    assert refs["Strategic Assessment"][0] == restricted + 1


def test_members_pack_marks_withheld_generated_papers(generated):
    texts = page_texts(build_pack(generated.meeting, members=True))
    assert "Document is Restricted" not in "\n".join(texts)
    summary = first_page_with(texts, "GENERATED-PUBLIC-TEXT")
    assert "RESTRICTED" not in texts[summary - 1].replace("GENERATED-PUBLIC-TEXT", "")
    for secret in ("GENERATED-SECRET-TEXT", "GENERATED-CDSA", "GENERATED-SUB"):
        page = texts[first_page_with(texts, secret) - 1]
        assert "RESTRICTED" in page.replace(secret, "")
    refs = agenda_references(texts)
    assert refs["Performance Report"] == (
        first_page_with(texts, "PUBLIC-DOC-TEXT"),
        first_page_with(texts, "GENERATED-SECRET-TEXT"),
    )
    assert refs["Strategic Assessment"] == (
        first_page_with(texts, "SECRET-DOC-TEXT"),
        first_page_with(texts, "GENERATED-SUB"),
    )
    # Each item's uploads come first, then its generated papers.
    assert first_page_with(texts, "SECRET-DOC-TEXT") < first_page_with(texts, "GENERATED-CDSA")
    assert first_page_with(texts, "SECRET-SUB-DOC") < first_page_with(texts, "GENERATED-SUB")


def test_an_item_with_only_generated_papers_gets_its_reference(scenario, fake, settings):
    agenda_item_add(meeting=scenario.meeting, number="3", title="Forward Plan", kind="paper")
    fake.PAPERS["Forward Plan"] = [("Forward plan", "GENERATED-PLAN", False, "")]
    texts = page_texts(build_pack(scenario.meeting, members=False))
    page = first_page_with(texts, "GENERATED-PLAN")
    assert agenda_references(texts)["Forward Plan"] == (page, page)
    assert page == len(texts)


def test_a_multi_page_generated_paper_spans_its_pages(scenario, settings):
    settings.CSPBOARD_PACK_PROVIDERS = ("cspboard.packs.tests.fake_providers.two_pages",)
    texts = page_texts(build_pack(scenario.meeting, members=False))
    one = first_page_with(texts, "GENERATED-PAGE-ONE")
    assert first_page_with(texts, "GENERATED-PAGE-TWO") == one + 1
    assert agenda_references(texts)["Performance Report"] == (
        first_page_with(texts, "PUBLIC-DOC-TEXT"),
        one + 1,
    )
    for number, text in enumerate(texts, start=1):
        assert f"Page {number}" in text
