"""Published packs (packs) stored in and served from the documents store (documents) in an S3
bucket, against moto's S3 server on 127.0.0.1 (the store itself: documents/tests/test_s3.py)."""

import datetime

import pytest
from django.test import override_settings

from cspboard.documents.tests.factories import make_document
from cspboard.documents.tests.s3 import body, keys

# The documents store's fixtures: imported, they are this module's.
from cspboard.documents.tests.s3 import bucket as bucket
from cspboard.documents.tests.s3 import s3_endpoint as s3_endpoint
from cspboard.documents.tests.s3 import s3_environment as s3_environment
from cspboard.documents.tests.s3 import scenario as scenario
from cspboard.meetings.services import agenda_publish
from cspboard.packs.choices import PublicationKind
from cspboard.packs.models import Publication
from cspboard.packs.tests.helpers import page_texts


@pytest.fixture(autouse=True)
def _no_providers_nor_converter():
    """The packs hold the meeting's own papers only: no providers, no converter."""
    with override_settings(CSPBOARD_PACK_PROVIDERS=(), PACK_CONVERTER=None):
        yield


def test_publishing_stores_the_packs_in_the_bucket_and_serves_them(
    client, scenario, bucket, tmp_path
):
    s = scenario
    make_document(s.unpublished_item, title="Second", text="S3-SECOND", filename="second.pdf")
    agenda_publish(meeting=s.unpublished, today=datetime.date(2030, 9, 17), by=s.officer)
    publications = Publication.objects.filter(meeting=s.unpublished)
    assert publications.count() == 3
    stored = keys(bucket)
    assert {p.file.name for p in publications} <= stored

    pack = client.get("/boards/csp/meetings/2030-09-25/pack.pdf")
    public = body(pack)
    assert public == publications.get(kind=PublicationKind.PUBLIC_PACK).file.read()
    assert "S3-SECOND" in "\n".join(page_texts(public))
    # Nothing went to a folder.
    assert not (tmp_path / "documents").exists() or not any((tmp_path / "documents").iterdir())
