"""Restricted items that a pack marks on its reports rather than on its agenda.

An agenda often prints an item's title plainly while the report behind it says, on its
cover, "Security: RESTRICTED" or "Not for publication by virtue of paragraph 1 of Part 1 of
Schedule 12A", or the pack's forward plan lists it as "RESTRICTED: ..." for the meeting. The
cover names its subject; the agenda item with the same subject is the restricted one. Only
covers outside the meeting parts (the pack's reports) are read, and only a clear match marks
an item: the officer sees the item marked, with where it came from.
"""

from __future__ import annotations

import dataclasses
import datetime
import re

from cspboard.documents.readers import Line, Where

from . import patterns
from .draft import ItemDraft, MeetingDraft

_SUBJECT = re.compile(r"^(?:subject|title|report title)\s*:\s*(?P<value>.{3,200})$", re.I)
_SECURITY = re.compile(
    r"^(?:security|classification|security classification|marking)\s*:\s*(?P<value>.{2,80})$",
    re.IGNORECASE,
)
_WITHHELD = re.compile(r"(?<!un)\b(?:restricted|protected|exempt|confidential)\b", re.I)
_OPEN = re.compile(r"\b(?:unrestricted|unprotected|public|open|official)\b", re.I)
# Words that say what kind of paper it is, not what it is about.
_NOISE = frozenset(
    "a an and the of for to on in at by with from report reports update updates board sub subgroup "
    "group chair chairs chair's s report's paper cover item csp verbal".split()
)
# Bounds, so that a hostile file cannot make the matching run long.
_MAX_COVERS = 200
_MAX_ITEMS = 500
# How many lines below a cover's subject its security field may be.
_COVER_SPAN = 12


@dataclasses.dataclass
class _Cover:
    subject: str
    paragraph: int | None
    where: Where


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _NOISE and len(w) > 1}


def _restricted_covers(lines: list[Line]) -> list[_Cover]:
    covers = []
    for index, line in enumerate(lines):
        subject = _SUBJECT.match(patterns.clean(line.text))
        if not subject:
            continue
        for following in lines[index + 1 : index + 1 + _COVER_SPAN]:
            text = patterns.clean(following.text)
            security = _SECURITY.match(text)
            if security:
                value = security["value"]
                # "[Unprotected/Protected/RESTRICTED]" is a template's unchosen options
                if _WITHHELD.search(value) and not _OPEN.search(value) and "/" not in value:
                    _, paragraph = patterns.restriction(value)
                    covers.append(_Cover(subject["value"].strip(), paragraph, following.where))
                break
            if patterns.SCHEDULE_12A_PARAGRAPH.search(text):
                _, paragraph = patterns.restriction(text)
                covers.append(_Cover(subject["value"].strip(), paragraph, following.where))
                break
    return covers


def _best_item(items: list[ItemDraft], subject: str) -> ItemDraft | None:
    wanted = _words(subject)
    if not wanted:
        return None
    scored = []
    for item in items:
        have = _words(item.title)
        if not have:
            continue
        overlap = len(wanted & have) / min(len(wanted), len(have))
        scored.append((overlap, len(wanted & have), item))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    if not scored or scored[0][0] < 0.75 or scored[0][1] < 2 and len(wanted) > 1:
        return None
    if len(scored) > 1 and scored[1][:2] == scored[0][:2]:
        return None  # two items match as well: not clear which
    return scored[0][2]


def _planned_restricted(lines: list[Line]) -> list[tuple[datetime.date, _Cover]]:
    """The items a forward plan's table marks restricted ("RESTRICTED: Prevent Update"), each
    with the date of the meeting the plan puts it in (the last date its rows gave)."""
    out = []
    planned: datetime.date | None = None
    for line in lines:
        if not line.cells:
            continue
        first = patterns.clean(line.cells[0])
        if first:
            planned = patterns.find_date(first) or planned
        if planned is None:
            continue
        for cell in line.cells:
            text = patterns.clean(cell)
            marking = patterns.RESTRICTED_PREFIX.match(text)
            if marking and len(text) <= 200:
                _, paragraph = patterns.restriction(text)
                out.append((planned, _Cover(text[marking.end() :], paragraph, line.where)))
    return out


def mark_from_reports(meetings: list[MeetingDraft], lines: list[Line]) -> None:
    """Mark the agenda items whose reports in the pack are restricted, or which the pack's
    forward plan marks restricted for the meeting."""
    agendas = [m for m in meetings if m.kind in ("agenda", "agenda_and_minutes") and m.items]
    if not agendas:
        return
    inside: set[int] = set()
    for meeting in meetings:
        inside.update(range(meeting.first_line, meeting.last_line + 1))
    outside = [line for line in lines if line.where.line not in inside]
    for cover in _restricted_covers(outside)[:_MAX_COVERS]:
        for meeting in agendas:
            _mark(meeting, cover, "its report")
    for planned, cover in _planned_restricted(outside)[:_MAX_COVERS]:
        for meeting in agendas:
            if meeting.date == planned:
                _mark(meeting, cover, "the forward plan's entry")


def _mark(meeting: MeetingDraft, cover: _Cover, whose: str) -> None:
    item = _best_item(meeting.items[:_MAX_ITEMS], cover.subject)
    if item is None or item.restricted:
        return
    item.restricted = True
    item.restriction_paragraph = item.restriction_paragraph or cover.paragraph
    number = " ".join(n for n in (item.parent_number, item.number) if n)
    meeting.warnings.append(
        f'Item {number or item.title} is marked restricted: {whose} ("{cover.subject}") is '
        f"marked so ({cover.where})."
    )
