"""The meeting page's panel of subgroup update reports, and the officers' link to the reports
of a coming meeting.

An inclusion tag, because the meeting page belongs to the meetings app: the tag calls the
reports selector, which applies cspboard.meetings.permissions. It makes no query on a meeting
without a "subgroup updates" item.
"""

from django import template
from django.utils import timezone

from cspboard.reports.selectors import is_subgroup_updates_item, subgroup_panel_for_viewer

register = template.Library()


def _walk(views):
    for view in views:
        yield view
        yield from _walk(view.children)


@register.inclusion_tag("reports/includes/_meeting_reports.html", takes_context=True)
def meeting_reports(context, page):
    """`page` is the meeting page (meetings.selectors.MeetingPage)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    meeting = page.meeting
    today = timezone.localdate()
    view = next((v for v in _walk(page.items) if is_subgroup_updates_item(v.item)), None)
    panel = None
    if view is not None and not view.redacted:
        panel = subgroup_panel_for_viewer(user, meeting, view.item, view.withheld, today)
    return {
        "meeting": meeting,
        "panel": panel,
        "show_due_link": page.is_officer and meeting.date >= today and not meeting.is_cancelled,
    }
