"""The documents store in an S3 bucket (DOCUMENTS_STORAGE=s3), against moto's S3 server on
127.0.0.1: papers uploaded through the service and the officer's form, served only by the
permission-checking view. (Published packs in the bucket: cspboard/tests/test_s3_packs.py.)"""

import os
import subprocess
import sys
from pathlib import Path

from django.core.files.storage import storages
from django.urls import reverse

import cspboard.settings as settings_module
from cspboard.documents.models import Document, documents_storage
from cspboard.documents.tests.factories import pdf_bytes
from cspboard.documents.tests.s3 import body, keys

# The store's fixtures (shared with the packs' test): imported, they are this module's.
from cspboard.documents.tests.s3 import bucket as bucket
from cspboard.documents.tests.s3 import s3_endpoint as s3_endpoint
from cspboard.documents.tests.s3 import s3_environment as s3_environment
from cspboard.documents.tests.s3 import scenario as scenario

PROJECT = Path(__file__).resolve().parents[3]


def test_every_setting_comes_from_the_environment(s3_environment):
    options = settings_module.s3_documents_options()
    assert options["bucket_name"] == s3_environment["AWS_STORAGE_BUCKET_NAME"]
    assert options["region_name"] == "eu-west-2"
    assert options["endpoint_url"] == s3_environment["AWS_S3_ENDPOINT_URL"]
    assert options["access_key"] == options["secret_key"] == "testing"
    assert options["addressing_style"] == "path"
    assert options["default_acl"] == "private" and options["querystring_auth"] is True


def test_the_store_is_looked_up_whenever_used(scenario, bucket):
    """Nothing keeps the store it found at import: the override reaches Document.file."""
    assert type(storages["documents"]).__name__ == "S3Storage"
    assert documents_storage().bucket_name == bucket.name
    assert Document.objects.first().file.storage.bucket_name == bucket.name


def test_papers_are_stored_in_the_bucket_and_served_by_the_permission_check(
    client, scenario, bucket
):
    s = scenario
    stored = keys(bucket)
    assert s.public_doc.file.name in stored and s.restricted_doc.file.name in stored
    assert all(key.startswith("csp/") for key in stored)

    public = client.get(s.public_doc.get_absolute_url())
    assert b"PUBLIC-DOC-TEXT" in body(public)

    for doc in (s.restricted_doc, s.marked_doc):
        assert client.get(doc.get_absolute_url()).status_code == 404  # anonymous
    client.force_login(s.outsider)
    assert client.get(s.restricted_doc.get_absolute_url()).status_code == 404
    client.force_login(s.member)
    served = client.get(s.restricted_doc.get_absolute_url())
    assert b"SECRET-DOC-TEXT" in body(served)
    assert served["Cache-Control"] == "private, no-store"


def test_an_officer_uploads_a_paper_into_the_bucket(client, scenario, bucket):
    from django.core.files.uploadedfile import SimpleUploadedFile

    s = scenario
    client.force_login(s.officer)
    response = client.post(
        reverse("documents:document_upload", kwargs={"item_id": s.unpublished_item.pk}),
        {
            "title": "Uploaded to S3",
            "kind": "report",
            "security_marking": "UNRESTRICTED",
            "file": SimpleUploadedFile("s3-paper.pdf", pdf_bytes("S3-UPLOAD"), "application/pdf"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    document = Document.objects.get(title="Uploaded to S3")
    assert document.file.name in keys(bucket)
    assert b"S3-UPLOAD" in body(client.get(document.get_absolute_url()))


def test_the_app_starts_with_s3_from_the_environment(s3_environment, tmp_path):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "CSPBOARD_DEMO", "CSPBOARD_ENV"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cspboard.settings",
        CSPBOARD_VAR_DIR=str(tmp_path / "var"),
        SECRET_KEY="x" * 60,
        **s3_environment,
    )
    code = (
        "import django; django.setup(); "
        "from django.core.files.base import ContentFile; "
        "from django.core.files.storage import storages; "
        "store = storages['documents']; "
        "name = store.save('csp/check.txt', ContentFile(b'stored')); "
        "print(type(store).__name__, store.open(name).read().decode())"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "stored"]
