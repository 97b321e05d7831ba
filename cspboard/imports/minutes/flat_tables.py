"""Action tables a PDF flattened to text: the cells of each row run together with spaces,
and a long cell wraps onto a line of its own.

    No. Action Owner Deadline Status
    2 Provide ward-level robbery data for the needs RB 31/01/2024 Open
    assessment

`unflatten(lines)` finds a header row made only of column words (an action column and an
owner or a date column after it) and gives each row under it back its cells, tab-separated, as
the action extraction reads a table: the date and the status are taken from the row's end by
their form, the owner is the initials, name or group just before them, and the rest is the
action. A wrapped line is joined to its row. A row that does not split so is left as written.
"""

from __future__ import annotations

import re

from cspboard.actions.owner_phrases import owner_phrase
from cspboard.documents.readers import Line
from cspboard.people.names import HONORIFICS

from .names import plain

_MAX_ROWS = 500  # of one table
_MAX_WRAP_WORDS = 10  # a wrapped cell's line is short

_COLUMNS = [
    ("number", r"ref(?:erence)?\.?|no\.?|number|#|item"),
    ("action", r"(?:agreed\s+)?actions?(?:\s+(?:required|agreed|points?))?"),
    (
        "owner",
        r"(?:action\s+)?(?:owners?|leads?|responsible(?:\s+officer)?|by\s+whom|who)|action\s+by",
    ),
    (
        "due",
        r"target(?:\s+(?:completion\s+)?date)?|due(?:\s+date)?|deadline|by\s+when|when"
        r"|completion\s+date|date\s+due|date",
    ),
    ("status", r"status|rag(?:\s+status)?|progress"),
]
_COLUMN_PATTERNS = [(kind, re.compile(rf"(?:{p})(?=\s|$)", re.I)) for kind, p in _COLUMNS]
_MAX_COLUMNS = 8
_ROW_NUMBER = re.compile(r"^(?=[\w/.-]{0,11}\d)[\w/-]{1,12}[.)]?$")
_STATUS = re.compile(
    r"(?:^|\s)(?P<status>open|closed|complete(?:d)?|done|ongoing|on-?going|overdue|in\s+progress"
    r"|on\s+hold|carried(?:\s+forward)?|not\s+started|superseded|red|amber|green)$",
    re.I,
)
_STATUS_ENDS = {"carried": "forward", "in": "progress", "on": "hold", "not": "started"}
# The first word of one, only straight after a date: "30/06/2024 In".
_STATUS_START = re.compile(r"(?<=\d)\s(?P<status>in|on|not)$", re.I)
_DUE = re.compile(
    r"(?:^|\s)(?P<due>\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4}"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s+\d{4}"
    r"|tbc|tba|asap|ongoing)$",
    re.I,
)


def _columns_at(text: str, at: int, depth: int = 0) -> list[tuple[str, str]] | None:
    """The column words from `at` to the end, every way they can be read ("Action Owner" is
    one column or two), the first reading that makes a header."""
    while at < len(text) and text[at] == " ":
        at += 1
    if at == len(text):
        return []
    if depth >= _MAX_COLUMNS:
        return None
    for kind, pattern in _COLUMN_PATTERNS:
        match = pattern.match(text, at)
        if match is None:
            continue
        rest = _columns_at(text, match.end(), depth + 1)
        if rest is not None:
            reading = [(kind, match.group(0)), *rest]
            if depth or _is_header([k for k, _ in reading]):
                return reading
    return None


def _is_header(kinds: list[str]) -> bool:
    if len(kinds) < 3 or kinds.count("action") != 1 or len(set(kinds)) != len(kinds):
        return False
    before, after = kinds[: kinds.index("action")], kinds[kinds.index("action") + 1 :]
    return before in ([], ["number"]) and bool({"owner", "due"} & set(after))


def _header(text: str) -> tuple[list[str], list[str]] | None:
    """The columns a row of column words names, in order, and their words; None for any
    other line."""
    reading = _columns_at(text, 0)
    if not reading:
        return None
    return [kind for kind, _ in reading], [words for _, words in reading]


def _owner(words: list[str]) -> int:
    """How many words at the end of `words` name the owner (0: none): initials ("RB",
    "JT/KL"), a name with its title ("Ch Insp Raj Bassi") or a group ("All partners"). At
    least two words are left for the action."""
    valid = []
    for count in range(1, min(6, len(words) - 1)):
        tail = words[-count:]
        if tail[0][:1].isupper() and owner_phrase(" ".join(tail)):
            valid.append(count)
    if not valid:
        return 0
    last = words[-1].strip(",;")
    if valid[0] == 1 and last.isupper():
        # Initials: as many as are written together ("AB, CD").
        count = 1
        while count + 1 in valid and words[-count - 1].strip(",;/&").isupper():
            count += 1
        return count
    if valid[0] == 1:
        # A group ("Community Safety Team", "All partners"): its capitalised words.
        return max(c for c in valid if all(w[:1].isupper() for w in words[-c:-1]))
    count = next((c for c in valid if c >= 2), 0)
    while count and count < len(words) - 2 and words[-count - 1].casefold() in HONORIFICS:
        count += 1
    return count


def _row(text: str, columns: list[str]) -> dict[str, str] | None:
    """A flattened row's cells by column, or None when the line is not such a row."""
    cells: dict[str, str] = {}
    rest = text.strip()
    if columns[0] == "number":
        first, _, rest = rest.partition(" ")
        if not _ROW_NUMBER.match(first):
            return None
        cells["number"] = first
    for column in reversed(columns[columns.index("action") + 1 :]):
        if column == "status":
            # A two-word status may wrap after its first word ("In" / "progress").
            match = _STATUS.search(rest) or _STATUS_START.search(rest)
            if match:
                cells["status"], rest = match.group("status"), rest[: match.start()].strip()
        elif column == "due":
            match = _DUE.search(rest)
            if match:
                cells["due"], rest = match.group("due"), rest[: match.start()].strip()
        else:
            words = rest.split()
            count = _owner(words)
            if count:
                cells["owner"] = " ".join(words[-count:])
                rest = " ".join(words[:-count])
    if len(rest.split()) < 2 or not ({"owner", "due"} & set(cells)):
        return None
    cells["action"] = rest
    return cells


def _wrapped(text: str, cells: dict[str, str]) -> None:
    """A row's cell wrapped onto the next line: the end of a two-word status ("Carried" /
    "forward"), the rest the action's."""
    words = text.split()
    status = cells.get("status", "")
    end = _STATUS_ENDS.get(status.casefold())
    if end and words and words[-1].casefold() == end:
        cells["status"] = f"{status} {words.pop()}"
    if words:
        cells["action"] = f"{cells['action']} {' '.join(words)}"


def unflatten(lines: list[Line]) -> tuple[list[str], set[int]]:
    """The lines' texts, with each flattened action table given back its cells, and the
    indices of the lines that were its rows."""
    out: list[str] = []
    row_lines: set[int] = set()
    index = 0
    while index < len(lines):
        line = lines[index]
        text = plain(line.text)
        header = None if line.cells or len(text) > 120 else _header(text)
        if header is None:
            out.append(line.text)
            index += 1
            continue
        columns, words = header
        out.append("\t".join(words))
        index += 1
        rows: list[dict[str, str]] = []
        pending, pending_at = "", index  # a row's first line, its cells on the next
        while index < len(lines) and len(rows) < _MAX_ROWS:
            current = lines[index]
            text = plain(current.text)
            if not text or current.cells or current.heading:
                break
            row = _row(f"{pending} {text}".strip(), columns)
            if row is not None:
                rows.append(row)
                row_lines.add(pending_at if pending else index)
                pending = ""
            elif pending:
                break
            elif columns[0] != "number" and text[:1].isupper() and len(text) <= 200:
                # Unnumbered rows: a line opening in capitals that is not a whole row is a
                # row whose action wrapped before its other cells.
                pending, pending_at = text, index
            elif rows and len(text.split()) <= _MAX_WRAP_WORDS:
                _wrapped(text, rows[-1])
            else:
                break
            index += 1
        out.extend("\t".join(row.get(c, "") for c in columns) for row in rows)
        if pending:
            out.append(pending)
    return out, row_lines
