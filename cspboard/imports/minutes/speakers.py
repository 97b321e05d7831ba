"""Who the minutes record as speaking, for minutes that give no attendance list.

Some minutes (the "agenda and minutes" pages of a publishing site, notes of a short meeting)
never list who was there, yet record "Florence Henry updated the board ...", "Councillor
Worby highlighted ...", "April Bald questioned ...". Whoever spoke was there, so when a
meeting's part has no list at all these people are proposed as present, with a warning that
says how they were found: the officer checks them on the review page before anything is
written.
"""

from __future__ import annotations

import re

from cspboard.documents.readers import Line

from .draft import AttendeeDraft, MeetingDraft
from .names import cut_name, looks_like_person, plain

MAX_SPEAKERS = 100
_LINE_CHARS = 4000

_VERBS = """updated presented informed highlighted provided noted confirmed explained asked stated
said reported raised advised suggested opened added commented welcomed agreed queried questioned
responded shared mentioned emphasised emphasized echoed praised requested proposed thanked
acknowledged expressed clarified outlined summarised summarized introduced chaired challenged
recommended reminded reassured observed remarked enquired inquired offered""".split()
_ANY_VERB = re.compile(r"\b(?:" + "|".join(_VERBS) + r")\b")
# A name at the start of a sentence, perhaps with its post after a comma, then "also" and a
# verb of speaking: "Councillor Mullane, Community Safety Partnership (CSP) chair opened ...".
_SPEAKER = re.compile(
    r"(?:^|(?<=[.!?:;•·])\s+|^\s*[-–•·]\s*)"
    r"(?P<name>[A-Z][\w'’.-]{0,30}(?:\s+[A-Z][\w'’.-]{0,30}){0,3})"
    r"(?:,[^,.;]{1,80},)?\s+(?:also\s+|then\s+|further\s+)?"
    r"(?P<verb>" + "|".join(_VERBS) + r")\b"
)


def read_speakers(lines: list[Line], meeting: MeetingDraft) -> None:
    """Propose the people the minutes record as speaking as present, when nobody is listed."""
    # An agenda or a pack's reports name people who were not at this meeting.
    if meeting.attendance or meeting.kind in ("agenda", "action_log", "pack"):
        return
    found: dict[str, AttendeeDraft] = {}
    for line in lines:
        if line.cells and len([c for c in line.cells if c.strip()]) > 2:
            continue  # a table's rows name presenters of other meetings, not speakers
        text = plain(line.text)[:_LINE_CHARS]
        if not _ANY_VERB.search(text):
            continue
        for match in _SPEAKER.finditer(text):
            name, _post = cut_name(match["name"])
            if not looks_like_person(name) or name.casefold() in found:
                continue
            found[name.casefold()] = AttendeeDraft(name=name, where=line.where)
            if len(found) >= MAX_SPEAKERS:
                break
    if not found:
        return
    meeting.attendance.extend(found.values())
    meeting.warnings.append(
        f"No attendance list was found; the {len(found)} people the minutes record as "
        "speaking are proposed as present. Check them, and add anyone who attended without "
        "speaking."
    )
