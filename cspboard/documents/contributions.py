"""What papers add to the record's meeting pages, registered in `DocumentsConfig.ready` through
`meetings.contributions` (documents sits above meetings, so meetings never imports it)."""

from django.db.models import Prefetch

from cspboard.meetings.contributions import ITEM_PAPERS, HistorySource

from .models import Document


def item_papers_prefetch(access) -> Prefetch:
    """Each agenda item's papers that `access` may have, in the order the item lists them."""
    return Prefetch(
        "documents",
        queryset=Document.objects.visible_to(access).order_by("position", "pk"),
        to_attr=ITEM_PAPERS,
    )


def _meeting_papers_history(meeting_id: int):
    return Document.history.filter(item__meeting_id=meeting_id)


def _describe(record) -> str:
    return record.title


PAPERS_HISTORY = HistorySource(label="Paper", records=_meeting_papers_history, describe=_describe)
