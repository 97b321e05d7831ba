"""Subgroups' update reports for the tests: the `updates` fixture (on the reports' `coming`
meeting, conftest.py), shared by the reports' pack tests (test_pack.py) and the built pack's
(cspboard/tests/test_pack_subgroup_updates.py). Import the fixture into a test module to use it
there; that module must see `coming` too."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from cspboard.boards.tests.factories import BoardFactory
from cspboard.documents.tests.factories import pdf_bytes
from cspboard.reports import services

from .conftest import TODAY


def text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def restricted_update(s, subgroup=None, title="RESTRICTED-UPDATE", brief="SECRET-BRIEF"):
    """A withheld update report (paragraph 7) for the coming meeting, by the scenario's
    subgroup unless another is named."""
    return services.subgroup_update_save(
        meeting=s.coming,
        subgroup=subgroup or s.subgroup,
        title=title,
        brief_update=brief,
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
        today=TODAY,
    )


@pytest.fixture
def updates(coming):
    """Update reports for the coming meeting: the subgroup's public one, the second subgroup's
    withheld one and an uploaded one; and a subgroup with none."""
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
    restricted_update(
        s,
        subgroup=s.second_subgroup,
        title="Hate Crime Subgroup Update",
        brief="SECRET-BRIEF about a named person.",
    )
    services.subgroup_update_upload(
        meeting=s.coming,
        subgroup=s.uploader,
        upload=SimpleUploadedFile("snb.pdf", pdf_bytes("SNB-UPLOAD")),
        title="SNB update",
        today=TODAY,
    )
    return s
