"""The action log's place in the agenda pack: the board's actions outstanding at the meeting,
as they stood on its date, laid out by the pack with its own pages under the action-log item.

Registered in the pack's registry (`meetings.contributions.register_pack_section`) by this
app's `AppConfig.ready`, so the pack never imports the actions app.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from cspboard.boards.access import Access
from cspboard.boards.choices import ACTION_LOG_ROLES
from cspboard.meetings.contributions import PackSection, PackSectionProvider
from cspboard.meetings.models import Meeting

from .selectors import outstanding_actions_as_at
from .services import action_settings_for


def action_log_pages(meeting: Meeting, *, reader: Access) -> list[PackSection]:
    """The outstanding actions as at the meeting, as `reader` may see them; none when none."""
    actions = outstanding_actions_as_at(reader, meeting.board, meeting.date)
    if not actions:
        return []
    html = render_to_string(
        "actions/pack_action_log.html", {"meeting": meeting, "actions": actions}
    )
    return [PackSection(html=html, landscape=True)]


def prepare(meeting: Meeting) -> None:
    """The log reads the board's RAG settings, creating them the first time (which moves the
    record): done before the pack's fingerprint is taken."""
    action_settings_for(meeting.board)


ACTION_LOG = PackSectionProvider(roles=ACTION_LOG_ROLES, pages=action_log_pages, prepare=prepare)
