"""Built PDFs (packs and minutes) kept in the documents store under a fingerprint of everything
that can change them (see `services.py`): the fingerprint, and reading, keeping and replacing
the stored PDF."""

from __future__ import annotations

import datetime
import hashlib
import logging

from django.core.files.base import ContentFile

from cspboard.core.cache import board_generation_key
from cspboard.documents.models import documents_storage
from cspboard.meetings.contributions import pack_prepare
from cspboard.meetings.models import Meeting

from .choices import PackKind

logger = logging.getLogger(__name__)

# Bump when the pack's layout or contents change, so packs built by older code are not served.
PACK_FORMAT = 2


def pack_kind(*, members: bool) -> str:
    return PackKind.MEMBERS if members else PackKind.PUBLIC


def pack_fingerprint(meeting: Meeting, *, members: bool, document: str = "pack") -> str:
    parts = [
        f"format={PACK_FORMAT}",
        f"document={document}",
        f"meeting={meeting.pk}",
        f"members={members}",
        # The board's record, names shown across boards, and the open data its report counts.
        f"generation={board_generation_key(meeting.board_id, data=True)}",
        f"today={datetime.date.today().isoformat()}",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _folder(meeting: Meeting) -> str:
    return f"packs/{meeting.board.slug}/{meeting.date:%Y-%m-%d}"


def _name(meeting: Meeting, kind: str, fingerprint: str) -> str:
    return f"{_folder(meeting)}/{kind}-{fingerprint}.pdf"


def _prepare(meeting: Meeting) -> None:
    """Writes a build would otherwise make, made before the fingerprint is taken: the sections
    other apps write prepare theirs (the action log reads the board's RAG settings, creating
    them the first time, which moves the record)."""
    pack_prepare(meeting)


def _stored(meeting: Meeting, kind: str, fingerprint: str) -> bytes | None:
    storage = documents_storage()
    name = _name(meeting, kind, fingerprint)
    try:
        if storage.exists(name):
            with storage.open(name, "rb") as handle:
                return handle.read()
    except OSError:  # removed by a newer build between the two calls
        logger.info("Stored PDF %s went away", name)
    return None


def _keep(meeting: Meeting, kind: str, fingerprint: str, pdf: bytes, *, members: bool) -> bool:
    """Store the PDF in place of older ones, unless the record changed while it was built."""
    document = "minutes" if kind.startswith("minutes") else "pack"
    if pack_fingerprint(meeting, members=members, document=document) != fingerprint:
        return False
    name = _name(meeting, kind, fingerprint)
    _forget_older(meeting, kind, keep=name)
    storage = documents_storage()
    if not storage.exists(name):
        storage.save(name, ContentFile(pdf))
    return True


def _forget_older(meeting: Meeting, kind: str, *, keep: str) -> None:
    storage = documents_storage()
    folder = _folder(meeting)
    try:
        _, files = storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for filename in files:
        path = f"{folder}/{filename}"
        if filename.startswith(f"{kind}-") and path != keep:
            try:
                storage.delete(path)
            except OSError:  # another request removed it first
                logger.info("Old pack %s already gone", path)
