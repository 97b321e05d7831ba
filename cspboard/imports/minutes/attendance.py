"""Who was there: present (with post and organisation), apologies, also present, substitutes,
the note taker, initials defined in brackets; and the declarations of interest.

Minutes head their lists in many words ("Present", "Members present", "Attendees", "In
attendance", "Also present", "Officers present", "Apologies for absence", "Absent", "Note
taker", "Minutes: ...") and lay them out as a run-on line ("Present: A (Chair), B, C"), one
person a line ("Jonathon Toy (JT), Director of Community Safety, LBBD"), a sentence
("Apologies were received from A and B") or a table (name | post | organisation, sometimes
with an attendance column). `read_attendance` reads each list until the next heading or item,
keeping names as written; `names.py` tells a name from a post or a body. Minutes with no list
at all get the people they record as speaking (`speakers.py`), with a warning; the
declarations are `declarations.py`'s.

A second "Present" list far below the first is another meeting's (a pack holds several); it
is left, with a warning, for when the document is split into its meetings.
"""

from __future__ import annotations

import dataclasses
import re

from cspboard.documents.readers import Line

from . import declarations, speakers
from .draft import AttendeeDraft, MeetingDraft
from .names import (
    MAX_PIECE,
    POST_NOMINALS,
    cut_name,
    has_role_word,
    initials_fit,
    is_initials,
    looks_like_org,
    looks_like_person,
    plain,
    split_honorific,
)

MAX_ATTENDEES = 500  # per meeting; a longer "list" is not a list of people
_MAX_SECTION_LINES = 150  # lines read under one label
_MAX_BLANKS = 2  # blank lines a list may run on across
_LINE_CHARS = 4000  # of one line, read for names
_NEW_MEETING_GAP = 40  # lines after which a second "Present" list is another meeting's


@dataclasses.dataclass(frozen=True)
class _Label:
    status: str
    capacity: str
    group: str  # "present", "in_attendance", "apologies", "other": what repeats mean
    inline_only: bool = False  # "Minutes: Heather McDonald" but never "Minutes" alone


# "Apologies for absence were received from A and B."
_OPT_FROM = (
    r"(?:\s+(?:were|was)\s+(?:received|given|tendered|submitted|noted)\s+(?:from|by)"
    r"|\s+(?:received\s+)?from)?"
)
_LABELS: list[tuple[re.Pattern, _Label]] = [
    (
        re.compile(
            r"(?:also\s+(?:present|in\s+attendance|attending)"
            r"|officers?(?:\s+(?:present|in\s+attendance|attending))?"
            r"|advisers?(?:\s+present)?|partners\s+present|council\s+officers"
            r"|supporting\s+officers)\b"
        ),
        _Label("present", "officer", "other"),
    ),
    (
        re.compile(
            r"(?:guest\s+speakers?|invited\s+guests?|guests?|observers?|visitors?|by\s+invitation)"
        ),
        _Label("present", "guest", "other"),
    ),
    (re.compile(r"(?:presenters?|presenting)"), _Label("present", "presenter", "other")),
    (
        re.compile(r"(?:substitutes?|substitute\s+members?|deputies)"),
        _Label("present", "substitute", "other"),
    ),
    (re.compile(r"in\s+attendance"), _Label("present", "member", "in_attendance")),
    (
        re.compile(
            r"(?:(?:board\s+|committee\s+|partnership\s+|voting\s+)?members?\s+"
            r"(?:present|in\s+attendance|attending)"
            r"|present\s+at\s+the\s+meeting|present|attendees|attendance|attending"
            r"|those\s+present|attended\s+by)"
        ),
        _Label("present", "member", "present"),
    ),
    (
        re.compile(r"apologies(?:\s+for\s+(?:absence|lateness))?(?:\s+received)?" + _OPT_FROM),
        _Label("apologies", "member", "apologies"),
    ),
    (
        re.compile(r"(?:absent\s+without\s+apologies|absentees|absent|not\s+present)"),
        _Label("absent", "member", "absent"),
    ),
    (
        re.compile(
            r"(?:note\s*-?\s*takers?|minute\s*-?\s*takers?|minutes?\s+taken\s+by"
            r"|notes?\s+taken\s+by|minutes\s+by|minuted\s+by)"
        ),
        _Label("present", "note_taker", "other"),
    ),
    (
        re.compile(r"(?:minutes|clerk|secretariat|minuting)"),
        _Label("present", "note_taker", "other", True),
    ),
]
_SEPARATOR = re.compile(r"\s*(?:[:–—]|-(?!\w))\s*")


_QUALIFIER = re.compile(r"\s*\(([^()]{1,40})\)")


def _qualified(label: _Label, qualifier: str) -> _Label:
    if label.status != "present" or label.capacity == "note_taker":
        return label
    if "officer" in qualifier or "staff" in qualifier:
        return dataclasses.replace(label, capacity="officer", group="other")
    if any(word in qualifier for word in ("guest", "observer", "visitor")):
        return dataclasses.replace(label, capacity="guest", group="other")
    return label


def match_label(text: str) -> tuple[_Label, str, bool] | None:
    """(label, what follows it, whether it stands alone) when a line opens an attendance list."""
    text = plain(text)[:_LINE_CHARS].strip().strip("*_#").strip()
    lowered = text.casefold()
    for pattern, label in _LABELS:
        match = pattern.match(lowered)
        if not match or lowered[match.end() : match.end() + 1].isalnum():
            continue
        rest = text[match.end() :]
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


# -- pieces of a list ----------------------------------------------------------------------

_BRACKET = re.compile(r"\(([^()]{0,150})\)")
_CHAIR = re.compile(
    r"^(?:vice|deputy|interim|acting|co-?)?\s*-?\s*chair(?:man|person|woman)?$", re.I
)
_NOTE_TAKER = re.compile(r"^(?:note|minute)s?\s*-?\s*taker$|^minutes$|^clerk$", re.I)
_SUB_FOR = re.compile(
    r"\b(?:stepping\s+in\s+for|substituting\s+for|substitute\s+for|sub\s+for|deputising\s+for"
    r"|deputizing\s+for|deputy\s+for|standing\s+in\s+for|in\s+place\s+of|covering\s+for"
    r"|on\s+behalf\s+of"
    r"|representing)\s+(?P<for>.+)$",
    re.I,
)
_NOTE = re.compile(
    r"^(?:arrived|left|joined|from\s+item|for\s+items?|items?\s|part|until|after|virtual|online|"
    r"remote|via|by\s+phone|observer|observing)",
    re.I,
)
_COMMA = re.compile(r"[,;]")
_DASH = re.compile(r"\s+[–—-]\s+")
_AND = re.compile(r"\s+(?:and|&)\s+")


def _outside_brackets(text: str, separator: re.Pattern) -> list[str]:
    """`text` split where `separator` matches outside brackets."""
    depth, marks = 0, []
    for index, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth:
            marks.append(index)
    inside = set(marks)
    out, start = [], 0
    for match in separator.finditer(text):
        if match.start() in inside:
            continue
        out.append(text[start : match.start()])
        start = match.end()
    out.append(text[start:])
    return out


def _pieces(text: str) -> list[str]:
    """A list split at commas, semicolons and "and" (never inside brackets); "A and B" is
    two people only when both sides are names ("Policy and Strategy" is one post)."""
    out = []
    for piece in _outside_brackets(text[:_LINE_CHARS], _COMMA):
        piece = piece.strip().rstrip(".").strip()
        if not piece:
            continue
        parts = [p.strip() for p in _outside_brackets(piece, _AND)]
        if len(parts) > 1 and all(looks_like_person(_BRACKET.sub("", p).strip()) for p in parts):
            out.extend(parts)
        else:
            out.append(piece)
    return out


def _attendee(piece: str, label: _Label, line: Line) -> AttendeeDraft | None:
    """One person's entry ("Jonathon Toy (JT)", "Cllr Worby (Chair)", "Supt X for Chief Supt
    Y"), or None when the piece is not a name (a post or a body, read by the caller)."""
    piece = piece.strip()[:MAX_PIECE]
    person = AttendeeDraft(name="", status=label.status, capacity=label.capacity, where=line.where)
    notes = [m.strip() for m in _BRACKET.findall(piece)]
    piece = " ".join(_BRACKET.sub(" ", piece).split()).strip(" ,;–—-")
    substitute = _SUB_FOR.search(piece)
    if substitute:
        piece = piece[: substitute.start()].strip(" ,;–—-")
        notes.append(substitute.group(0))
    else:
        for_match = re.match(r"^(?P<name>.+?)\s+for\s+(?P<for>.+)$", piece)
        if (
            for_match
            and looks_like_person(for_match["name"])
            and looks_like_person(for_match["for"])
        ):
            piece = for_match["name"]
            person.capacity = "substitute"
            person.substitute_for = for_match["for"]
    parts = _DASH.split(piece, maxsplit=2)
    name, extra = cut_name(parts[0])
    if not looks_like_person(name):
        return None
    person.name = name
    for text in [extra, *parts[1:]]:
        _add_post(person, text)
    for note in notes:
        _read_note(person, note)
    return person


def _read_note(person: AttendeeDraft, note: str) -> None:
    if note.upper() in POST_NOMINALS:
        person.name = f"{person.name} {note}"  # "Rita Giles (MBE)"
        return
    if is_initials(note) and initials_fit(person.name, note):
        person.initials = note
        return
    if _CHAIR.match(note):
        person.role = person.role or note
        return
    if _NOTE_TAKER.match(note):
        person.capacity = "note_taker"
        return
    substitute = _SUB_FOR.search(note) or re.match(r"^(?:sub\w*\s+)?for\s+(?P<for>.+)$", note, re.I)
    if substitute:
        target = substitute["for"].strip(" .")
        if note.casefold().startswith("representing") or not looks_like_person(target):
            person.organisation = person.organisation or target
        else:
            person.capacity = "substitute"
            person.substitute_for = target
        return
    if _NOTE.match(note):
        return
    _add_post(person, note)


def _add_post(person: AttendeeDraft, text: str) -> None:
    """A post or a body written beside a name: "Director of Community Safety", "LBBD"."""
    text = text.strip(" ,;.–—-")
    if not any(ch.isalpha() for ch in text):
        return
    if is_initials(text) and not person.initials and initials_fit(person.name, text):
        person.initials = text  # "Jonathon Toy – JT"
    elif looks_like_org(text) and not person.organisation:
        person.organisation = text
    elif has_role_word(text) and not person.role:
        person.role = text
    elif not person.organisation:
        person.organisation = text
    else:
        person.role = ", ".join(filter(None, [person.role, text]))


def _split_run_on(people: list[AttendeeDraft], meeting: MeetingDraft) -> list[AttendeeDraft]:
    """ "R. Zacky Diane Worby": four name words and no comma are most likely two people; what
    followed the name (initials, "for ...", "NOTE TAKER") is the second one's. The officer is
    told, since a four-word name is not impossible."""
    out = []
    for person in people:
        title, rest = split_honorific(person.name)
        tokens = rest.split()
        first, second = " ".join(tokens[:2]), " ".join(tokens[2:])
        if (
            title
            or len(tokens) != 4
            or person.role
            or person.organisation
            or not (looks_like_person(first) and looks_like_person(second))
        ):
            out.append(person)
            continue
        capacity = "member" if person.capacity in ("substitute", "note_taker") else person.capacity
        out.append(
            AttendeeDraft(name=first, status=person.status, capacity=capacity, where=person.where)
        )
        out.append(dataclasses.replace(person, name=second))
        meeting.warnings.append(
            f"\u201c{person.name}\u201d at {person.where} was read as two people, "
            f"\u201c{first}\u201d and \u201c{second}\u201d: a comma seems to be missing."
        )
    return out


_PLURAL_TITLE = re.compile(r"^\s*(councillors|cllrs\.?)\s+", re.I)


def _with_plural_titles(pieces: list[str]) -> list[str]:
    """ "Councillors Smith (Chair), Jones and Patel": the title is each one's, until someone
    has a title of their own ("Councillor X (Chair); Councillors A, B and C; Mr D")."""
    out: list[str] = []
    title = ""
    for piece in pieces:
        plural = _PLURAL_TITLE.match(piece)
        if plural:
            title = "Councillor" if plural.group(1).casefold().startswith("councillor") else "Cllr"
            piece = piece[plural.end() :]
        elif split_honorific(piece)[0]:
            title = ""
        if not title:
            out.append(piece)
            continue
        for part in _outside_brackets(piece, _AND):
            part = part.strip()
            if part:
                out.append(part if split_honorific(part)[0] else f"{title} {part}")
    return out


_BULLET = re.compile(r"^\s*(?:[-–—•·▪‣◦*]|\(?[a-z]\)|\d{1,3}[.)])\s+")


def _entries(text: str, label: _Label, line: Line, one_a_line: bool) -> list[AttendeeDraft]:
    """The people a piece of a list names; posts and bodies go to the person before them."""
    found: list[AttendeeDraft] = []
    text = _BULLET.sub("", text, count=1)
    pieces = _with_plural_titles(_pieces(text))
    for piece in pieces:
        person = _attendee(piece, label, line)
        if person is not None and not (one_a_line and found):
            found.append(person)
        elif found:
            _add_post(found[-1], piece)
        elif person is not None:
            found.append(person)
    return found


# -- tables --------------------------------------------------------------------------------

_COLUMN_WORDS = {
    "name": re.compile(r"^(?:names?|attendees?|members?|full\s+name|person|representative)$"),
    "role": re.compile(r"^(?:post(?:\s+title)?|job\s+title|title|role|position|designation)$"),
    "organisation": re.compile(
        r"^(?:organi[sz]ations?|agency|agencies|representing|body|partner|service|org)$"
    ),
    "initials": re.compile(r"^(?:initials|init\.?)$"),
    "status": re.compile(
        r"^(?:attendance|status|present|attended|present\s*/\s*apologies|apologies|attending)$"
    ),
}


def _table_header(cells: tuple[str, ...]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = plain(cell).casefold().strip(" :?")
        for field, pattern in _COLUMN_WORDS.items():
            if field not in columns and pattern.match(text):
                columns[field] = index
                break
    if "name" in columns and len(columns) >= 2:
        return columns
    return None


def _status_cell(text: str) -> tuple[str, str] | None:
    """(status, capacity or "") from an attendance column: "Present", "Apologies", "✓",
    "Present as substitute", "In attendance"; None for "Expected" or a blank."""
    text = plain(text).casefold().strip(" .")
    if "substitute" in text and not text.startswith("apolog"):
        return "present", "substitute"
    if text in {"in attendance", "attending"}:
        return "present", "officer"
    if text in {"present", "yes", "y", "✓", "✔", "attended", "in person", "virtual", "online"}:
        return "present", ""
    if text.startswith(("apolog", "apols")) or text in {"a", "sent apologies"}:
        return "apologies", ""
    if text in {"absent", "no", "n", "x", "✗", "did not attend", "dna"}:
        return "absent", ""
    return None


def _table_row(
    line: Line, columns: dict[str, int] | None, label: _Label
) -> list[AttendeeDraft] | None:
    """The person a table row holds; [] for a row of nobody ("N/A"); None when the row is not
    a person's (the table has ended)."""
    cells = line.cells
    if not any(c.strip() for c in cells):
        return []
    columns = columns or {"name": 0, "role": 1, "organisation": 2}

    def cell(field: str) -> str:
        index = columns.get(field)
        return plain(cells[index]) if index is not None and index < len(cells) else ""

    name_text = cell("name")
    if not name_text or name_text.casefold() in {"n/a", "vacant", "tbc", "-"}:
        return []
    person = _attendee(name_text, label, line)
    if person is None:
        return None
    initials = cell("initials")
    if initials and is_initials(initials) and initials_fit(person.name, initials):
        person.initials = initials
    if "status" in columns:
        status = _status_cell(cell("status"))
        if status is None:
            return []  # "Expected", or nothing recorded: not attendance
        person.status, capacity = status
        person.capacity = capacity or person.capacity
    role, organisation = cell("role"), cell("organisation")
    if "role" in columns or "organisation" in columns:
        if role and "role" not in columns:
            person.organisation = role  # the column after the name, when only the body is named
        elif role:
            person.role = ", ".join(filter(None, [person.role, role]))
        if organisation:
            person.organisation = organisation
    return [person]


# -- reading the lists ---------------------------------------------------------------------

_ITEM_HEADING = re.compile(r"^\s*(?:item\s+)?\(?\d{1,3}(?:\.\d{1,2})?[.):]?\s+\S", re.I)


def _section(lines: list[Line], start: int, label: _Label, rest: str, alone: bool):
    """The people under one label from lines[start], and the index of the line after it."""
    line = lines[start]
    found: list[AttendeeDraft] = []
    if not alone:
        found.extend(_entries(rest, label, line, one_a_line=False))
        index = start + 1
        # A run-on list wrapped onto the next line: "Present: A, B,\nC, D".
        while rest.rstrip().endswith((",", " and", "&")) and index < len(lines):
            text = plain(lines[index].text)
            if not text:
                index += 1
                continue
            if match_label(text) or lines[index].heading:
                break
            more = _entries(text, label, lines[index], one_a_line=False)
            if not more:
                break
            found.extend(more)
            rest = text
            index += 1
        return found, index
    index, blanks, columns, one_a_line = start + 1, 0, None, False
    while index < len(lines) and index - start <= _MAX_SECTION_LINES:
        current = lines[index]
        text = plain(current.text)
        if not text:
            blanks += 1
            if blanks > _MAX_BLANKS and found:
                break
            index += 1
            continue
        blanks = 0
        if current.heading or match_label(text):
            break
        if current.cells:
            header = _table_header(current.cells)
            if header is not None:
                columns = header
                index += 1
                continue
            row = _table_row(current, columns, label)
            if row is None:
                break
            found.extend(row)
            index += 1
            continue
        numbered = _ITEM_HEADING.match(text)
        if numbered:
            text = re.sub(
                r"^\s*(?:item\s+)?\(?\d{1,3}(?:\.\d{1,2})?[.):]?\s+", "", text, flags=re.I
            )
        one_a_line = _one_a_line(lines, index, text, previous=one_a_line)
        more = _entries(text, label, current, one_a_line=one_a_line)
        if not more or (numbered and len(text.split()) > 12):
            break
        found.extend(more)
        index += 1
    return found, index


def _one_a_line(lines: list[Line], index: int, text: str, previous: bool) -> bool:
    """Whether a line of a list is one person ("Jonathon Toy (JT), Director, LBBD") rather
    than a run of names ("A, B, C"). Three names or more are a run; two are one person and
    their body when the lines around are laid out alike ("Raj Patel, Be First" above "Ann
    Lee, Age UK"), else a run."""
    pieces = _pieces(text)
    names = sum(looks_like_person(_BRACKET.sub("", p).strip()) for p in pieces[:4])
    if names != 2:
        return names < 2
    if len(pieces) != 2:
        return False
    for following in lines[index + 1 : index + 2 + _MAX_BLANKS]:
        after = plain(following.text)
        if not after:
            continue
        if following.heading or following.cells or match_label(after):
            break
        more = _pieces(after)
        return len(more) == 2 and looks_like_person(_BRACKET.sub("", more[0]).strip())
    return previous


def _attendance_table(lines: list[Line], start: int):
    """A table with a name and an attendance column, whatever heads it."""
    columns = _table_header(lines[start].cells)
    if columns is None or "status" not in columns:
        return [], start + 1
    label = _Label("present", "member", "present")
    found: list[AttendeeDraft] = []
    index = start + 1
    while index < len(lines) and index - start <= _MAX_SECTION_LINES and lines[index].cells:
        row = _table_row(lines[index], columns, label)
        if row is None:
            break
        found.extend(row)
        index += 1
    return found, index


def _label_columns(lines: list[Line], start: int):
    """A table whose columns are headed by labels: | Present | Apologies |, a name a cell."""
    labels = []
    for cell in lines[start].cells:
        found = match_label(cell) if cell.strip() else None
        if cell.strip() and (found is None or not found[2]):
            return [], start + 1
        labels.append(found[0] if found else None)
    if sum(1 for label in labels if label) < 2:
        return [], start + 1
    people: list[AttendeeDraft] = []
    index = start + 1
    while index < len(lines) and index - start <= _MAX_SECTION_LINES and lines[index].cells:
        row: list[AttendeeDraft] = []
        for cell, label in zip(lines[index].cells, labels, strict=False):
            if label and cell.strip():
                row.extend(_entries(plain(cell), label, lines[index], one_a_line=True))
        if not row and any(c.strip() for c in lines[index].cells):
            break
        people.extend(row)
        index += 1
    return people, index


def read_attendance(lines: list[Line], meeting: MeetingDraft) -> None:
    """Fill `meeting.attendance` from the lists in `lines`, and its declarations."""
    found: list[AttendeeDraft] = []
    in_attendance: list[AttendeeDraft] = []  # under "In attendance": members or officers
    last_end: dict[str, int] = {}  # group -> index after its last list
    index = 0
    while index < len(lines) and len(found) < MAX_ATTENDEES:
        line = lines[index]
        label_match = match_label(line.text) if line.text.strip() else None
        if label_match is None and len(line.cells) > 1:
            people, after = _label_columns(lines, index)
            if people:
                found.extend(people)
                index = after
                continue
            first = match_label(line.cells[0])
            if first and first[2]:  # | Present | A, B, C |
                rest = ", ".join(c for c in line.cells[1:] if c.strip())
                label_match = (first[0], rest, not rest)
        if label_match is None:
            people, after = _attendance_table(lines, index) if line.cells else ([], index + 1)
            found.extend(people)
            index = max(after, index + 1)
            continue
        label, rest, alone = label_match
        people, after = _section(lines, index, label, rest, alone)
        group = label.group
        if people and group in last_end and index - last_end[group] > _NEW_MEETING_GAP:
            # Minutes of another meeting further down (a pack holds several).
            meeting.warnings.append(
                f"A second list headed \u201c{plain(line.text)[:40]}\u201d at {line.where} "
                "was not read as this meeting's attendance: it may be another meeting's."
            )
        elif people:
            last_end[group] = after
            found.extend(people)
            if group == "in_attendance":
                in_attendance.extend(people)
        index = max(after, index + 1)
    if "present" in last_end:
        # Beside a "Present" list, "In attendance" lists the officers, as council minutes
        # use it; on its own it lists everyone there.
        for person in in_attendance:
            if person.capacity == "member":
                person.capacity = "officer"
    meeting.attendance.extend(_unique(_split_run_on(found, meeting))[:MAX_ATTENDEES])
    speakers.read_speakers(lines, meeting)
    _initials_from_text(lines, meeting.attendance)
    _chair(meeting)
    declarations.read_declarations(lines, meeting)


def _unique(people: list[AttendeeDraft]) -> list[AttendeeDraft]:
    seen: set[tuple[str, str]] = set()
    out = []
    for person in people:
        key = (" ".join(person.name.casefold().split()), person.status)
        if key in seen:
            continue
        seen.add(key)
        out.append(person)
    return out


_DEFINED = re.compile(
    r"((?:[A-Z][\w'’.-]{0,30}\s+){0,3}[A-Z][\w'’-]{1,30})\s+\(([A-Z][A-Za-z]?[A-Z]{1,3})\)"
)


def _initials_from_text(lines: list[Line], people: list[AttendeeDraft]) -> None:
    """Initials the minutes define in running text ("Daniel James (DJ) confirmed ...") for the
    people listed without them, when the name or its surname and initials agree."""
    if not people:
        return
    budget = 2000  # definitions looked at: plenty for any minutes
    for line in lines:
        if "(" not in line.text:
            continue
        for name, initials in _DEFINED.findall(plain(line.text)[:_LINE_CHARS]):
            budget -= 1
            if budget < 0:
                return
            # The words before the brackets may run back into the sentence before
            # ("... Assessment. Daniel James (DJ)"): the longest tail the initials fit.
            tokens = name.split()
            tails = [" ".join(tokens[k:]) for k in range(len(tokens))]
            bare = next((t for t in tails if initials_fit(t, initials)), "")
            if not bare:
                continue
            candidates = [p for p in people if _same_person(p.name, bare, initials)]
            if len(candidates) == 1 and not candidates[0].initials:
                candidates[0].initials = initials


def _same_person(listed: str, written: str, initials: str) -> bool:
    """Whether "Jonathon Toy (JT)" in the text is the "Jonathan Toy" listed: the same
    surname, and initials that fit both."""
    _title, listed = split_honorific(listed)
    listed_tokens, written_tokens = listed.split(), written.split()
    if not listed_tokens or not written_tokens:
        return False
    return (
        listed_tokens[-1].casefold() == written_tokens[-1].casefold()
        and initials_fit(listed, initials)
        and initials_fit(written, initials)
    )


def _chair(meeting: MeetingDraft) -> None:
    if meeting.chair:
        return
    for person in meeting.attendance:
        if person.status == "present" and re.match(
            r"chair(?:man|person)?(?:,|$)", person.role, re.I
        ):
            meeting.chair = person.name
            if person.where is not None:
                meeting.sources["chair"] = person.where
            return
