import pytest

from cspboard.documents.tests.factories import make_document
from cspboard.meetings.services import agenda_item_add
from cspboard.packs.builder import build_pack

from .helpers import agenda_references, first_page_with, page_texts

SECRETS = ["SECRET-DOC-TEXT", "SECRET-SUB-DOC", "MARKED-DOC-TEXT"]


@pytest.fixture
def public_pack(scenario):
    return page_texts(build_pack(scenario.meeting, members=False))


@pytest.fixture
def members_pack(scenario):
    return page_texts(build_pack(scenario.meeting, members=True))


def test_front_sheet_is_the_notice_of_meeting(public_pack):
    front = public_pack[0]
    assert "Notice of Meeting" in front
    assert "COMMUNITY SAFETY PARTNERSHIP BOARD" in front
    assert "Wednesday, 28 March 2018 - 10:00 am - 1:00 pm" in front
    assert "Barking Learning Centre" in front
    assert "Date of publication: 20 March 2018" in front
    assert "Fiona Chair (Chair)" in front


def test_every_page_carries_its_number(public_pack, members_pack):
    for texts in (public_pack, members_pack):
        for number, text in enumerate(texts, start=1):
            assert f"Page {number}" in text


def test_public_pack_holds_no_restricted_text(public_pack):
    whole = " ".join("\n".join(public_pack).split())  # lines joined where they wrapped
    for secret in SECRETS:
        assert secret not in whole
    assert "Sub-paper" not in whole  # a withheld item's sub-items are not even named
    assert "PUBLIC-DOC-TEXT" in whole
    assert whole.count("Document is Restricted") == 2  # the annex, and item 2's papers
    assert "paragraph 7 of Part 1 of Schedule 12A to the Local Government Act 1972" in whole
    assert "paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972" in whole


def test_members_pack_holds_restricted_papers_marked_restricted(members_pack):
    whole = "\n".join(members_pack)
    assert "Document is Restricted" not in whole
    for secret in SECRETS:
        page = members_pack[first_page_with(members_pack, secret) - 1]
        assert "RESTRICTED" in page.replace(secret, "")
    public_page = members_pack[first_page_with(members_pack, "PUBLIC-DOC-TEXT") - 1]
    assert "RESTRICTED" not in public_page


def test_public_agenda_references_are_where_the_items_begin(public_pack):
    refs = agenda_references(public_pack)
    public_doc = first_page_with(public_pack, "PUBLIC-DOC-TEXT")
    annex = first_page_with(public_pack, "Document is Restricted")
    item_2 = first_page_with(public_pack, "Document is Restricted", start=annex + 1)
    assert refs["Performance Report"] == (public_doc, annex)
    assert refs["Strategic Assessment"] == (item_2, item_2)
    assert len(public_pack) == item_2


def test_members_agenda_references_are_where_the_items_begin(members_pack):
    refs = agenda_references(members_pack)
    assert refs["Performance Report"] == (
        first_page_with(members_pack, "PUBLIC-DOC-TEXT"),
        first_page_with(members_pack, "MARKED-DOC-TEXT"),
    )
    assert refs["Strategic Assessment"] == (
        first_page_with(members_pack, "SECRET-DOC-TEXT"),
        first_page_with(members_pack, "SECRET-SUB-DOC"),
    )
    assert refs["Sub-paper"][0] == first_page_with(members_pack, "SECRET-SUB-DOC")


def test_references_stay_right_when_the_agenda_runs_over_pages(scenario):
    items = []
    for n in range(3, 33):
        item = agenda_item_add(
            meeting=scenario.meeting,
            number=str(n),
            title=f"Long agenda item {n}",
            kind="paper",
            description="A description long enough to take a few lines of the agenda. " * 3,
        )
        make_document(item, title=f"Paper {n}", text=f"PAPER-{n}-TEXT", filename=f"p{n}.pdf")
        items.append(n)
    texts = page_texts(build_pack(scenario.meeting, members=False))
    refs = agenda_references(texts)
    assert sum("AGENDA" in t for t in texts) == 1  # the heading prints once...
    assert first_page_with(texts, "PUBLIC-DOC-TEXT") > 3  # ...but the agenda runs on
    for n in items:
        page = first_page_with(texts, f"PAPER-{n}-TEXT")
        assert refs[f"Long agenda item {n}"] == (page, page)


def test_previous_minutes_and_withheld_minutes(scenario):
    # The June meeting's pack carries March's minutes.
    public = "\n".join(page_texts(build_pack(scenario.draft, members=False)))
    members = "\n".join(page_texts(build_pack(scenario.draft, members=True)))
    assert "PUBLIC-MINUTES" in public and "PUBLIC-MINUTES" in members
    assert "SECRET-MINUTES" not in public and "SECRET-SUB-MINUTES" not in public
    assert "SECRET-MINUTES" in members and "SECRET-SUB-MINUTES" in members


def test_papers_that_are_not_pdfs_are_listed(scenario):
    from cspboard.documents.models import Document

    doc = make_document(scenario.public_item, title="Spreadsheet", filename="data.pdf")
    Document.objects.filter(pk=doc.pk).update(
        content_type="application/vnd.ms-excel", filename="data.xlsx"
    )
    texts = page_texts(build_pack(scenario.meeting, members=False))
    listing = first_page_with(texts, "Spreadsheet (data.xlsx)")
    assert agenda_references(texts)["Performance Report"][1] == listing
