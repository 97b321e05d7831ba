"""The words that head a list of who was there, and what each means.

"Present", "Members present", "Attendees", "In attendance", "Also present", "Officers
present", "Guests", "Substitutes", "Apologies for absence", "Absent", "Note taker", "Minutes:
...": `match_label(line)` says whether a line opens such a list, the status and capacity of
those it lists, and what follows the label on the same line.
"""

from __future__ import annotations

import dataclasses
import re

from .names import plain

_LINE_CHARS = 4000


@dataclasses.dataclass(frozen=True)
class Label:
    status: str
    capacity: str
    group: str  # "present", "in_attendance", "apologies", "other": what repeats mean
    inline_only: bool = False  # "Minutes: Heather McDonald" but never "Minutes" alone


# "Apologies for absence were received from A and B."
_OPT_FROM = (
    r"(?:\s+(?:were|was)\s+(?:received|given|tendered|submitted|noted)\s+(?:from|by)"
    r"|\s+(?:received\s+)?from)?"
)
_LABELS: list[tuple[re.Pattern, Label]] = [
    (
        re.compile(
            r"(?:also\s+(?:present|in\s+attendance|attending)"
            r"|officers?(?:\s+(?:present|in\s+attendance|attending))?"
            r"|advisers?(?:\s+present)?|partners\s+present|council\s+officers"
            r"|supporting\s+officers)\b"
        ),
        Label("present", "officer", "other"),
    ),
    (
        re.compile(
            r"(?:guest\s+speakers?|invited\s+guests?|guests?|observers?|visitors?|by\s+invitation)"
        ),
        Label("present", "guest", "other"),
    ),
    (re.compile(r"(?:presenters?|presenting)"), Label("present", "presenter", "other")),
    (
        re.compile(r"(?:substitutes?|substitute\s+members?|deputies)"),
        Label("present", "substitute", "other"),
    ),
    (re.compile(r"in\s+attendance"), Label("present", "member", "in_attendance")),
    (
        re.compile(
            r"(?:(?:board\s+|committee\s+|partnership\s+|voting\s+)?members?\s+"
            r"(?:present|in\s+attendance|attending)"
            r"|present\s+at\s+the\s+meeting|present|attendees|attendance|attending"
            r"|those\s+present|attended\s+by)"
        ),
        Label("present", "member", "present"),
    ),
    (
        re.compile(r"apologies(?:\s+for\s+(?:absence|lateness))?(?:\s+received)?" + _OPT_FROM),
        Label("apologies", "member", "apologies"),
    ),
    (
        re.compile(r"(?:absent\s+without\s+apologies|absentees|absent|not\s+present)"),
        Label("absent", "member", "absent"),
    ),
    (
        re.compile(
            r"(?:note\s*-?\s*takers?|minute\s*-?\s*takers?|minutes?\s+taken\s+by"
            r"|notes?\s+taken\s+by|minutes\s+by|minuted\s+by)"
        ),
        Label("present", "note_taker", "other"),
    ),
    (
        re.compile(r"(?:minutes|clerk|secretariat|minuting)"),
        Label("present", "note_taker", "other", True),
    ),
]
_SEPARATOR = re.compile(r"\s*(?:[:–—]|-(?!\w))\s*")


_QUALIFIER = re.compile(r"\s*\(([^()]{1,40})\)")
_MANNER = re.compile(
    r"\s+(?:virtually|remotely|online|in\s+person|in\s+the\s+room|on\s+(?:teams|zoom)"
    r"|via\s+(?:teams|zoom|video|phone|telephone)|by\s+(?:video|phone|telephone))(?=\s*[:–—-])",
    re.I,
)


def _qualified(label: Label, qualifier: str) -> Label:
    if label.status != "present" or label.capacity == "note_taker":
        return label
    if "officer" in qualifier or "staff" in qualifier:
        return dataclasses.replace(label, capacity="officer", group="other")
    if any(word in qualifier for word in ("guest", "observer", "visitor")):
        return dataclasses.replace(label, capacity="guest", group="other")
    return label


def match_label(text: str) -> tuple[Label, str, bool] | None:
    """(label, what follows it, whether it stands alone) when a line opens an attendance list."""
    text = plain(text)[:_LINE_CHARS].strip().strip("*_#").strip()
    lowered = text.casefold()
    for pattern, label in _LABELS:
        match = pattern.match(lowered)
        if not match or lowered[match.end() : match.end() + 1].isalnum():
            continue
        rest = text[match.end() :]
        manner = _MANNER.match(rest) if label.status == "present" else None
        if manner:
            rest = rest[manner.end() :]  # "Present virtually:", "Attending in person:"
        qualifier = _QUALIFIER.match(rest)
        if qualifier:
            # "Present (officers):", "In attendance (virtually)"
            rest = rest[qualifier.end() :]
            label = _qualified(label, qualifier.group(1).casefold())
        if not rest.strip(" :.–—-"):
            if label.inline_only:
                return None
            return label, "", True
        separator = _SEPARATOR.match(rest)
        tail = match.group(0)
        if separator:
            return label, rest[separator.end() :].strip(), False
        if tail.endswith((" from", " by")) or tail.endswith("from"):
            return label, rest.strip(), False
    return None
