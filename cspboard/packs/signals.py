"""Publishing an agenda starts building its packs once the publication is committed, so the
first reader finds them ready. Connected here rather than in meetings/services.py's
`agenda_publish`, which saves the status with `update_fields`: that is what is listened for."""

from functools import partial

from django.db import transaction

from cspboard.meetings.choices import MeetingStatus


def agenda_published(sender, instance, update_fields=None, **kwargs) -> None:
    if (
        update_fields
        and "status" in update_fields
        and instance.status == MeetingStatus.AGENDA_PUBLISHED
    ):
        from .services import packs_start_after_publish

        transaction.on_commit(partial(packs_start_after_publish, instance.pk))
