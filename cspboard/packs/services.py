"""Agenda packs, kept in the documents store until something in them changes.

A built pack is stored under a fingerprint of everything that can change it: the meeting, which
pack, the record generation (moved by every save or delete of a record row, papers included,
inside the writing transaction), today's date (the action log's RAG ratings move with it) and
the pack format. A pack is therefore never served stale, and is rebuilt only after a change.
"""

from __future__ import annotations

import datetime
import hashlib
import logging

from django.core.files.base import ContentFile

from cspboard.core.cache import record_generation
from cspboard.documents.models import documents_storage
from cspboard.meetings.models import Meeting

from .builder import build_pack

logger = logging.getLogger(__name__)

# Bump when the pack's layout or contents change, so packs built by older code are not served.
PACK_FORMAT = 1


def pack_fingerprint(meeting: Meeting, *, members: bool) -> str:
    parts = [
        f"format={PACK_FORMAT}",
        f"meeting={meeting.pk}",
        f"members={members}",
        f"generation={record_generation()}",
        f"today={datetime.date.today().isoformat()}",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _folder(meeting: Meeting) -> str:
    return f"packs/{meeting.board.slug}/{meeting.date:%Y-%m-%d}"


def pack_pdf(meeting: Meeting, *, members: bool) -> bytes:
    """The meeting's pack (members' or public), from the store if nothing has changed since it
    was built, otherwise built now and stored in place of the older ones."""
    from cspboard.actions.services import action_settings_for

    # The action log reads the board's RAG settings, creating them the first time: a write that
    # moves the record generation, so it is done before the fingerprint is taken.
    action_settings_for(meeting.board)
    storage = documents_storage()
    kind = "members" if members else "public"
    fingerprint = pack_fingerprint(meeting, members=members)
    name = f"{_folder(meeting)}/{kind}-{fingerprint}.pdf"
    if storage.exists(name):
        with storage.open(name, "rb") as handle:
            return handle.read()
    pdf = build_pack(meeting, members=members)
    if pack_fingerprint(meeting, members=members) != fingerprint:
        # The record changed while the pack was being built: send it, but keep nothing.
        return pdf
    _forget_older(meeting, kind, keep=name)
    storage.save(name, ContentFile(pdf))
    return pdf


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
