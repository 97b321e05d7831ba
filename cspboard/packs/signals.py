"""The record's announcements, answered by fixing its documents (cspboard.packs.publications),
and a new paper's conversion for the pack, queued for the worker (cspboard.packs.conversion).

Each publishing receiver runs inside the transaction of the service that published: if a
document cannot be laid out, the publication does not happen either, and the officer is told.
"""

from __future__ import annotations

import logging

from django.db import transaction

from cspboard.documents.models import Document

from .conversion import converter, convertible
from .publications import (
    agenda_documents_publish,
    minutes_documents_publish,
    withdraw_public_documents_showing,
)
from .tasks import convert_paper

logger = logging.getLogger(__name__)


def on_agenda_published(sender, meeting, by=None, **kwargs) -> None:
    agenda_documents_publish(meeting=meeting, by=by)


def on_items_withheld(sender, meeting, item_ids, by=None, **kwargs) -> None:
    withdraw_public_documents_showing(meeting=meeting, item_ids=item_ids, by=by)


def on_minutes_published(sender, meeting, by=None, **kwargs) -> None:
    minutes_documents_publish(meeting=meeting, by=by)


def on_document_saved(sender, instance: Document, created: bool, **kwargs) -> None:
    """A new paper that is not a PDF is converted in the background once it is committed
    (connected in `apps.py`; nothing of the record changes here)."""
    if created and convertible(instance) and converter() is not None:
        transaction.on_commit(lambda: _enqueue_conversion(instance.pk), robust=True)


def _enqueue_conversion(document_id: int) -> None:
    try:
        convert_paper.enqueue(document_id)
    except Exception:  # the pack converts it when it is built
        logger.exception("Could not queue the conversion of paper %s", document_id)
