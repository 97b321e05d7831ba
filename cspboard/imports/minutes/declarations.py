"""Declarations of interest: that none were made ("No declarations of interest to note",
"There were no declarations", "None" under the item), or who declared what under which item
("Cllr Worby declared a personal interest in item 6 as a trustee of ...", or a table of name |
item | interest under the heading).

The agenda's standing text ("Members are asked to declare any interest ...") is neither.
"""

from __future__ import annotations

import re

from cspboard.documents.readers import Line

from .draft import DeclarationDraft, MeetingDraft
from .names import cut_name, looks_like_person, plain

_LINE_CHARS = 4000
_SENTENCE_CHARS = 600  # a declaration is a sentence, not a page
_UNDER_HEADING = 12  # non-blank lines read under a "Declarations of interest" heading

_HEADING = re.compile(
    r"^(?:item\s+)?(?:\d{1,3}[.)]?\s+)?(?:\(?[a-z]\)\s+)?declarations?\s+of\s+(?:\w+\s+)?interests?\b",
    re.I,
)
_NONE = re.compile(
    r"\bno\s+(?:declarations?|interests?)\b[^.]{0,60}?\b(?:note|record|declared|made|received"
    r"|reported|raised|given|registered|interest)\b"
    r"|\bthere\s+were\s+no\s+(?:declarations?|interests?)\b"
    r"|\bno(?:\s+\w+){0,3}\s+interests?\s+(?:were|was)\s+declared\b"
    r"|\bnone\s+(?:were|was)\s+(?:declared|made|received)\b"
    r"|\bno\s+declarations?\b",
    re.I,
)
_NONE_ALONE = re.compile(
    r"^(?:none|nil|none\s+declared|none\s+received|none\s+made|n/?a)\.?$", re.I
)
_BOILERPLATE = re.compile(
    r"\b(?:asked|invited|reminded|required|requested)\s+to\s+(?:declare|disclose)"
    r"|\b(?:should|must|may)\s+(?:declare|disclose)|\bdeclare\s+any\b",
    re.I,
)
_DECLARED = re.compile(
    r"^(?P<name>.{2,80}?)\s+(?:declared|disclosed|registered|noted)\s+(?:an?\s+|their\s+|his\s+|her\s+)?"
    r"(?P<text>(?:[\w-]+\s+){0,4}interests?\b.*)$",
    re.I,
)
_BY = re.compile(
    r"^(?P<text>.*?\binterests?\b.*?)\s+(?:was|were)\s+declared\s+by\s+(?P<name>[^,.;]{2,80})(?P<more>.*)$",
    re.I,
)
_ITEM = re.compile(r"\b(?:agenda\s+)?items?\s+(?:no\.?\s*)?(\d{1,3}(?:\.\d{1,2}|[a-z])?)\b", re.I)
_SENTENCES = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
_ITEM_HEADING = re.compile(r"^\s*(?:item\s+)?\d{1,3}(?:\.\d{1,2})?[.)]?\s+[A-Z]", re.I)


def read_declarations(lines: list[Line], meeting: MeetingDraft) -> None:
    """Fill `meeting.declarations` and `no_declarations` from `lines`."""
    for index, line in enumerate(lines):
        text = plain(line.text)[:_LINE_CHARS]
        if not text:
            continue
        lowered = text.casefold()
        if "declar" in lowered or "interest" in lowered:
            for sentence in _SENTENCES.split(text):
                _read_sentence(sentence, line, meeting)
        # A heading of its own, or an item's row of two cells ("2 | Declarations of
        # interest"); not a row of a forward plan that lists the item.
        filled = [plain(c) for c in line.cells if c.strip()]
        heading = _HEADING.match(text) if not line.cells else None
        if heading or (len(filled) <= 2 and any(_HEADING.match(c) for c in filled)):
            if heading:
                # "Declarations of interest: none", "... : Cllr Lee – item 5 – a governor"
                _written(text[heading.end() :].strip(" :.–—-"), line, meeting)
            _under_heading(lines, index, meeting)
    if meeting.declarations:
        meeting.no_declarations = False


def _read_sentence(sentence: str, line: Line, meeting: MeetingDraft) -> None:
    if _BOILERPLATE.search(sentence):
        return
    sentence = sentence[:_SENTENCE_CHARS]
    lowered = sentence.casefold()
    declared = None
    if "interest" in lowered:
        declared = _DECLARED.match(sentence)
        if not declared and "declared by" in lowered:
            declared = _BY.match(sentence)
    if declared:
        name, _post = cut_name(declared["name"].strip(" ,"))
        if looks_like_person(name):
            _add(meeting, name, sentence, line)
            return
    if ("declar" in lowered or "interest" in lowered) and _NONE.search(sentence):
        meeting.no_declarations = not meeting.declarations


def _under_heading(lines: list[Line], start: int, meeting: MeetingDraft) -> None:
    """What the minutes write under the heading: "None", or a table of who declared what."""
    seen = 0
    table = False  # a table headed "Name | Item | Interest" is read row by row
    for line in lines[start + 1 :]:
        text = plain(line.text)[:_LINE_CHARS]
        if not text:
            continue
        seen += 1
        if seen > _UNDER_HEADING or line.heading or _ITEM_HEADING.match(text):
            return
        if _NONE_ALONE.match(text):
            meeting.no_declarations = not meeting.declarations
            return
        if line.cells and not table:
            table = any("interest" in c.casefold() for c in line.cells) and any(
                c.strip().casefold() in ("name", "member", "councillor", "who") for c in line.cells
            )
        elif line.cells and len([c for c in line.cells if c.strip()]) >= 2:
            _table_row(line, meeting)
        elif not line.cells:
            _written(text, line, meeting)


_ENTRY = re.compile(r"^(?P<name>[^–—:;(]{2,80}?)\s*(?:[–—:(]|\s-\s)\s*(?P<text>.+)$")
_TIES = re.compile(
    r"\binterests?\b|\bitems?\s+\d|\b(?:trustee|governor|employ\w*|member\s+of|director\s+of"
    r"|works?\s+for|related\s+to|married|partner\s+of|tenant|landlord)\b",
    re.I,
)


def _written(text: str, line: Line, meeting: MeetingDraft) -> None:
    """Under the heading, or after its colon: "None", or "Cllr Lee – item 5 – a governor"
    (one or more, split at semicolons)."""
    if not text:
        return
    if _NONE_ALONE.match(text):
        meeting.no_declarations = not meeting.declarations
        return
    for piece in text.split(";")[:20]:
        match = _ENTRY.match(piece.strip())
        if not match or not _TIES.search(match["text"]):
            continue
        name, _post = cut_name(match["name"].strip(" ,"))
        if looks_like_person(name):
            _add(meeting, name, match["text"].strip(" )"), line)


def _table_row(line: Line, meeting: MeetingDraft) -> None:
    """ "Cllr Worby | 6 | Trustee of Refuge": a name, an item, the interest."""
    cells = [plain(c) for c in line.cells if c.strip()]
    name, _post = cut_name(cells[0])
    if not looks_like_person(name):
        return
    rest = cells[1:]
    item = ""
    if rest and re.fullmatch(r"(?:item\s+)?\d{1,3}(?:\.\d{1,2}|[a-z])?", rest[0], re.I):
        item = re.sub(r"(?i)^item\s+", "", rest[0])
        rest = rest[1:]
    text = " ".join(rest).strip()
    if text:
        _add(meeting, name, text, line, item=item)


def _add(meeting: MeetingDraft, name: str, text: str, line: Line, item: str = "") -> None:
    if not item:
        found = _ITEM.search(text)
        item = found.group(1) if found else ""
    key = (name.casefold(), text.casefold())
    if any((d.name.casefold(), d.text.casefold()) == key for d in meeting.declarations):
        return
    meeting.declarations.append(
        DeclarationDraft(name=name, text=text.strip(), item_number=item, where=line.where)
    )
