"""The restore drill: back up a database with papers, restore it into a fresh database and a
fresh documents folder with the `cspboard restore` command, and find the same rows and files.
Runs on SQLite and, under scripts/with-postgres.sh, on PostgreSQL (into a database it creates)."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.db import connection

from cspboard.core import backup as backups
from cspboard.documents.models import Document, documents_storage

pytestmark = pytest.mark.django_db(transaction=True)

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_database(tmp_path):
    """A DATABASE_URL for a new, empty database of the same kind as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"cspboard_restore_{uuid.uuid4().hex[:10]}"
    admin = connection.get_new_connection(connection.get_connection_params())
    admin.autocommit = True
    admin.execute(f'CREATE DATABASE "{name}"')
    url = urlsplit(os.environ["DATABASE_URL"])
    yield urlunsplit(url._replace(path=f"/{name}"))
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def restore_command(archive: Path, database_url: str, documents: Path, tmp_path):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DOCUMENTS_STORAGE", "DATABASE_URL"}
    }
    environment.update(
        DATABASE_URL=database_url,
        DOCUMENTS_ROOT=str(documents),
        CSPBOARD_VAR_DIR=str(tmp_path / "var"),
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, str(PROJECT / "manage.py"), "restore", str(archive)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def restored_counts(database_url: str) -> dict[str, int]:
    """Each table's rows in the restored database, read without Django."""
    if database_url.startswith("sqlite:"):
        db = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        tables = backups._sqlite_tables(db)
        counts = backups._count_rows(db.cursor(), tables, backups._sqlite_quote)
        db.close()
        return counts
    params = connection.get_connection_params()
    params["dbname"] = urlsplit(database_url).path.lstrip("/")
    raw = connection.get_new_connection(params)
    try:
        with raw.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            tables = [name for (name,) in cursor.fetchall()]
            return backups._count_rows(cursor, tables, connection.ops.quote_name)
    finally:
        raw.close()


def hashes_in(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_the_restore_drill(scenario, tmp_path, fresh_database):
    archive = tmp_path / "cspboard-backup.tar.gz"
    call_command("backup", str(archive))
    live_counts = backups._database_tables(connection)
    live_files = hashes_in(Path(documents_storage().location))
    assert Document.objects.count() == len(live_files) == 5

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["tables"] == live_counts
    assert manifest["database"]["tables"]["documents_document"] == 5
    assert {n: f["sha256"] for n, f in manifest["documents"].items()} == live_files

    documents = tmp_path / "restored-documents"
    result = restore_command(archive, fresh_database, documents, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Restored and verified" in result.stdout
    assert restored_counts(fresh_database) == live_counts
    assert hashes_in(documents) == live_files

    # A second restore into the same, no longer empty, database is refused.
    again = restore_command(archive, fresh_database, tmp_path / "other", tmp_path)
    assert again.returncode != 0
    assert "not empty" in again.stderr


def test_a_damaged_archive_is_refused_before_anything_is_written(scenario, tmp_path):
    archive = tmp_path / "backup.tar"
    manifest = backups.backup(archive)
    name = next(iter(manifest["documents"]))
    manifest["documents"][name]["sha256"] = "0" * 64
    with tarfile.open(archive) as tar, pytest.raises(backups.BackupError, match="SHA-256"):
        backups.verify_archive(tar, manifest)
