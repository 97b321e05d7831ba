"""Published documents are the record as it stood: fixed at publication, served byte for byte,
changed only by supplements and new versions kept beside them, withdrawn with a reason."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cspboard.core.exceptions import NotAllowed
from cspboard.documents.tests.factories import make_document
from cspboard.meetings.services import agenda_item_add, agenda_item_update
from cspboard.packs import publications
from cspboard.packs.choices import PublicationKind
from cspboard.packs.models import Publication

from .fixtures import PACK, get, pdf_of

# The published agenda (shared with the published packs' test): imported, it is this module's.
from .fixtures import published as published
from .helpers import agenda_references, page_texts

PAGE = "/boards/csp/meetings/2030-09-25/"
DOCUMENTS = PAGE + "documents/"


def test_publishing_fixes_three_documents_with_the_publication_date(published):
    rows = Publication.objects.filter(meeting=published.unpublished)
    assert sorted(rows.values_list("kind", flat=True)) == sorted(
        [
            PublicationKind.FRONTSHEET,
            PublicationKind.PUBLIC_PACK,
            PublicationKind.MEMBERS_PACK,
        ]
    )
    assert {r.published_on for r in rows} == {datetime.date(2030, 9, 17)}
    public = "\n".join(page_texts(rows.get(kind=PublicationKind.PUBLIC_PACK).file.read()))
    assert "UNPUBLISHED-DOC" in public and "CASE-SECRET" not in public
    members = "\n".join(page_texts(rows.get(kind=PublicationKind.MEMBERS_PACK).file.read()))
    assert "CASE-SECRET" in members


def test_a_late_paper_goes_out_as_a_supplement_beside_the_original(client, published):
    s = published
    original = pdf_of(get(client, PACK))
    make_document(s.unpublished_item, title="Late paper", text="LATE-PAPER", filename="late.pdf")
    make_document(s.secret_item, title="Late secret", text="LATE-SECRET", filename="ls.pdf")
    changed = publications.agenda_changes(s.unpublished)
    assert [i.pk for i in changed] == [s.unpublished_item.pk, s.secret_item.pk]
    with pytest.raises(ValidationError):
        publications.supplement_publish(meeting=s.unpublished, reason=" ", by=s.officer)
    public, members = publications.supplement_publish(
        meeting=s.unpublished, reason="A late paper on item 1", by=s.officer
    )
    public_text = "\n".join(page_texts(public.file.read()))
    assert "Supplementary agenda" in public_text and "LATE-PAPER" in public_text
    assert "LATE-SECRET" not in public_text and "UNPUBLISHED-DOC" not in public_text
    assert "LATE-SECRET" in "\n".join(page_texts(members.file.read()))
    assert pdf_of(get(client, PACK)) == original  # the original stays as it was
    html = get(client, PAGE).content.decode()
    assert "Supplementary agenda" in html and "Public reports pack" in html
    assert "Supplementary agenda (members)" not in html  # members' documents are theirs only
    assert pdf_of(get(client, public.get_absolute_url()))
    assert get(client, members.get_absolute_url()).status_code == 404
    assert pdf_of(get(client, members.get_absolute_url(), s.member))
    assert publications.agenda_changes(s.unpublished) == []
    with pytest.raises(NotAllowed):
        publications.supplement_publish(meeting=s.unpublished, reason="Again", by=s.officer)


def test_page_references_on_the_page_are_the_published_packs(client, published):
    s = published
    pack = pdf_of(get(client, PACK, s.member))
    printed = agenda_references(page_texts(pack))
    html = get(client, PAGE, s.member).content.decode()
    for title, (first, last) in printed.items():
        words = f"Page {first}" if first == last else f"Pages {first} - {last}"
        assert f"{words} of the published pack" in html, title
    assert printed  # the pack printed references to check


def test_withdrawing_stops_serving_at_once_and_a_revision_takes_its_place(client, published):
    s = published
    pack = Publication.objects.get(meeting=s.unpublished, kind=PublicationKind.PUBLIC_PACK)
    with pytest.raises(ValidationError):
        publications.publication_withdraw(publication=pack, reason="", by=s.officer)
    publications.publication_withdraw(
        publication=pack, reason="Named a child on page 4", by=s.officer
    )
    assert get(client, PACK).status_code == 404
    assert get(client, pack.get_absolute_url()).status_code == 404
    assert "Withdrawn" in get(client, PAGE).content.decode()
    publications.agenda_revise(meeting=s.unpublished, reason="Page 4 redacted", by=s.officer)
    assert pdf_of(get(client, PACK)) != b""
    revised = Publication.objects.current().get(
        meeting=s.unpublished, kind=PublicationKind.PUBLIC_PACK
    )
    assert revised.pk != pack.pk and revised.reason == "Page 4 redacted"


def test_withholding_an_item_after_publication_withdraws_the_public_documents(client, published):
    s = published
    agenda_item_update(
        item=s.unpublished_item,
        expected_version=None,
        security_marking="RESTRICTED",
        schedule_12a_paragraph=3,
        by=s.officer,
    )
    public = Publication.objects.filter(
        meeting=s.unpublished,
        kind__in=[PublicationKind.PUBLIC_PACK, PublicationKind.FRONTSHEET],
    )
    assert all(p.is_withdrawn and "withheld" in p.withdrawn_reason for p in public)
    assert get(client, PACK).status_code == 404
    members = Publication.objects.get(meeting=s.unpublished, kind=PublicationKind.MEMBERS_PACK)
    assert not members.is_withdrawn
    assert pdf_of(get(client, PACK, s.member))


def test_the_officers_page_publishes_and_withdraws(client, published):
    s = published
    client.force_login(s.officer)
    assert client.get(DOCUMENTS).status_code == 200
    make_document(s.unpublished_item, title="Late paper", text="LATE-PAPER", filename="late.pdf")
    response = client.post(DOCUMENTS, {"action": "supplement", "reason": ""})
    assert response.status_code == 400 and "Say what changed" in response.content.decode()
    response = client.post(DOCUMENTS, {"action": "supplement", "reason": "Late paper"})
    assert response.status_code == 302
    assert Publication.objects.filter(kind=PublicationKind.SUPPLEMENT_PUBLIC).count() == 1
    pack = Publication.objects.get(meeting=s.unpublished, kind=PublicationKind.PUBLIC_PACK)
    client.post(DOCUMENTS, {"action": "withdraw", "publication": pack.pk, "reason": "Wrong"})
    pack.refresh_from_db()
    assert pack.is_withdrawn and pack.withdrawn_reason == "Wrong"
    client.force_login(s.member)
    assert client.get(DOCUMENTS).status_code == 404


def test_renaming_every_item_changes_nothing_in_the_pack(scenario):
    """Roles, not titles, say which item carries the minutes and the performance report."""
    from cspboard.meetings.models import AgendaItem
    from cspboard.packs.builder import build_pack

    later = scenario.unpublished
    minutes_item = agenda_item_add(
        meeting=later, title="Minutes and Action Log", role="minutes_and_action_log"
    )
    before = page_texts(build_pack(later, members=True))
    for item in AgendaItem.objects.filter(meeting=later):
        agenda_item_update(item=item, expected_version=None, title=f"Item {item.pk}")
    after = page_texts(build_pack(later, members=True))
    assert len(before) == len(after)
    assert "DRAFT-MINUTES" in "\n".join(after)  # the last meeting's minutes, members' draft
    refs = agenda_references(after)
    assert f"Item {minutes_item.pk}" in refs


def test_published_minutes_are_fixed_with_their_approval_and_corrected_as_versions(
    client, scenario
):
    from cspboard.meetings import services as meetings

    s = scenario
    meeting = s.draft  # 27 June 2018, minutes drafted
    meetings.minutes_send_to_chair(meeting=meeting, by=s.officer)
    meetings.minutes_approve(meeting=meeting, by=s.officer)
    meetings.minutes_publish(meeting=meeting, by=s.officer)
    url = "/boards/csp/meetings/2018-06-27/minutes.pdf"
    first = pdf_of(get(client, url))
    text = "\n".join(page_texts(first))
    assert "DRAFT-MINUTES" in text and "Approved by the chair on" in text
    item = meeting.items.get()
    item.minutes = "<p>CHANGED-LATER</p>"
    item.save(update_fields=["minutes"])  # whatever happens to the record afterwards
    assert pdf_of(get(client, url)) == first
    with pytest.raises(ValidationError):
        publications.minutes_documents_publish(meeting=meeting, by=s.officer)
    public, _ = publications.minutes_documents_publish(
        meeting=meeting, by=s.officer, reason="Item 1 misquoted the figures"
    )
    corrected = pdf_of(get(client, url))
    assert corrected != first and "CHANGED-LATER" in "\n".join(page_texts(corrected))
    earlier = public.replaces
    assert earlier is not None and pdf_of(get(client, earlier.get_absolute_url())) == first
    assert (
        "Printed minutes (corrected)"
        in get(client, "/boards/csp/meetings/2018-06-27/").content.decode()
    )
