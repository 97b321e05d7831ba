"""The record's announcements, answered by fixing its documents (cspboard.packs.publications).

Each receiver runs inside the transaction of the service that published: if a document cannot
be laid out, the publication does not happen either, and the officer is told.
"""


def on_agenda_published(sender, meeting, by=None, **kwargs) -> None:
    from .publications import agenda_documents_publish

    agenda_documents_publish(meeting=meeting, by=by)


def on_items_withheld(sender, meeting, item_ids, by=None, **kwargs) -> None:
    from .publications import withdraw_public_documents_showing

    withdraw_public_documents_showing(meeting=meeting, item_ids=item_ids, by=by)


def on_minutes_published(sender, meeting, by=None, **kwargs) -> None:
    from .publications import minutes_documents_publish

    minutes_documents_publish(meeting=meeting, by=by)
