"""A meeting's items: numbers and sub-numbers, titles, presenters, time allowed, pages,
restricted markers, and what the minutes record under each (text and decisions).

Items are found in the forms clerks write them: "1. Title", "4.1 Title", "4a Title", "Item 4:
Title", "Agenda item 4 - Title", "Minute 23/45 Title", a number on a line of its own above the
title, a table row ("4 | Title | Presenter | Pages"), a sub-item "(i) Title", a ModernGov
page's "15 mins" above an unnumbered title, or a heading in an HTML or Word file. Numbers must
run in order, so a numbered list inside an item's minutes does not become items.
"""

from __future__ import annotations

import dataclasses
import re

from cspboard.documents.readers import Line, Where

from . import patterns
from .draft import ItemDraft, MeetingDraft

_MAX_TITLE = 220

# "1. Title", "1 Title", "13.AOB", "Item 4: Title", "Agenda item 4 - Title", "4.1 Title", "4a)"
_NUMBERED = re.compile(
    r"^(?P<label>(?:agenda\s+)?item\s*(?:no\.?\s*)?)?"
    r"(?P<number>\d{1,3})(?:(?P<dot>\.)(?P<sub>\d{1,2})(?!\d)|\s?\((?P<letter>[a-h]|[ivx]{1,4})\)"
    r"|(?P<bare>[a-h])(?=[.)\s]))?"
    r"\s*[.):\-–]?(?:\s+|(?<=\.)(?=[A-Z]))(?P<title>\S.*)$",
    re.IGNORECASE,
)
_NUMBER_ONLY = re.compile(
    r"^(?P<label>(?:agenda\s+)?item\s*(?:no\.?\s*)?)?(?P<number>\d{1,3})(?:\.(?P<sub>\d{1,2}))?"
    r"\s*[.):]?$",
    re.IGNORECASE,
)
_MINUTE = re.compile(
    r"^(?:minute|min\.?)\s*(?:no\.?|number)?\s*(?P<number>[A-Z]{0,6}\s?\d{1,4}(?:\s?/\s?\d{1,4})?)"
    r"\s*[.:\-–]?\s*(?P<title>\S.*)?$",
    re.IGNORECASE,
)
# "23/45 Title", "CSP 23/45: Title": minute numbers without the word "Minute"
_SLASHED = re.compile(
    r"^(?P<number>(?:[A-Z]{2,6}\s?)?\d{1,4}/\d{1,4})\s*[.:\-–]?\s+(?P<title>\S.*)$"
)
_PAGE_STAMP = re.compile(r"^(?:agenda\s+)?item\s+\d{1,3}[a-z]?$", re.IGNORECASE)
_BULLET = re.compile(r"^[-•·*–]\s+")
_PRESENTED_BY = re.compile(
    r"(?:^|[\s,;(\-–])(?i:presented\s+by|presenter|lead(?:\s+officer)?|report\s+(?:of|by|author)"
    r"|introduced\s+by)\s*[:\-–]?\s+(?P<who>[A-Z][^;()\n]{1,80})",
)
_PURPOSE = re.compile(
    r"\s+[-–:]\s+(?:to|for)\s+(?:confirm|note|approve|agree|receive|consider|discuss|decide"
    r"|information|decision|discussion|noting|approval)\b.*$",
    re.IGNORECASE,
)
_VERBAL = re.compile(r"\s*[-–(]\s*verbal(?:\s+(?:update|report))?\s*\)?\s*$", re.IGNORECASE)
_MINUTES_LABEL = re.compile(r"^(?:minutes|decision|decisions)\s*:?\s*$", re.IGNORECASE)
_SKIP_IN_MINUTES = re.compile(
    r"^(?:additional documents:?|note\s+no\.?\s+item|items?|view the background to item.*"
    r"|view the reasons why.*)$",
    re.IGNORECASE,
)
_HEADER_ROLES = {
    "presenter": re.compile(
        r"\b(?:presented by|presenter|lead|officer|who|by whom|speaker|owner)\b", re.I
    ),
    "pages": re.compile(r"\bpages?\b", re.I),
    "time": re.compile(r"\b(?:time|mins?|minutes allowed|duration)\b", re.I),
    "title": re.compile(r"\b(?:title|subject|item|agenda item|business)\b", re.I),
}
_DECISION_START = re.compile(
    r"^\s*(?:(?:RESOLVED|AGREED|DECISION|DECIDED)\b"
    r"|(?i:resolved|agreed|decision|decided)\s*(?:[:\-–]|that\b|to\b))"
)
_DECISION = re.compile(
    r"\b(?:the\s+)?(?:board|partnership|committee|sub-?committee|members|group|sub-?group|panel"
    r"|meeting|csp|executive|forum|cabinet|commission|partners)\b"
    r"[^.,;]{0,25}?\b(?:agreed|approved|resolved|endorsed|ratified)\b"
    r"|\bit\s+was\s+(?:\w+\s+)?(?:agreed|resolved)\b"
    r"|\b(?:the\s+)?(?:board|partnership|committee|panel|meeting|executive|group|forum)"
    r"(?:\s+members)?\s+noted\b"
    r"|\b(?:were|was)\s+(?:approved|agreed|confirmed as (?:correct|a (?:true|correct) record))"
    r"|\bconfirmed as (?:correct|a (?:true|correct) record)\b"
    r"|^(?:item\s+)?deferred\b|\bitem (?:was )?deferred\b",
    re.IGNORECASE,
)
_PRESENTED_IN_MINUTES = re.compile(
    r"^(?P<who>(?:(?:Cllr|Councillor|Dr|Supt|DCI|DI|Insp|Inspector|Superintendent)\.?\s+)?"
    r"[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){1,2})(?:\s+\([A-Z]{2,4}\))?"
    r"\s+(?:presented|provided an update|updated"
    r"|gave (?:a|an) (?:presentation|update|overview)|introduced|delivered a presentation"
    r"|outlined)\b"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NAME_IN_BRACKETS = re.compile(r"\s*\((?P<who>[^()]{2,80})\)\s*$")
_PERSON = re.compile(
    r"^(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Supt|DCI|DI|Insp|Inspector|Superintendent|Chief)\.?\s+)?"
    r"[A-Z][a-z'’\-]+(?:\s+(?:[A-Z][a-z'’\-]+|[A-Z]'[A-Z][a-z]+)){1,3}"
    r"(?:\s*(?:/|,|&|and)\s*.*)?$"
    r"|^(?i:chair|vice[- ]chair|the chair|all|all partners|chairs|officers?)$",
)


@dataclasses.dataclass
class _Candidate:
    index: int  # the line the item starts on
    body: int  # the first line after its title
    number: str
    title: str
    form: str  # "top", "sub", "unnumbered", "heading", "minute"
    sequence: int | None = None
    parent: str = ""
    indented: bool = False
    presenters: list[str] = dataclasses.field(default_factory=list)
    minutes_allowed: int | None = None
    pages: str = ""
    inline: str = ""  # the rest of the title's own cell (a two-column minutes table), as read
    where: Where | None = None


def _cells(line: Line) -> list[str]:
    if line.cells:
        return list(line.cells)
    text = line.text.strip()
    if text.startswith("|") and text.count("|") >= 2:
        return [c.strip() for c in text.strip("|").split("|")]
    return []


def _title_like(text: str) -> bool:
    words = text.split()
    if not text or len(text) > _MAX_TITLE or len(words) > 30:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "'\"‘“(["):
        return False
    if text.endswith(".") and len(words) > 8:
        return False
    return not re.search(r"[a-z]{2}\.\s+[A-Z]", text)  # two sentences


def _tidy_title(text: str, found: _Candidate) -> str:
    text = patterns.clean(text)
    text = patterns.DOCUMENT_LINK.sub("", text)
    minutes = patterns.MINUTES_ALLOWED.search(text)
    if minutes and found.minutes_allowed is None:
        found.minutes_allowed = int(minutes[1])
        text = (text[: minutes.start()] + text[minutes.end() :]).strip()
        text = re.sub(r"\(\s*\)", "", text)
    pages = patterns.PAGES.search(text)
    if pages:
        found.pages = found.pages or pages["text"].strip()
        text = (text[: pages.start()] + text[pages.end() :]).strip()
    presented = _PRESENTED_BY.search(text)
    if presented and presented.start() > 0:
        found.presenters.extend(_split_names(presented["who"]))
        text = text[: presented.start()].strip()
    text = _VERBAL.sub("", text)
    text = _PURPOSE.sub("", text)
    bracketed = _NAME_IN_BRACKETS.search(text)
    if bracketed and _PERSON.match(bracketed["who"].strip()) and len(text) > len(bracketed[0]):
        found.presenters.extend(_split_names(bracketed["who"]))
        text = text[: bracketed.start()]
    return text.strip(" :;,-–|*").strip()


def _split_names(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", patterns.clean(text)).strip(" .,;:-–")
    parts = re.split(r"\s*(?:/|;|&|\band\b)\s*", text)
    return [p.strip(" ,") for p in parts if p.strip(" ,")][:6]


def _restriction(title: str) -> tuple[str, bool, int | None]:
    """The title without its marking, whether it marks the item restricted, the paragraph."""
    match = patterns.RESTRICTED_PREFIX.match(title)
    if match:
        _, paragraph = patterns.restriction(title)
        return title[match.end() :].strip(), True, paragraph
    match = patterns.TITLE_MARKING.search(title)
    if match and match.start() > 0:
        return title[: match.start()].strip(), True, None
    return title, False, None


def _from_text(text: str, index: int, line: Line) -> _Candidate | None:
    stripped = patterns.clean(text)
    indented = text[:1].isspace()
    minute = _MINUTE.match(stripped)
    if minute and minute["title"] and _title_like(minute["title"]):
        number = re.sub(r"\s+", "", minute["number"])
        return _Candidate(index, index + 1, number, minute["title"], "minute", where=line.where)
    slashed = _SLASHED.match(stripped)
    if slashed and _title_like(slashed["title"]) and not patterns.find_dates(stripped[:12]):
        number = re.sub(r"\s+", "", slashed["number"])
        return _Candidate(index, index + 1, number, slashed["title"], "minute", where=line.where)
    bullet = _BULLET.match(stripped)
    body = stripped[bullet.end() :] if bullet else stripped
    sub = patterns.SUB_NUMBER.match(body)
    if sub and _title_like(sub["title"]) and not sub["title"].rstrip().endswith((".", ";", ",")):
        # "(a) the plan be approved;" is a list entry; "(a) Subgroup reports" a sub-item
        number = f"({sub[1].lower()})"
        return _Candidate(index, index + 1, number, sub["title"], "sub", where=line.where)
    if bullet:
        return None
    dates = patterns.find_dates(stripped)
    if dates and dates[0].start == 0:
        return None  # "5 June 2024" is a date, not item 5
    numbered = _NUMBERED.match(stripped)
    if numbered and _title_like(numbered["title"]) and int(numbered["number"]) > 0:
        number = numbered["number"]
        found = _Candidate(index, index + 1, number, numbered["title"], "top", indented=indented)
        found.where = line.where
        found.sequence = int(number)
        if numbered["sub"] and int(numbered["sub"]) == 0:
            pass  # "1.0 WELCOME": item 1
        elif numbered["sub"] or numbered["letter"] or numbered["bare"]:
            suffix = numbered["sub"] or numbered["letter"] or numbered["bare"]
            if numbered["sub"]:
                found.number = f"{number}.{suffix}"
            elif numbered["letter"]:
                found.number = f"{number}({suffix.lower()})"
            else:
                found.number = f"{number}{suffix.lower()}"
            found.form, found.parent = "sub", number
            if numbered["title"].rstrip().endswith((".", ";")):
                return None  # "4.1 Noted." is a numbered paragraph of the minutes
        if numbered["label"]:
            found.form = "minute" if found.form == "top" else found.form
        return found
    return None


def _from_cells(cells: list[str], index: int, line: Line, roles: dict[int, str]):
    first = patterns.clean(cells[0])
    if not first:
        return None
    rest = cells[1:]
    only = _NUMBER_ONLY.match(first) or re.match(r"^\(([ivx]{1,5}|[a-h])\)$", first, re.I)
    if only and rest:
        paragraphs = re.split(r"</p>", rest[0], maxsplit=1, flags=re.IGNORECASE)
        title = patterns.clean(paragraphs[0])
        if not _title_like(title):
            return None
        found = _from_text(f"{first} {title}", index, line)
        if found is None and first.startswith("("):
            found = _Candidate(index, index + 1, first.lower(), title, "sub", where=line.where)
        if found is None:
            return None
        found.inline = paragraphs[1] if len(paragraphs) > 1 else ""
        others = list(enumerate(rest[1:], start=2))
    else:
        found = _from_text(first, index, line)
        if found is None:
            return None
        others = list(enumerate(rest, start=1))
    for position, cell in others:
        _take_cell(found, patterns.clean(cell), roles.get(position, ""))
    return found


def _take_cell(found: _Candidate, cell: str, role: str) -> None:
    if not cell:
        return
    minutes = patterns.STANDALONE_MINUTES.match(cell) or (
        role == "time" and patterns.MINUTES_ALLOWED.search(cell)
    )
    if minutes:
        found.minutes_allowed = found.minutes_allowed or int(minutes[1])
        return
    if role == "pages" or patterns.PAGE_CELL.match(cell):
        if role == "pages" and not re.search(r"\d", cell):
            return  # "Verbal", "To be circulated"
        found.pages = found.pages or cell
        return
    if role in ("presenter", "") and len(cell) <= 120 and _PERSON.match(cell):
        found.presenters.extend(_split_names(cell))


def _roles(cells: list[str]) -> dict[int, str] | None:
    """A table's header row: which column holds what ("Presented by", "Pages", "Time")."""
    if not cells or any(_NUMBER_ONLY.match(patterns.clean(c)) for c in cells[:1]):
        return None
    roles: dict[int, str] = {}
    for position, cell in enumerate(cells):
        text = patterns.clean(cell)
        if not text or len(text) > 40:
            continue
        for role, pattern in _HEADER_ROLES.items():
            if pattern.search(text):
                roles[position] = role
                break
    if len(roles) >= 1 and any(r in ("presenter", "pages", "time") for r in roles.values()):
        return roles
    return None


def _candidates(lines: list[Line]) -> list[_Candidate]:
    found: list[_Candidate] = []
    roles: dict[int, str] = {}
    pending_minutes: tuple[int, int] | None = None  # (minutes, line index) from "15 mins"
    skip_to = -1
    previous = ""  # the last line with text
    in_list = False  # inside a lettered list that a lead-in ("... are:") opened
    page: int | None = None
    for index, line in enumerate(lines):
        if index < skip_to:
            continue
        text = line.text[: patterns.MAX_LINE]
        clean = patterns.clean(text)
        if not clean:
            continue
        page_top, page = line.where.page is not None and line.where.page != page, line.where.page
        if page_top and _PAGE_STAMP.match(clean):
            continue  # a pack's PDF stamps "Agenda Item 3" atop each page of the item's papers
        after_lead_in = previous.endswith(":") and not (
            _NUMBERED.match(previous) or patterns.SUB_NUMBER.match(previous)
        )
        previous = clean
        cells = _cells(line)
        if cells and len([c for c in cells if c.strip()]) >= 2:
            header = _roles(cells)
            if header:
                roles = header
                continue
        standalone = patterns.STANDALONE_MINUTES.match(clean)
        if standalone:
            pending_minutes = (int(standalone[1]), index)
            continue
        candidate = None
        if cells and len(cells) >= 2:
            candidate = _from_cells(cells, index, line, roles)
        if candidate is None:
            number_only = _NUMBER_ONLY.match(clean)
            if number_only and int(number_only["number"]) > 0:
                following = _next_content(lines, index)
                if following is not None:
                    title = patterns.clean(lines[following].text)
                    if _title_like(title) and not _NUMBER_ONLY.match(title):
                        candidate = _from_text(f"{clean.rstrip('.')}. {title}", index, line)
                        if candidate:
                            candidate.body = following + 1
                            candidate.where = lines[following].where
                            skip_to = following + 1
        if candidate is None and not cells:
            candidate = _from_text(text, index, line)
        if candidate is None and pending_minutes and _title_like(clean):
            candidate = _Candidate(index, index + 1, "", clean, "unnumbered", where=line.where)
        if candidate is None and (line.heading or _capital_heading(clean)) and _title_like(clean):
            if not patterns.find_dates(clean):
                candidate = _Candidate(index, index + 1, "", clean, "heading", where=line.where)
        if candidate is not None and candidate.form == "sub" and (after_lead_in or in_list):
            candidate, in_list = None, True  # "The aims are:" then "(i) ...": a list
        elif patterns.SUB_NUMBER.match(_BULLET.sub("", clean)) is None:
            in_list = False
        if candidate is None:
            if pending_minutes and index - pending_minutes[1] > 8:
                pending_minutes = None
            continue
        if pending_minutes and candidate.form != "sub":
            candidate.minutes_allowed = candidate.minutes_allowed or pending_minutes[0]
            candidate.index = min(candidate.index, pending_minutes[1])
            pending_minutes = None
        found.append(candidate)
    return found


_NOT_A_HEADING = re.compile(
    r"^(?:action|actions|resolved|agreed|decision|decisions|note|noted|page|item|no\.)\b"
    r"|^\S+(?:\s+\S+)?\s*:|^(?:minutes|present|apologies|attendees|in attendance)$",
    re.IGNORECASE,
)


def _capital_heading(text: str) -> bool:
    """A line in capitals, as plain-text minutes set their unnumbered items' titles."""
    words = text.split()
    letters = [ch for ch in text if ch.isalpha()]
    return (
        1 <= len(words) <= 12
        and len(letters) >= 4
        and text.upper() == text
        and not _NOT_A_HEADING.match(text)
    )


def _next_content(lines: list[Line], index: int) -> int | None:
    for j in range(index + 1, min(len(lines), index + 6)):
        if patterns.clean(lines[j].text):
            return j
    return None


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """The candidates that are items: top-level numbers in order (a list inside an item's
    minutes restarts at 1, or is indented), sub-items under an item, unnumbered items only
    where the document numbers none, headings only where nothing else marks items."""
    numbered = [c for c in candidates if c.form in ("top", "minute")]
    timed = [c for c in candidates if c.form == "unnumbered"]
    if len(timed) > len(numbered):
        # A page whose items are marked by their time allowed, not numbers ("15 mins" above
        # each title): its numbered lines are lists inside the minutes.
        candidates = [c for c in candidates if c.form not in ("top", "minute")]
        numbered = []
    if len([c for c in candidates if c.form == "minute"]) >= 2:
        # "Minute 19/42", "Agenda item 4:": plain numbers under them are lists in the text
        candidates = [c for c in candidates if c.form != "top"]
    has_numbers = bool(numbered)
    has_times = bool(timed)
    chosen: list[_Candidate] = []
    last: int | None = None
    list_last: int | None = None  # a numbered list inside an item's text, once it restarts
    indented_ok: bool | None = None
    parent = ""
    tops = [c for c in candidates if c.form == "top"]
    following = {id(a): b.sequence for a, b in zip(tops, tops[1:], strict=False)}
    for candidate in candidates:
        if candidate.form == "top":
            n = candidate.sequence or 0
            if indented_ok is None:
                indented_ok = candidate.indented
            if candidate.indented and not indented_ok:
                continue
            if last is not None and (n <= last or (list_last is not None and n == list_last + 1)):
                list_last = n  # the list goes on (or starts again)
                continue
            if last is None:
                # minutes numbered through the year start anywhere ("45.", "46.", ...)
                ok = n <= 20 or following.get(id(candidate)) == n + 1
            else:
                ok = n <= last + 3
            if not ok:
                continue
            last, list_last, parent = n, None, candidate.number
            chosen.append(candidate)
        elif candidate.form == "minute":
            parent = candidate.number
            chosen.append(candidate)
        elif candidate.form == "sub":
            if candidate.parent:
                # "4.1" belongs under item 4, and under nothing else
                if candidate.parent != parent and (last is None or int(candidate.parent) != last):
                    continue
                chosen.append(candidate)
            elif parent:
                candidate.parent = parent
                chosen.append(candidate)
        elif candidate.form == "unnumbered":
            if not has_numbers or last is not None:
                parent = ""
                chosen.append(candidate)
        elif candidate.form == "heading" and not has_numbers and not has_times:
            chosen.append(candidate)
    return chosen


def _has_text(lines: list[Line], start: int, end: int) -> bool:
    return any(patterns.clean(line.text) for line in lines[start:end])


def _minutes_text(lines: list[Line], start: int, end: int, inline: str) -> list[str]:
    """The item's paragraphs, as plain text, from its title to the next item."""
    block = lines[start:end]
    # A ModernGov page prints the agenda's text, then "Minutes:", then the minutes.
    for position, line in enumerate(block):
        if _MINUTES_LABEL.match(patterns.clean(line.text)):
            block = block[position + 1 :]
            break
    paragraphs = [t for p in re.split(r"</p>", inline, flags=re.I) if (t := patterns.clean(p))]
    for line in block:
        cells = _cells(line)
        if cells:
            pieces = [p for c in cells for p in re.split(r"</p>", c, flags=re.I)]
        else:
            pieces = [line.text]
        for piece in pieces:
            text = patterns.clean(piece)
            text = patterns.DOCUMENT_LINK.sub("", text).strip()
            if not text or _SKIP_IN_MINUTES.match(text) or patterns.STANDALONE_MINUTES.match(text):
                continue
            if re.match(r"^-{3,}$", text):
                continue
            paragraphs.append(text)
    return paragraphs


_LEAD_IN = re.compile(r"(?:[:;]|\bfollowing\b[^.]{0,30})$|^\W*(?:resolved|agreed)\W*$", re.I)
_LISTED = re.compile(r"^(?:\(?[a-z0-9]{1,3}[.)]|[-•·*–])\s*\S", re.IGNORECASE)


def _decisions(paragraphs: list[str]) -> list[str]:
    """What the minutes say was decided: "RESOLVED ...", "AGREED ...", "The board agreed
    ...", "It was agreed ...", "... were approved", "confirmed as a correct record". A lead-in
    ("RESOLVED that:") takes the list under it."""
    out: list[str] = []
    for position, paragraph in enumerate(paragraphs):
        if re.match(r"^\W*action\b", paragraph, re.IGNORECASE):
            continue
        if _DECISION_START.match(paragraph) or (
            _DECISION.search(paragraph) and _LEAD_IN.search(paragraph)
        ):
            if _LEAD_IN.search(paragraph):
                if not _DECISION_START.match(paragraph):
                    paragraph = _SENTENCE.split(paragraph)[-1]  # the lead-in sentence alone
                listed = []
                for following in paragraphs[position + 1 : position + 11]:
                    if not _LISTED.match(following) and listed:
                        break
                    if re.match(r"^\W*action\b", following, re.IGNORECASE):
                        break
                    listed.append(following)
                    if not _LISTED.match(following):
                        break
                if listed:
                    out.append(" ".join([paragraph, *listed])[:1000])
                continue
            out.append(paragraph[:600])
            continue
        for sentence in _SENTENCE.split(paragraph):
            sentence = sentence.strip()
            if len(sentence) > 600 or "?" in sentence:
                continue
            if _DECISION.search(sentence) or _DECISION_START.match(sentence):
                out.append(sentence)
    return out[:20]


# Where an agenda or minutes turn to business the public may not see: a heading ("PART 2",
# "Private business", "Exempt items") or an item excluding the press and public.
_PRIVATE_PART = re.compile(
    r"^(?:part\s*(?:2|ii|b)\b|private\s+(?:business|session|part|items?)\b"
    r"|(?:exempt|confidential)\s+(?:items?|business)\b)",
    re.IGNORECASE,
)
_EXCLUSION = re.compile(
    r"\bexclusion\s+of\s+(?:the\s+)?(?:press|public)\b"
    r"|\b(?:press\s+and\s+)?public\s+(?:be|were|are)\s+excluded\b",
    re.IGNORECASE,
)


_ONE_ITEM = re.compile(r"\b(?:the\s+)?(?:following|next)\s+item\b(?!s|\(s\))", re.IGNORECASE)


def _private_from(
    lines: list[Line], chosen: list[_Candidate]
) -> tuple[int | None, int | None, int | None]:
    """The line from which items are private, the Schedule 12A paragraph it gives, and how
    many items it covers when it says ("for the following item": one; else all after)."""
    # an item's number may stand on the line above its title
    starts = {c.index: c.index for c in chosen} | {c.body - 1: c.index for c in chosen}
    for index, line in enumerate(lines):
        text = patterns.clean(line.text)
        if not text or len(text.split()) > 15:
            continue
        excluding = _EXCLUSION.search(text) and index in starts
        if excluding or (_PRIVATE_PART.match(text) and index not in starts):
            paragraph, covers = None, None
            for following in lines[index : index + 8]:
                clean = patterns.clean(following.text)
                if excluding and covers is None and _ONE_ITEM.search(clean):
                    covers = 1
                if paragraph is None:
                    _, paragraph = patterns.restriction(clean)
            return starts.get(index, index), paragraph, covers
    return None, None, None


def read_items(lines: list[Line], meeting: MeetingDraft) -> None:
    if meeting.kind == "action_log":
        return
    lines = lines[:20_000]
    # A heading above the meeting's date is the document's title, not an item.
    dated = next((n for n, line in enumerate(lines[:60]) if patterns.find_dates(line.text)), -1)
    chosen = _select(
        [c for c in _candidates(lines) if not (c.form == "heading" and c.index <= dated)]
    )
    if not chosen:
        return
    # What is under an item is its minutes, unless the part is only an agenda.
    with_minutes = meeting.kind != "agenda"
    if with_minutes:
        # In minutes, a heading straight under an item's heading is a sub-heading of its
        # text ("Key points"), not an item.
        chosen = [
            c
            for position, c in enumerate(chosen)
            if not (
                position
                and c.form == "heading"
                and chosen[position - 1].form == "heading"
                and not _has_text(lines, chosen[position - 1].body, c.index)
            )
        ]
    private_from, private_paragraph, private_covers = _private_from(lines, chosen)
    private_items = 0  # top-level items after the exclusion, so far
    unnumbered = [c for c in chosen if c.form in ("unnumbered", "heading")]
    # Items the document does not number are numbered in order, when it numbers none.
    number_them = bool(unnumbered) and len(unnumbered) == len(
        [c for c in chosen if c.form != "sub"]
    )
    counter = 0
    for position, found in enumerate(chosen):
        if found.form in ("unnumbered", "heading") and number_them:
            counter += 1
            found.number = str(counter)
        title = _tidy_title(found.title, found)
        title, restricted, paragraph = _restriction(title)
        end = chosen[position + 1].index if position + 1 < len(chosen) else len(lines)
        if private_from is not None and found.index < private_from < end:
            end = private_from  # "PART 2" below an item is not the item's
        paragraphs = _minutes_text(lines, found.body, end, found.inline)
        # an item excluding the public speaks of the items after it, not of itself
        excluding = found.index == private_from
        for text in [] if excluding else paragraphs[:6]:
            is_restricted, said_paragraph = patterns.restriction(text)
            if is_restricted:
                restricted = True
                paragraph = paragraph or said_paragraph
        if private_from is not None and found.index > private_from and found.form != "sub":
            private_items += 1
            if private_covers is None or private_items <= private_covers:
                restricted = True
                paragraph = paragraph or private_paragraph
        if not found.presenters:
            for text in paragraphs[:2]:
                presented = _PRESENTED_BY.search(text)
                if presented and presented.start() < 3:
                    found.presenters.extend(_split_names(presented["who"]))
                    break
        if not found.presenters and paragraphs and with_minutes:
            presenter = _PRESENTED_IN_MINUTES.match(paragraphs[0])
            if presenter:
                found.presenters.append(presenter["who"])
        item = ItemDraft(
            number=found.number,
            title=title or found.title,
            parent_number=found.parent,
            presenters=list(dict.fromkeys(found.presenters)),
            minutes_allowed=found.minutes_allowed,
            pages=found.pages,
            restricted=restricted,
            restriction_paragraph=paragraph,
            where=found.where,
        )
        if with_minutes:
            item.minutes = "\n\n".join(paragraphs)[:50_000]
            item.decisions = _decisions(paragraphs)
        meeting.items.append(item)
    if number_them:
        meeting.warnings.append(
            "The items are not numbered in the document; they are numbered here in order."
        )
