"""The documents store in an S3 bucket (DOCUMENTS_STORAGE=s3), against moto's S3 server on
127.0.0.1: papers uploaded through the service and the officer's form, served only by the
permission-checking view. (Published packs in the bucket: cspboard/tests/test_s3_packs.py.)"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import storages
from django.test import override_settings
from django.urls import reverse
from moto.server import ThreadedMotoServer

import cspboard.settings as settings_module
from cspboard.documents.models import Document, documents_storage
from cspboard.documents.tests.factories import pdf_bytes

PROJECT = Path(__file__).resolve().parents[3]
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_environment(s3_endpoint, monkeypatch, tmp_path):
    """The environment a deployment sets, with a fresh bucket."""
    bucket = f"papers-{uuid.uuid4().hex[:12]}"
    environment = {
        "DOCUMENTS_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_REGION_NAME": "eu-west-2",
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_ADDRESSING_STYLE": "path",
        **CREDENTIALS,
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="eu-west-2",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ).create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    return environment


@pytest.fixture
def bucket(s3_environment, tmp_path):
    """STORAGES["documents"] as settings.py builds it from that environment, for the test."""
    options = settings_module.s3_documents_options()
    from django.conf import settings

    stores = {
        **settings.STORAGES,
        "documents": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    with override_settings(STORAGES=stores, CSPBOARD_PACK_PROVIDERS=(), PACK_CONVERTER=None):
        yield boto3.resource(
            "s3",
            endpoint_url=s3_environment["AWS_S3_ENDPOINT_URL"],
            region_name="eu-west-2",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        ).Bucket(s3_environment["AWS_STORAGE_BUCKET_NAME"])


@pytest.fixture
def scenario(bucket, scenario):
    """The project's scenario, its papers stored in the bucket."""
    return scenario


def keys(bucket) -> set[str]:
    return {o.key for o in bucket.objects.all()}


def body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


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
