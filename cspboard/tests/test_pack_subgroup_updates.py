"""The subgroups' update reports (reports) in the built agenda pack (packs), through the pack's
registered providers (cspboard.meetings.contributions)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from cspboard.boards.tests.factories import BoardFactory
from cspboard.documents.tests.factories import pdf_bytes
from cspboard.packs.builder import build_pack
from cspboard.reports import services
from cspboard.reports.tests.conftest import TODAY, coming  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def updates(coming):  # noqa: F811 (the fixture, imported above)
    s = coming
    s.quiet = BoardFactory(slug="asb", name="ASB Tasking Group", parent=s.board)
    s.uploader = BoardFactory(slug="snb", name="Safer Neighbourhood Board", parent=s.board)
    services.subgroup_update_save(
        meeting=s.coming,
        subgroup=s.subgroup,
        title="VAWG Subgroup Update",
        brief_update="PUBLIC-BRIEF the subgroup met twice.",
        key_challenges="PUBLIC-CHALLENGE",
        today=TODAY,
    )
    services.subgroup_update_save(
        meeting=s.coming,
        subgroup=s.second_subgroup,
        title="Hate Crime Subgroup Update",
        brief_update="SECRET-BRIEF about a named person.",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
        today=TODAY,
    )
    services.subgroup_update_upload(
        meeting=s.coming,
        subgroup=s.uploader,
        upload=SimpleUploadedFile("snb.pdf", pdf_bytes("SNB-UPLOAD")),
        title="SNB update",
        today=TODAY,
    )
    return s


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
