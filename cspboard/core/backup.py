"""Back up the database and the documents store into one archive, and restore it (decision 0009).

The archive is a tar file holding:

- `database.sqlite3` (SQLite's online backup API) or `database.pgdump` (`pg_dump
  --format=custom`), made from one consistent snapshot;
- `documents/<name>`: every file in the documents store (papers, published documents, packs),
  read through the storage API, so a folder and an S3 bucket back up alike;
- `manifest.json`: the format, when, the database's vendor, each table's row count in the same
  snapshot as the dump, and the size and SHA-256 of the dump and of every file.

A restore goes into an empty database and an empty documents store only. It checks every hash
in the archive before writing anything, then restores, then counts each table's rows and hashes
each file again as restored, and fails if anything differs from the manifest.

The database is backed up before the documents are listed: a paper's file is stored before its
row is committed, so every file the backed-up database names is in the archive.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import File
from django.db import connections

from .storage import documents_storage

FORMAT = "cspboard-backup/1"
MANIFEST = "manifest.json"
DOCUMENTS = "documents/"
CHUNK = 1024 * 1024
# libpq's own keywords, the only connection settings passed on to pg_dump and pg_restore.
LIBPQ_KEYWORDS = {
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "passfile",
    "connect_timeout",
    "options",
    "application_name",
    "sslmode",
    "sslcert",
    "sslkey",
    "sslrootcert",
    "sslcrl",
    "target_session_attrs",
}


class BackupError(Exception):
    """A backup or restore that cannot go on, or a restore that does not match its manifest."""


@dataclass
class Restored:
    tables: dict[str, int]
    files: int
    bytes: int


def sha256_of(handle) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


# The documents store -----------------------------------------------------------------------------


def stored_names(storage, folder: str = "") -> list[str]:
    """Every file in the store, as names the storage opens, in a stable order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a folder store not made yet holds nothing
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += stored_names(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


# Databases ---------------------------------------------------------------------------------------


def _count_rows(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - introspected names
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [name for (name,) in rows]


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_dump(connection, target: Path) -> dict[str, int]:
    """SQLite's online backup of the live database into `target`; counts from the copy."""
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy = sqlite3.connect(target)
    try:
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        return _count_rows(copy.cursor(), _sqlite_tables(copy), _sqlite_quote)
    finally:
        copy.close()


def _libpq(connection) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore: a conninfo string, the password in the
    environment (never on a command line other users can read)."""
    from psycopg.conninfo import make_conninfo

    params = connection.get_connection_params()
    keywords = {k: str(v) for k, v in params.items() if k in LIBPQ_KEYWORDS and v not in (None, "")}
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    conninfo = make_conninfo(**keywords)
    return [f"--dbname={conninfo}"], env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _postgres_dump(connection, target: Path) -> dict[str, int]:
    """pg_dump in the snapshot the row counts are taken in, so the two agree exactly."""
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = False
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = connection.introspection.table_names(cursor)
            counts = _count_rows(cursor, tables, connection.ops.quote_name)
            arguments, env = _libpq(connection)
            _run(
                [
                    os.environ.get("PG_DUMP", "pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    *arguments,
                ],
                env,
            )
        raw.rollback()
    finally:
        raw.close()
    return counts


def _database_tables(connection) -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return _count_rows(cursor, tables, connection.ops.quote_name)


# Backing up --------------------------------------------------------------------------------------


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


class _Hashing:
    """A file object that hashes what is read through it."""

    def __init__(self, handle):
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


def backup(out: Path, *, using: str = "default") -> dict:
    """Write the archive to `out` (`.tar`, or `.tar.gz` compressed); returns its manifest."""
    connection = connections[using]
    storage = documents_storage()
    mode = "w:gz" if out.name.endswith((".tar.gz", ".tgz")) else "w"
    with tempfile.TemporaryDirectory() as work:
        if connection.vendor == "sqlite":
            dump = Path(work) / "database.sqlite3"
            tables = _sqlite_dump(connection, dump)
        elif connection.vendor == "postgresql":
            dump = Path(work) / "database.pgdump"
            tables = _postgres_dump(connection, dump)
        else:
            raise BackupError(f"Backing up a {connection.vendor} database is not supported.")
        with dump.open("rb") as handle:
            dump_hash, dump_size = sha256_of(handle)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": {
                "vendor": connection.vendor,
                "file": dump.name,
                "sha256": dump_hash,
                "size": dump_size,
                "tables": tables,
            },
            "documents": {},
        }
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, mode) as archive:
            archive.add(dump, arcname=dump.name)
            for name in stored_names(storage):
                size = storage.size(name)
                info = tarfile.TarInfo(DOCUMENTS + name)
                info.size = size
                info.mtime = int(datetime.datetime.now().timestamp())
                with storage.open(name, "rb") as handle:
                    hashing = _Hashing(handle)
                    archive.addfile(info, hashing)
                if hashing.size != size:
                    raise BackupError(f"{name} changed while it was being backed up.")
                manifest["documents"][name] = {"sha256": hashing.digest.hexdigest(), "size": size}
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
        partial.replace(out)
    return manifest


# Restoring ---------------------------------------------------------------------------------------


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except KeyError:
        raise BackupError("The archive has no manifest: it is not a cspboard backup.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _member(archive: tarfile.TarFile, name: str):
    try:
        return archive.extractfile(name)
    except KeyError:
        raise BackupError(f"{name} is in the manifest but not in the archive.") from None


def verify_archive(archive: tarfile.TarFile, manifest: dict) -> None:
    """Every hash in the manifest, checked against the archive before anything is written."""
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected |= {DOCUMENTS + n: f["sha256"] for n, f in manifest["documents"].items()}
    for name, digest in expected.items():
        if sha256_of(_member(archive, name))[0] != digest:
            raise BackupError(f"{name} in the archive does not match its SHA-256.")


def _check_empty_database(connection) -> None:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables:
        raise BackupError(
            f"The database is not empty ({len(tables)} tables): restore into a new, empty one."
        )


def _restore_sqlite(connection, archive: tarfile.TarFile, name: str) -> None:
    target = Path(connection.settings_dict["NAME"])
    if str(target).startswith(":memory:") or "mode=memory" in str(target):
        raise BackupError("Restore into a database file, not an in-memory database.")
    connection.close()
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / name
        with copy.open("wb") as out:
            shutil.copyfileobj(_member(archive, name), out, CHUNK)
        source = sqlite3.connect(copy)
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            source.close()
            destination.close()


def _restore_postgres(connection, archive: tarfile.TarFile, name: str) -> None:
    arguments, env = _libpq(connection)
    connection.close()
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / name
        with copy.open("wb") as out:
            shutil.copyfileobj(_member(archive, name), out, CHUNK)
        _run(
            [
                os.environ.get("PG_RESTORE", "pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *arguments,
                str(copy),
            ],
            env,
        )


def restore(path: Path, *, using: str = "default") -> Restored:
    """Restore `path` into the (empty) database and (empty) documents store, and verify it."""
    connection = connections[using]
    storage = documents_storage()
    with tarfile.open(path, "r:*") as archive:
        manifest = read_manifest(archive)
        database = manifest["database"]
        if database["vendor"] != connection.vendor:
            raise BackupError(
                f"This is a {database['vendor']} backup; the database is {connection.vendor}."
            )
        verify_archive(archive, manifest)
        _check_empty_database(connection)
        if stored_names(storage):
            raise BackupError("The documents store is not empty: restore into an empty one.")

        if connection.vendor == "sqlite":
            _restore_sqlite(connection, archive, database["file"])
        else:
            _restore_postgres(connection, archive, database["file"])

        for name in manifest["documents"]:
            saved = storage.save(name, File(_member(archive, DOCUMENTS + name), name=name))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}.")

    tables = _database_tables(connection)
    if tables != database["tables"]:
        differ = sorted(
            t
            for t in set(tables) | set(database["tables"])
            if tables.get(t) != database["tables"].get(t)
        )
        raise BackupError(f"Row counts differ from the manifest in: {', '.join(differ)}.")
    total = 0
    for name, expected in manifest["documents"].items():
        with storage.open(name, "rb") as handle:
            digest, size = sha256_of(handle)
        if digest != expected["sha256"]:
            raise BackupError(f"{name} as restored does not match its SHA-256.")
        total += size
    return Restored(tables=tables, files=len(manifest["documents"]), bytes=total)
