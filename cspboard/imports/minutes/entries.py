"""One list's entries as people: "Jonathon Toy (JT), Director of Community Safety, LBBD",
"Cllr Worby (Chair)", "Supt X for Chief Supt Y", "Priya Shah (substitute for Tom Reed)",
"Councillors Smith, Jones and Patel", and a table's rows (name | post | organisation, perhaps
with initials and attendance columns). Names are kept as written; posts and bodies written
beside them are split off (`names.py` tells which is which).
"""

from __future__ import annotations

import re

from cspboard.documents.readers import Line

from .draft import AttendeeDraft
from .labels import Label
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

_LINE_CHARS = 4000


# -- pieces of a list ----------------------------------------------------------------------

BRACKET = re.compile(r"\(([^()]{0,150})\)")
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


def pieces(text: str) -> list[str]:
    """A list split at commas, semicolons and "and" (never inside brackets); "A and B" is
    two people only when both sides are names ("Policy and Strategy" is one post)."""
    out = []
    for piece in _outside_brackets(text[:_LINE_CHARS], _COMMA):
        piece = piece.strip().rstrip(".").strip()
        if not piece:
            continue
        parts = [p.strip() for p in _outside_brackets(piece, _AND)]
        if len(parts) > 1 and all(looks_like_person(BRACKET.sub("", p).strip()) for p in parts):
            out.extend(parts)
        else:
            out.append(piece)
    return out


_NAME_THEN_INITIALS = re.compile(
    r"^(?P<name>[^()]{3,80}?)\s*\((?P<initials>[A-Z][A-Za-z]?[A-Z]{1,3})\)\s+(?P<rest>[^\s(].*)$"
)


def _attendee(piece: str, label: Label, line: Line) -> AttendeeDraft | None:
    """One person's entry ("Jonathon Toy (JT)", "Cllr Worby (Chair)", "Supt X for Chief Supt
    Y"), or None when the piece is not a name (a post or a body, read by the caller)."""
    piece = piece.strip()[:MAX_PIECE]
    person = AttendeeDraft(name="", status=label.status, capacity=label.capacity, where=line.where)
    after_initials = ""
    defined = _NAME_THEN_INITIALS.match(piece)
    if defined and initials_fit(defined["name"], defined["initials"]):
        # "Supt Lena Bright (LB) West Police": what follows the initials is post or body.
        piece, after_initials = piece[: defined.end("initials") + 1], defined["rest"]
    notes = [m.strip() for m in BRACKET.findall(piece)]
    piece = " ".join(BRACKET.sub(" ", piece).split()).strip(" ,;–—-")
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
    name, initials = _initials_after(name)
    if not looks_like_person(name):
        return None
    person.name, person.initials = name, initials
    for text in [extra, *parts[1:], after_initials]:
        _add_post(person, text)
    for note in notes:
        _read_note(person, note)
    return person


def _initials_after(name: str) -> tuple[str, str]:
    """ "Jo Bloggs JB" as ("Jo Bloggs", "JB"): initials written after a name without
    brackets, when they fit it (so "Rita Giles MBE" keeps her honour)."""
    head, _, last = name.rpartition(" ")
    if head and is_initials(last) and initials_fit(head, last) and looks_like_person(head):
        return head, last
    return name, ""


def _read_note(person: AttendeeDraft, note: str) -> None:
    # Initials first: "Colin Beck (CB)" is his initials, not the Companion of the Bath.
    if is_initials(note) and initials_fit(person.name, note):
        person.initials = note
        return
    if note.upper() in POST_NOMINALS:
        person.name = f"{person.name} {note}"  # "Rita Giles (MBE)"
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


_PLURAL_TITLE = re.compile(r"^\s*(councillors|cllrs\.?)\s+", re.I)


def _with_plural_titles(written: list[str]) -> list[str]:
    """ "Councillors Smith (Chair), Jones and Patel": the title is each one's, until someone
    has a title of their own ("Councillor X (Chair); Councillors A, B and C; Mr D")."""
    out: list[str] = []
    title = ""
    for piece in written:
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


def entries(text: str, label: Label, line: Line, one_a_line: bool) -> list[AttendeeDraft]:
    """The people a piece of a list names; posts and bodies go to the person before them."""
    found: list[AttendeeDraft] = []
    text = _BULLET.sub("", text, count=1)
    for piece in _with_plural_titles(pieces(text)):
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


def table_header(cells: tuple[str, ...]) -> dict[str, int] | None:
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


def table_row(
    line: Line, columns: dict[str, int] | None, label: Label
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
