"""The documents store in an S3 bucket, against moto's S3 server on 127.0.0.1: the fixtures
and helpers of the store's tests (test_s3.py) and of the published packs' (cspboard/tests/
test_s3_packs.py). Import the fixtures into a test module to use them there."""

import uuid

import boto3
import pytest
from django.test import override_settings
from moto.server import ThreadedMotoServer

import cspboard.settings as settings_module

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
    with override_settings(STORAGES=stores):
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
