"""Finding the actions in minutes. Pure functions: no database, no Django.

`extract_actions(text)` takes minutes as plain text (the seed packs' extracted text, with its
tab-separated tables and stray HTML fragments) or as HTML (an item's sanitised minutes, or a DOCX
turned into HTML by `readers.py`) and proposes one `ProposedAction` for each action it finds:

- a line labelled ACTION: "ACTION: JH to ...", "ACTION – Clare Brutton to ...", "ACTION - ...",
  "Action: ...", "**ACTION** – ...", "<strong>ACTION</strong> ...", "- ACTION All CSP members
  ...", or an ACTION inside a paragraph ("... burglary? ACTION – NM to pass this number ...");
- a numbered line about the action log: "Action 2 No completion date discussed ...", "Actions 3,
  4, and 6 can be removed ..." (kind "update", with the numbers);
- the action column of a minutes table: a column headed "Action"/"Actions"/"Action required",
  or a cell that opens with the word ACTIONS, whether the table is HTML, tab-separated text or a
  Markdown table; a cell holding just "ACTION" applies to the cells after it in its row;
- a row of an action-log table (an action column plus a Status or Open/Closed column): kind
  "logged", owners from its Lead column, due date from its Target column;
- the items listed under an "Actions:" heading;
- a paragraph set wholly in bold that reads "<owner> to <do something>".

Owners are read from the text ("JT and TB to compile ...", "Agreed that the police would meet
...", "... Jade Hodgson to invite elected member.") as written (`owner_phrases.py`);
`owners.py` resolves them. The text is first read into paragraphs and tables
(`minutes_blocks.py`); what is left here is the one parser that walks them.
"""

import dataclasses
import datetime
import hashlib
import re

from .dates import find_due, parse_date_cell
from .minutes_blocks import (
    BULLET,
    Blank,
    Cell,
    Para,
    Row,
    Table,
    html_blocks,
    looks_like_html,
    text_blocks,
)
from .owner_phrases import (
    names_someone_to_act,
    owners_before_colon,
    owners_in,
    split_owner_cell,
)

KIND_NEW = "new"
KIND_UPDATE = "update"
KIND_LOGGED = "logged"


def action_fingerprint(kind: str, text: str) -> str:
    """A stable key for an action: the same action in minutes saved again gives the same key.

    Case, punctuation, whitespace and the ellipsis of a cut-off line do not count, nor does a
    status in brackets (stripped from the text before this is called)."""
    normal = re.sub(r"[\W_]+", " ", text.replace("…", " ").casefold()).strip()
    return hashlib.sha256(f"{kind}\x1f{normal}".encode()).hexdigest()[:20]


@dataclasses.dataclass(frozen=True)
class ProposedAction:
    """An action found in minutes, as written; nothing is resolved or saved yet."""

    text: str
    owners_written: tuple[str, ...] = ()
    due: datetime.date | None = None
    due_text: str = ""
    source_line: str = ""
    kind: str = KIND_NEW
    numbers: tuple[int, ...] = ()
    status_text: str = ""
    fingerprint: str = dataclasses.field(init=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "fingerprint", action_fingerprint(self.kind, self.text))

    @property
    def number(self) -> int | None:
        """The action-log number an update refers to (the first, when a line names several)."""
        return self.numbers[0] if self.numbers else None


_DASH_ROW = re.compile(r"^[\s\-–—|:]*$")


# ---------------------------------------------------------------------------------------------
# Labels, columns and tables
# ---------------------------------------------------------------------------------------------

_LABEL_ONLY = re.compile(
    r"^(?:agreed\s+)?actions?(?:\s*\(s\))?(?:\s+(?:points?|agreed|arising|required))?\s*[:.]?$",
    re.I,
)
_ACTION_HEADER = re.compile(
    r"^(?:agreed\s+)?actions?(?:\s*\(s\))?(?:\s+(?:required|agreed|points?|arising))?$", re.I
)
_OWNER_HEADER = re.compile(
    r"^(?:action\s+)?(?:leads?|owners?|responsible(?:\s+officer)?|by\s+whom|by|who|lead\s+officer)$",
    re.I,
)
_DUE_HEADER = re.compile(
    r"^(?:target(?:\s+completion)?(?:\s+date)?|due(?:\s+date)?|deadline|by\s+when|when"
    r"|completion\s+date|date\s+due)$",
    re.I,
)
_STATUS_HEADER = re.compile(r"^(?:status|open\s*/\s*closed|rag(?:\s+status)?|progress)$", re.I)
_HEADER_WORDS = frozenset(
    """item items name agency organisation time page pages date comments minutes notes
    discussion month indicator presenter subject reason""".split()
) | {
    "post title",
    "presented by",
    "report title",
    "item no",
    "item status",
    "agenda item",
    "date of meeting",
    "publication date",
    "comments/ update",
    "comments/update",
}
_NOTHING = re.compile(
    r"^(?:none|n/?a|nil|-+|tbc|no\s+actions?(?:\s+arising)?|no\s+further\s+actions?)\.?$", re.I
)


def _plain(text: str) -> str:
    return " ".join(text.replace("**", " ").split()).strip()


def _is_label_only(text: str) -> bool:
    return bool(_LABEL_ONLY.match(_plain(text).strip("-–—: ")))


def _is_header_cell(text: str) -> bool:
    t = _plain(text).rstrip(":").casefold()
    return bool(
        t in _HEADER_WORDS
        or _ACTION_HEADER.match(t)
        or _OWNER_HEADER.match(t)
        or _DUE_HEADER.match(t)
        or _STATUS_HEADER.match(t)
    )


@dataclasses.dataclass
class _Columns:
    """What a table's columns hold. `action` counts from the row's end when negative (a text
    table whose action column is its last: rows there often lose their leading empty cells)."""

    action: int | None = None
    owner: int | None = None
    due: int | None = None
    status: tuple[int, ...] = ()
    width: int = 0
    strict: bool = True  # a text table's action cells must read like actions
    logged: bool = False


def _header_columns(cells: list[Cell], *, th: bool = False) -> _Columns | None:
    """The columns a header row declares, or None if the row is not a header."""
    texts = [_plain(" ".join(p.text for p in c.paras)) for c in cells]
    filled = [t for t in texts if t]
    if len(filled) < 2 and not th:
        return None
    if not th and (any(len(t) > 45 for t in filled) or not any(_is_header_cell(t) for t in filled)):
        return None
    columns = _Columns(width=len(cells))
    status: list[int] = []
    for i, t in enumerate(texts):
        t = t.rstrip(":")
        if _ACTION_HEADER.match(t) and columns.action is None:
            columns.action = i
        elif _OWNER_HEADER.match(t) and columns.owner is None:
            columns.owner = i
        elif _DUE_HEADER.match(t) and columns.due is None:
            columns.due = i
        elif _STATUS_HEADER.match(t):
            status.append(i)
    columns.status = tuple(status)
    columns.logged = columns.action is not None and bool(status)
    columns.strict = columns.action is not None and columns.owner is None and not status
    return columns


# ---------------------------------------------------------------------------------------------
# Labelled lines
# ---------------------------------------------------------------------------------------------

_UPDATE = re.compile(
    r"^\**\s*(?P<label>actions?)\s*\**\s*(?:no\.?\s*)?"
    r"(?P<nums>\d{1,3}(?:\s*(?:,\s*and|,|&|and)\s*\d{1,3})*)\b\s*\**(?P<rest>.*)$",
    re.I,
)
_START_LABEL = re.compile(r"^\**\s*actions?\s*\**\s*[:–—-]\s*\**", re.I)
_START_UPPER = re.compile(r"^\**\s*ACTIONS?\b\s*\**\s*(?:[:–—-]\s*\**)?")
_MID_UPPER = re.compile(r"(?<![\w*])\**\s*ACTIONS?\s*\**\s*[:–—-]\s*\**|\*\*ACTIONS?\*\*\s*[:–—-]?")
_NOT_A_LABEL = re.compile(r"^(?:LOG|PLAN|PLANS|POINTS?|TRACKER|SHEET|REQUIRED|ITEMS?|NOTES)\b")
_TRUNCATED = re.compile(r"\s*(?:\.{3}|…)\s*view the full minutes text for item\s*\S*\s*$", re.I)
_STATUS = re.compile(
    r"\s*\(\s*(?P<status>outstanding|closed|open|complete(?:d)?|ongoing|on-?going|done"
    r"|in progress|on hold|carried forward|superseded)\s*\)\s*\.?\s*$",
    re.I,
)


def _clean(body: str) -> tuple[str, str]:
    """(text, status as written) from what follows a label."""
    text = " ".join(body.replace("**", "").split())
    text = _TRUNCATED.sub(" …", text)
    status = ""
    match = _STATUS.search(text)
    if match:
        status = match.group("status")
        text = text[: match.start()]
    text = text.strip().lstrip(":–—- ").strip()
    return text, status


def _labelled(text: str) -> list[tuple[str, tuple[int, ...], str]]:
    """(kind, numbers, body) for each labelled action in a paragraph."""
    stripped = BULLET.sub("", text, count=1)
    update = _UPDATE.match(stripped)
    if update:
        rest = update.group("rest")
        if not (update.group("label").isupper() and re.match(r"\s*\**\s*[:–—-]", rest)):
            numbers = tuple(int(n) for n in re.findall(r"\d+", update.group("nums")))
            return [(KIND_UPDATE, numbers, stripped)]
        numbers = tuple(int(n) for n in re.findall(r"\d+", update.group("nums")))
        return [(KIND_NEW, numbers, re.sub(r"^\s*\**\s*[:–—-]\s*", "", rest))]
    starts: list[tuple[int, int]] = []
    first = _START_LABEL.match(stripped) or _START_UPPER.match(stripped)
    if first:
        starts.append((first.start(), first.end()))
    for match in _MID_UPPER.finditer(stripped):
        if first and match.start() < first.end():
            continue
        before = stripped[: match.start()].rstrip(" *")
        previous_word = before.split()[-1] if before.split() else ""
        if previous_word.isupper() and len(previous_word) > 1 and previous_word.isalpha():
            continue  # "NO FURTHER ACTION:" in a heading
        starts.append((match.start(), match.end()))
    found = []
    for index, (_start, end) in enumerate(starts):
        stop = starts[index + 1][0] if index + 1 < len(starts) else len(stripped)
        body = stripped[end:stop].strip()
        plain = _plain(body)
        if len(plain.split()) < 2 or _NOT_A_LABEL.match(plain) or _NOTHING.match(plain):
            continue
        found.append((KIND_NEW, (), body))
    return found


def _reads_like_action(text: str) -> bool:
    """For cells of a text table's action column: "X to do something", not a venue or a name."""
    plain = _plain(text)
    if _NOTHING.match(plain) or len(plain.split()) < 3 or len(plain) > 500:
        return False
    return bool(re.search(r"\bto\s+[a-z]{2,}", plain))


# ---------------------------------------------------------------------------------------------
# The walk
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _ColumnContext:
    strict: bool
    kind: str = KIND_NEW
    owners: tuple[str, ...] | None = None
    due_cell: str | None = None
    status: str = ""


_NUMBERED = re.compile(r"^\s*\(?\d{1,2}[.)]\s+")
_TABLE_GAP = 15  # paragraphs of running text after which a text table is taken to have ended


class _Walker:
    def __init__(self, reference: datetime.date | None):
        self.reference = reference
        self.actions: list[ProposedAction] = []
        self.columns: _Columns | None = None  # the text table being read
        self.gap = 0
        self.heading = False  # just read an "Actions:" heading; list items follow

    # -- building actions --------------------------------------------------------------------

    def _add(
        self,
        *,
        body: str,
        source: str,
        kind: str,
        numbers: tuple[int, ...] = (),
        owners: tuple[str, ...] | None = None,
        due_cell: str | None = None,
        status: str = "",
    ) -> None:
        text, written_status = _clean(body)
        if not text:
            return
        if owners is None:
            owners = () if kind == KIND_UPDATE else owners_in(text)
        if due_cell is not None:
            due, due_text = parse_date_cell(_plain(due_cell), reference=self.reference)
        else:
            due, due_text = find_due(text, reference=self.reference)
        self.actions.append(
            ProposedAction(
                text=text,
                owners_written=tuple(owners),
                due=due,
                due_text=due_text,
                source_line=_plain(source),
                kind=kind,
                numbers=numbers,
                status_text=status or written_status,
            )
        )

    def para(self, para: Para, column: _ColumnContext | None = None) -> None:
        text = para.text
        labelled = _labelled(text)
        if labelled:
            self.heading = False
            for kind, numbers, body in labelled:
                owners = column.owners if column and kind == KIND_NEW else None
                self._add(body=body, source=text, kind=kind, numbers=numbers, owners=owners)
            return
        if _is_label_only(text):
            self.heading = True
            return
        if column is not None:
            if _NOTHING.match(_plain(text)) or (column.strict and not _reads_like_action(text)):
                return
            self._add(
                body=text,
                source=text,
                kind=column.kind,
                owners=column.owners,
                due_cell=column.due_cell,
                status=column.status,
            )
            return
        if self.heading and para.list_item:
            if _reads_like_action(text) or owners_before_colon(_plain(text)):
                self._add(body=text, source=text, kind=KIND_NEW)
            return
        numbered = _NUMBERED.match(text) if self.heading else None
        if numbered:
            # "Agreed actions" / "1. LB: circulate ..." / "2. TF to scope ...": a numbered
            # list, taken only where each entry names someone to act.
            body = _plain(text[numbered.end() :])
            if names_someone_to_act(body) or owners_before_colon(body):
                self._add(body=body, source=text, kind=KIND_NEW)
            return
        self.heading = False
        plain = _plain(text)
        if (
            text.startswith("**")
            and text.endswith("**")
            and text.count("**") == 2
            and len(plain.split()) <= 30
            and names_someone_to_act(plain)
        ):
            self._add(body=plain, source=text, kind=KIND_NEW)

    # -- tables ---------------------------------------------------------------------------------

    def row(self, cells: list[Cell], columns: _Columns | None) -> None:
        """One row of a table whose columns are `columns` (None: no action column known)."""
        owners = due_cell = None
        status = ""
        action_index: int | None = None
        if columns is not None and columns.action is not None:
            action_index = columns.action if columns.action >= 0 else len(cells) + columns.action
            if columns.owner is not None and columns.owner < len(cells):
                owners = split_owner_cell(_plain(_cell_text(cells[columns.owner])))
            if columns.due is not None and columns.due < len(cells):
                due_cell = _cell_text(cells[columns.due])
            status = ", ".join(
                t for i in columns.status if i < len(cells) and (t := _plain(_cell_text(cells[i])))
            )
        strict = columns.strict if columns is not None else True
        kind = KIND_LOGGED if columns is not None and columns.logged else KIND_NEW
        label_at: int | None = None
        for i, cell in enumerate(cells):
            paras = list(cell.paras)
            in_action = i == action_index or (label_at is not None and i > label_at)
            if paras and _is_label_only(paras[0].text):
                if len(paras) == 1 and any(_cell_text(c).strip() for c in cells[i + 1 :]):
                    label_at = i  # | ACTION | JH to ... |: the cells after the label
                    continue
                in_action = True
                paras = paras[1:]
            if not in_action:
                for para in paras:
                    self.para(para)
                continue
            context = _ColumnContext(
                strict=strict if i == action_index else True,
                kind=kind if i == action_index else KIND_NEW,
                owners=owners if i == action_index else None,
                due_cell=due_cell if i == action_index else None,
                status=status if i == action_index else "",
            )
            if context.kind == KIND_LOGGED and paras:
                joined = " ".join(p.text for p in paras)
                self.para(Para(joined), context)
            else:
                for para in paras:
                    self.para(para, context)
        self.heading = False

    def text_row(self, row: Row) -> None:
        cells = row.cells
        texts = [_cell_text(c) for c in cells]
        self.gap = 0
        if all(_DASH_ROW.match(_plain(t)) for t in texts):
            self.columns = None
            return
        header = _header_columns(cells)
        if header is not None:
            if header.action is not None and header.action == len(cells) - 1 - _trailing_empty(
                texts
            ):
                header.action = -1 - _trailing_empty(texts)
            self.columns = header
            return
        columns = self.columns
        if columns is not None and columns.action is not None and columns.action >= 0:
            if len(cells) < columns.width - 1:
                self.columns = columns = None  # a row of another shape: that table has ended
        last = cells[-1].paras if cells else []
        if (columns is None or columns.action is None) and last and _is_label_only(last[0].text):
            if len(cells) > 1:
                self.columns = columns = _Columns(action=-1, width=len(cells))
        self.row(cells, columns)

    def html_table(self, table: Table) -> None:
        rows = table.rows
        columns: _Columns | None = None
        if rows:
            first = rows[0]
            columns = _header_columns(first, th=all(c.header for c in first) and bool(first))
            if columns is not None:
                columns.strict = columns.strict and not all(c.header for c in first)
                rows = rows[1:]
        label_columns: _Columns | None = None
        for cells in rows:
            use = columns if columns is not None and columns.action is not None else label_columns
            last = cells[-1].paras if cells else []
            if use is None and last and _is_label_only(last[0].text) and len(cells) > 1:
                label_columns = use = _Columns(action=len(cells) - 1, width=len(cells))
            self.row(cells, use)

    def walk(self, nodes: list) -> list[ProposedAction]:
        for node in nodes:
            if isinstance(node, Blank):
                continue
            if isinstance(node, Row):
                self.text_row(node)
            elif isinstance(node, Table):
                self.columns = None
                self.html_table(node)
            else:
                self.gap += 1
                if self.gap > _TABLE_GAP:
                    self.columns = None
                self.para(node)
        return self.actions


def _cell_text(cell: Cell) -> str:
    return " ".join(p.text for p in cell.paras)


def _trailing_empty(texts: list[str]) -> int:
    count = 0
    for text in reversed(texts):
        if text.strip():
            break
        count += 1
    return count


def extract_actions(
    text_or_html: str, *, meeting_date: datetime.date | None = None
) -> list[ProposedAction]:
    """Every action the minutes set out, in the order written, each once (by fingerprint).

    `meeting_date`, when known, places a due date written without a year ("by 31 March")."""
    if looks_like_html(text_or_html):
        nodes = html_blocks(text_or_html)
    else:
        nodes = text_blocks(text_or_html)
    seen: set[str] = set()
    unique = []
    for action in _Walker(meeting_date).walk(nodes):
        if action.fingerprint not in seen:
            seen.add(action.fingerprint)
            unique.append(action)
    return unique
