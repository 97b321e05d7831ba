"""The subgroups' update reports, as papers of the agenda pack (cspboard.meetings.contributions).

For the meeting's "subgroup updates" item: each update written on the template, rendered to PDF,
in subgroup order, then one page naming the subgroups that sent nothing ("No update report
provided"). Updates sent as files are papers of the item already, and reports written on the
cover sheet are the items' own papers: the pack has those without this module.

What the reader may see is decided as for an uploaded paper: an update marked PROTECTED or
RESTRICTED, or under a withheld item, comes back `withheld`, and for the public pack it carries
no content at all (the pack prints the "Document is Restricted" page instead).
"""

from __future__ import annotations

from django.utils import timezone

from cspboard.meetings.contributions import GeneratedPaper
from cspboard.meetings.models import AgendaItem

from . import rendering
from .selectors import (
    is_subgroup_updates_item,
    shows_subgroup_updates,
    subgroup_updates_item,
    subgroups_for_meeting,
)


def item_papers(item: AgendaItem, *, members: bool) -> list:
    """The generated papers of `item` for the members' pack (`members`) or the public one."""
    if not is_subgroup_updates_item(item):
        return []  # no query for every other item of the pack
    meeting = item.meeting
    collector = subgroup_updates_item(meeting)
    if collector is None or collector.pk != item.pk:
        return []
    rows = subgroups_for_meeting(meeting)
    if not shows_subgroup_updates(meeting, any(u for _, u in rows), timezone.localdate()):
        return []
    item_withheld = collector.is_withheld  # at any depth
    basis = collector.legal_basis

    papers = []
    for _, update in rows:
        if update is None or update.is_upload:
            continue
        withheld = item_withheld or update.is_marked_withheld
        legal_basis = (update.legal_basis or basis) if withheld else ""
        if withheld and not members:
            papers.append(GeneratedPaper(update.title, b"", withheld=True, legal_basis=legal_basis))
            continue
        pdf = rendering.subgroup_update_pdf(update)
        papers.append(GeneratedPaper(update.title, pdf, withheld=withheld, legal_basis=legal_basis))
    missing = [subgroup for subgroup, update in rows if update is None]
    if missing:
        title = "Subgroups with no update report"
        if item_withheld and not members:
            papers.append(GeneratedPaper(title, b"", withheld=True, legal_basis=basis))
        else:
            pdf = rendering.no_update_pdf(meeting, missing)
            papers.append(
                GeneratedPaper(
                    title, pdf, withheld=item_withheld, legal_basis=basis if item_withheld else ""
                )
            )
    return papers
