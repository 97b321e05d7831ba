"""Who was there: present (with post and organisation), apologies, also present, substitutes,
the note taker, initials defined in brackets; and the declarations of interest.

Minutes head their lists in many words ("Present", "Members present", "Attendees", "In
attendance", "Also present", "Officers present", "Apologies for absence", "Absent", "Note
taker", "Minutes: ...") and lay them out as a run-on line ("Present: A (Chair), B, C"), one
person a line ("Jonathon Toy (JT), Director of Community Safety, LBBD"), a sentence
("Apologies were received from A and B") or a table (name | post | organisation, sometimes
with an attendance column). `read_attendance` reads each list until the next heading or item,
keeping names as written: `labels.py` knows the headings, `entries.py` turns a list's pieces
and a table's rows into people, `names.py` tells a name from a post or a body. Minutes with no
list at all get the people they record as speaking (`speakers.py`), with a warning; the
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
from .entries import BRACKET, entries, pieces, table_header, table_row
from .labels import Label, match_label
from .names import initials_fit, looks_like_person, plain, split_honorific

MAX_ATTENDEES = 500  # per meeting; a longer "list" is not a list of people
_MAX_SECTION_LINES = 150  # lines read under one label
_MAX_BLANKS = 2  # blank lines a list may run on across
_LINE_CHARS = 4000  # of one line, read for names
_NEW_MEETING_GAP = 40  # lines after which a second "Present" list is another meeting's


_ITEM_HEADING = re.compile(r"^\s*(?:item\s+)?\(?\d{1,3}(?:\.\d{1,2})?[.):]?\s+\S", re.I)
# A group within a "Present" list ("PRESENT" / "Members:" / rows / "Officers:" / rows): the
# list goes on under it.
_SUBGROUP = re.compile(
    r"^(?:(?:board|partnership|committee|voting|non-voting|core|statutory|elected)\s+)?"
    r"(?:members|councillors|partners|agencies|representatives)\s*:?$",
    re.I,
)


def _section(lines: list[Line], start: int, label: Label, rest: str, alone: bool):
    """The people under one label from lines[start], and the index of the line after it."""
    found: list[AttendeeDraft] = []
    if not alone:
        return _run_on(lines, start, label, rest)
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
        if label.group == "present" and _SUBGROUP.match(text):
            index += 1
            continue
        if current.heading or match_label(text):
            break
        if current.cells:
            header = table_header(current.cells)
            if header is not None:
                columns = header
                index += 1
                continue
            row = table_row(current, columns, label)
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
        more = entries(text, label, current, one_a_line=one_a_line)
        if not more or (numbered and len(text.split()) > 12):
            break
        found.extend(more)
        index += 1
    return found, index


_SEPARATOR_END = (",", ";", " and", "&")
_TAIL_CHARS = 300  # of the run so far, for the entry a line may go on with
_OPEN_TAIL = re.compile(r"\([^()]*$")  # a bracket the line wraps inside: "Tom Ashdown (Democratic"


def _bare(piece: str) -> str:
    """A piece of a list without its brackets, closed or left open at the line's end."""
    return _OPEN_TAIL.sub("", BRACKET.sub("", piece)).strip()


def _inside_brackets(text: str) -> bool:
    return text.count("(") > text.count(")")


def _continues_list(text: str, previous: str, indented: bool = False) -> bool:
    """Whether a line goes on with the run-on list above it (`previous`, read so far),
    wrapped wherever the page ran out: inside an entry ("(NOTE TAKER), Amolak Tatter",
    "Services Officer)" under "Tom Ashdown (Democratic"), inside a name ("Price (Police),
    Rosa Delgado" under "Sgt Amy"), or it is itself a run of names ("Gary Jones, Julia
    Kanji") or one entry ("Councillor P. Lindqvist" under "Present: Councillor R. Okafor"),
    not a sentence of the minutes."""
    if _inside_brackets(previous):
        return True
    if text[:1] in "(&,;" or text.split(maxsplit=1)[0] in ("and", "&"):
        return True
    parts = [_bare(p) for p in pieces(text)]
    parts = [p for p in parts if p]
    if not parts or any(len(p.split()) > 8 for p in parts):
        return False
    if len(parts) == 1:
        # One entry alone: laid out under the first ("Present:    A" / "            B"), or
        # plainly a person's ("Mark Ellery (Fire)", "Cllr Ann Lee"), not a heading ("Prevent
        # Duty") the list runs into.
        marked = "(" in text or bool(split_honorific(parts[0])[0])
        return looks_like_person(parts[0]) and (indented or marked)
    tail = pieces(previous[-_TAIL_CHARS:])
    fragment = f"{_bare(tail[-1])} {parts[0]}" if tail else parts[0]
    first = looks_like_person(parts[0]) or looks_like_person(fragment)
    return (first + sum(looks_like_person(p) for p in parts[1:])) * 2 >= len(parts)


def _joiner(text: str, previous: str) -> str:
    """How a wrapped line joins the run: straight on when the line break fell inside an entry
    or a name, as a new entry when the line starts with a name of its own."""
    if _inside_brackets(previous) or previous.rstrip().endswith(_SEPARATOR_END):
        return " "
    first = pieces(text)[:1]
    return "; " if first and looks_like_person(_bare(first[0])) else " "


# An initial or a title before a full stop that does not end a sentence: "R.", "Dr.", "St."
_ABBREVIATED = re.compile(
    r"(?:^|\s)(?:[A-Z]|Dr|Mr|Mrs|Ms|Mx|Cllr|St|Prof|Rev|Revd|Supt|Insp|Sgt|Det|Ch|Gen|Col|Capt)$"
)


def _sentences(text: str) -> list[str]:
    """A run-on list and what the same paragraph says after it ("... Ade Coker (Youth
    Offending Team). Minutes taken by Lily Chen."), split at full stops outside brackets that
    end a word, not an initial or a title ("Councillor R. Okafor", "Dr. Lee")."""
    out, start, depth = [], 0, 0
    for index, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif (
            ch == "."
            and not depth
            and text[index + 1 : index + 2] == " "
            and text[index + 2 : index + 3].isupper()
            and not _ABBREVIATED.search(text[start:index])
        ):
            out.append(text[start:index])
            start = index + 1
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _run_on(lines: list[Line], start: int, label: Label, rest: str):
    """A list on its label's line ("Present: A (Chair), B, C"), with the lines it wraps onto
    read as one run: a page wraps a list anywhere, even inside an entry's brackets or a name,
    and some lists go on one entry a line under the first. A sentence after the list that
    opens another ("Minutes taken by Lily Chen.") is read with its own label. Each person
    keeps the line their name is on."""
    block = [(lines[start], rest)]
    joined = rest.strip()
    index, blanks = start + 1, 0
    while index < len(lines) and index - start <= _MAX_SECTION_LINES:
        current = lines[index]
        text = plain(current.text)
        ends_open = joined.rstrip().endswith(_SEPARATOR_END) or _inside_brackets(joined)
        if not text:
            if not ends_open or blanks >= _MAX_BLANKS:
                break
            blanks += 1
            index += 1
            continue
        indented = current.text[:2].isspace()
        filled = [c for c in current.cells if c.strip()]
        if current.cells and not current.cells[0].strip() and len(filled) == 1:
            text, indented = plain(filled[0]), True  # "\tCouncillor Jane Crisp": tabbed under
        elif current.cells:
            break
        if current.heading or match_label(text) or _ITEM_HEADING.match(text):
            break
        if not (ends_open or _continues_list(text, joined, indented)):
            break
        joined = f"{joined}{_joiner(text, joined)}{text.strip()}"[: _LINE_CHARS * 4]
        block.append((current, text))
        blanks = 0
        index += 1
    found: list[AttendeeDraft] = []
    for number, sentence in enumerate(_sentences(joined)):
        if number:
            opened = match_label(sentence)
            if opened is None or not opened[1]:
                break
            label, sentence = opened[0], opened[1]
        found.extend(entries(sentence, label, lines[start], one_a_line=False))
    for person in found:
        for line, text in block:
            if person.name and person.name in text:
                person.where = line.where
                break
    return found, index


def _one_a_line(lines: list[Line], index: int, text: str, previous: bool) -> bool:
    """Whether a line of a list is one person ("Jonathon Toy (JT), Director, LBBD") rather
    than a run of names ("A, B, C"). Three names or more are a run; two are one person and
    their body when the lines around are laid out alike ("Raj Patel, Be First" above "Ann
    Lee, Age UK"), else a run."""
    parts = pieces(text)
    names = sum(looks_like_person(BRACKET.sub("", p).strip()) for p in parts[:4])
    if names != 2:
        return names < 2
    if len(parts) != 2:
        return False
    for following in lines[index + 1 : index + 2 + _MAX_BLANKS]:
        after = plain(following.text)
        if not after:
            continue
        if following.heading or following.cells or match_label(after):
            break
        more = pieces(after)
        return len(more) == 2 and looks_like_person(BRACKET.sub("", more[0]).strip())
    return previous


def _attendance_table(lines: list[Line], start: int):
    """A table with a name and an attendance column, whatever heads it."""
    columns = table_header(lines[start].cells)
    if columns is None or "status" not in columns:
        return [], start + 1
    label = Label("present", "member", "present")
    found: list[AttendeeDraft] = []
    index = start + 1
    while index < len(lines) and index - start <= _MAX_SECTION_LINES and lines[index].cells:
        row = table_row(lines[index], columns, label)
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
                row.extend(entries(plain(cell), label, lines[index], one_a_line=True))
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


# -- reading the lists ---------------------------------------------------------------------


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
