"""The demo board's report requests and subgroup settings, loaded through the reports services.

- The Executive Planning Group sends the board no update report ("each sub-group, excluding the
  Executive Planning Group, report on their progress", subgroup update report of 28 March 2018);
  every other subgroup does.
- Each paper item of a meeting still to come (on the loader's `today`) is requested from its
  first presenter, by the board's deadline (or today, when that has passed). The seed packs'
  meetings are all past on most days, so this usually requests nothing; loaded with an earlier
  `today` (the tests do), the planned meetings of December 2023 and March 2024 get theirs.

The demo holds no e-mail addresses, so no request is ever mailed.
"""

from __future__ import annotations

import datetime

from cspboard.boards.models import Board
from cspboard.meetings.choices import ItemKind, MeetingStatus
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.reports.selectors import default_deadline
from cspboard.reports.services import report_request_create, subgroups_reporting_set

NO_UPDATES = {"epg"}  # subgroups that send no update report


def load_reports(
    *,
    boards: dict[str, Board],
    meetings: dict[datetime.date, Meeting],
    today: datetime.date,
    counts: dict[str, int],
) -> None:
    for board in boards.values():
        if board.parent_id is None and any(b.parent_id == board.pk for b in boards.values()):
            reporting = [
                b for k, b in boards.items() if b.parent_id == board.pk and k not in NO_UPDATES
            ]
            subgroups_reporting_set(board=board, reporting=reporting)
    counts["report_requests"] = 0
    for day, meeting in sorted(meetings.items()):
        if day < today or meeting.status == MeetingStatus.CANCELLED:
            continue
        deadline = max(default_deadline(meeting), today)
        if deadline >= meeting.date:
            continue  # too late to ask for papers
        items = (
            AgendaItem.objects.filter(meeting=meeting, kind=ItemKind.PAPER, is_standing=False)
            .prefetch_related("presenters")
            .order_by("position")
        )
        for item in items:
            presenters = list(item.presenters.all())
            if not presenters:
                continue  # "All Partners", "CSP Team": the officer decides who writes it
            report_request_create(item=item, author=presenters[0], deadline=deadline, today=today)
            counts["report_requests"] += 1
