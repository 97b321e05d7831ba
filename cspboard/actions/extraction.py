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
...", "... Jade Hodgson to invite elected member.") as written; `owners.py` resolves them.
"""

import dataclasses
import datetime
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from .dates import find_due, parse_date_cell

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


# ---------------------------------------------------------------------------------------------
# Owners as written
# ---------------------------------------------------------------------------------------------

from cspboard.people.names import HONORIFICS  # noqa: E402, F401 (titles before a name)

# The last word of a phrase naming a group or a body rather than a person.
GROUP_HEADS = frozenset(
    """members partners agencies board boards chairs leads team teams group groups subgroup
    subgroups sub-group sub-groups service services police council collective panel officers
    commissioners representatives reps attendees everyone all colleagues organisations
    partnership unit directorate department secretariat office executive committee forum trust
    network""".split()
)

# Words that open an instruction ("Review and transform ...", "Take out reference to ..."):
# a sentence opening with one names no owner.
IMPERATIVES = frozenset(
    """add agree amend arrange ask book bring check circulate clarify close collate compile
    complete confirm consider contact continue create defer deliver develop discuss distribute
    draft email ensure escalate explore feed feedback find follow identify include invite
    liaise link look make map meet monitor note organise plan prepare present produce provide
    put raise re-circulate recirculate refer remove report request review revise schedule seek
    send set share speak submit take update write""".split()
)

_PARTICLES = frozenset("de da van von le la al bin del di du st".split())
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,2}['’][A-Z][\w'’-]*)$")
_INITIALS = re.compile(r"^[A-Z]{2,5}$")

# Between an owner and what they are to do: "JH to update", "All CSP members need to sign",
# "the police would meet", "Matthew Cole will chair".
_LINK = re.compile(
    r"\s(?:needs?\s+to|are\s+to|is\s+to|(?:has|have)\s+agreed\s+to|agreed\s+to|will|would|should"
    r"|shall|must|to)\s+(?P<next>[\w'’-]+)",
    re.I,
)
_AGREED_THAT = re.compile(r"^(?:it\s+was\s+)?agreed\s+(?:that\s+)?", re.I)
_ABBREVIATIONS = re.compile(
    r"\b(?:Supt|Insp|Det|Cllr|Dr|Mr|Mrs|Ms|St|No|e\.g|i\.e|etc|approx|Spt|Int)\.$", re.I
)


def _sentences(text: str) -> list[str]:
    parts: list[str] = []
    current = ""
    for piece in re.split(r"(?<=[.!?])\s+", text):
        current = f"{current} {piece}".strip() if current else piece
        if not _ABBREVIATIONS.search(current):
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return parts


def _tokens(phrase: str) -> list[str]:
    return [t for t in re.split(r"\s+", phrase.strip()) if t]


def _is_person_like(phrase: str) -> bool:
    """Initials ("JH", "MET"), or a name ("Clare", "Hazel North-Stephens", "Cllr Laila Butt",
    "Councillor Worby", "Angela d'Urso") of at most four words after any title."""
    tokens = _tokens(phrase)
    if not tokens:
        return False
    if len(tokens) == 1 and _INITIALS.match(tokens[0]):
        return True
    while tokens and tokens[0].strip(".").casefold() in HONORIFICS:
        tokens = tokens[1:]
    if not tokens or len(tokens) > 4:
        return False
    if tokens[0].casefold() in IMPERATIVES:
        return False
    return all(_NAME_TOKEN.match(t) or t.casefold() in _PARTICLES for t in tokens)


def _is_group_like(phrase: str) -> bool:
    """A body or a group: "Partners", "All CSP members", "the police", "YOS management board"."""
    tokens = _tokens(phrase)
    if not tokens or len(tokens) > 5:
        return False
    if tokens[0].casefold() in IMPERATIVES:
        return False
    head = tokens[-1].strip(".,;:'’").casefold()
    return head in GROUP_HEADS


def _owner_items(subject: str) -> tuple[str, ...]:
    """Split "Jane Scotchbrook/Tim Barfoot", "JT and TB", "Dan James, Jonathon Toy and Jade
    Hodgson" into owners; () unless every part names someone. A role before a name ("Cabinet
    member, Cllr Laila Butt") is dropped."""
    subject = re.sub(r"\s*\([A-Z]{2,5}\)", "", subject)  # "Jonathon Toy (JT)" -> "Jonathon Toy"
    subject = subject.strip(" ,;:-–—*")
    if not subject or len(subject) > 90:
        return ()
    parts = [p.strip(" ,;") for p in re.split(r"\s*/\s*|\s*[,;&]\s*|\s+and\s+", subject)]
    parts = [p for p in parts if p]
    if not parts:
        return ()
    valid = [_is_person_like(p) or _is_group_like(p) for p in parts]
    if all(valid):
        return tuple(parts)
    if (
        "/" not in subject
        and " and " not in subject
        and valid[-1]
        and _is_person_like(parts[-1])
        and len(_tokens(parts[-1])) >= 2
        and all(len(_tokens(p)) <= 3 for p in parts[:-1])
    ):
        return (parts[-1],)
    return ()


def owners_in(text: str) -> tuple[str, ...]:
    """The owners an action's text names, as written; () when it names nobody (an instruction,
    or a passive "... to be presented to the board")."""
    for sentence in _sentences(text):
        sentence = _AGREED_THAT.sub("", sentence.strip())
        match = _LINK.search(sentence)
        if not match or match.group("next").casefold() in ("be", "been"):
            continue
        owners = _owner_items(sentence[: match.start()])
        if owners:
            return owners
    return ()


def names_someone_to_act(text: str) -> bool:
    """ "JS to update Chair ...": opens with initials or a person's full name, then "to". Stricter
    than `owners_in`, for a bold line with no label, which may as well be a heading ("Actions to
    Sustain or improve performance", "One action organisations should take")."""
    match = re.match(r"^(?P<subject>.{2,60}?)\s+to\s+[a-z]", text)
    if not match:
        return False
    owners = _owner_items(match.group("subject"))
    return bool(owners) and all(
        _INITIALS.match(o) or (_is_person_like(o) and len(_tokens(o)) >= 2) for o in owners
    )


def split_owner_cell(text: str) -> tuple[str, ...]:
    """A Lead column's cell: "Jonathon Toy/ Dan James/ Jade Hodgson" -> three owners."""
    parts = re.split(r"\s*/\s*|\s*[,;&]\s*|\s+and\s+|\n", text)
    return tuple(p.strip(" .") for p in parts if p.strip(" ."))


# ---------------------------------------------------------------------------------------------
# From markup to paragraphs
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass
class _Para:
    text: str
    list_item: bool = False


@dataclasses.dataclass
class _Cell:
    paras: list[_Para]
    header: bool = False


@dataclasses.dataclass
class _Table:
    rows: list[list[_Cell]]


@dataclasses.dataclass
class _Row:
    """One line of a text table (tab-separated, or a Markdown "| a | b |" row)."""

    cells: list[_Cell]


class _Blank:
    pass


_BLOCK_TAGS = frozenset(
    """p div ul ol h1 h2 h3 h4 h5 h6 blockquote section article header footer caption dd dt pre
    hr thead tbody tfoot""".split()
)


class _BlockParser(HTMLParser):
    """HTML to paragraphs; the outermost tables kept as rows of cells (`tables=True`), or
    flattened into paragraphs (a fragment inside a text table's cell)."""

    def __init__(self, *, tables: bool):
        super().__init__(convert_charrefs=True)
        self.keep_tables = tables
        self.nodes: list = []
        self._buf: list[str] = []
        self._list_item = False
        self._depth = 0  # table nesting
        self._table: _Table | None = None
        self._cell: _Cell | None = None
        self._skip = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        text = re.sub(r"\*\*\s*\*\*", "", text).strip()
        self._buf = []
        if text and text != "**":
            para = _Para(text, self._list_item)
            if self._cell is not None:
                self._cell.paras.append(para)
            else:
                self.nodes.append(para)
        self._list_item = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("strong", "b"):
            self._buf.append("**")
        elif tag == "br":
            self._flush()
        elif tag == "li":
            self._flush()
            self._list_item = True
        elif tag == "table":
            self._flush()
            self._depth += 1
            if self._depth == 1 and self.keep_tables:
                self._table = _Table(rows=[])
        elif tag == "tr":
            self._flush()
            if self._depth == 1 and self._table is not None:
                self._table.rows.append([])
        elif tag in ("td", "th"):
            self._flush()
            if self._depth == 1 and self._table is not None:
                if not self._table.rows:
                    self._table.rows.append([])
                self._cell = _Cell(paras=[], header=tag == "th")
                self._table.rows[-1].append(self._cell)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("strong", "b"):
            self._buf.append("**")
        elif tag in ("td", "th"):
            self._flush()
            if self._depth == 1:
                self._cell = None
        elif tag == "table":
            self._flush()
            if self._depth == 1 and self._table is not None:
                self.nodes.append(self._table)
                self._table = None
                self._cell = None
            self._depth = max(0, self._depth - 1)
        elif tag in _BLOCK_TAGS or tag in ("li", "tr"):
            self._flush()

    def handle_data(self, data):
        if not self._skip:
            self._buf.append(data)

    def close(self):
        super().close()
        self._flush()
        if self._table is not None:
            self.nodes.append(self._table)
            self._table = None


_BULLET = re.compile(r"^\s*(?:(?:[-–—•·▪‣◦o]|\*(?!\*))\s+)+")


def _fragment_paras(fragment: str) -> list[_Para]:
    """A line (or a text table's cell) of the seed text: plain text, or HTML fragments."""
    if "<" not in fragment and "&" not in fragment:
        text = " ".join(fragment.split())
        return [_Para(text)] if text else []
    parser = _BlockParser(tables=False)
    parser.feed(fragment)
    parser.close()
    return [n for n in parser.nodes if isinstance(n, _Para)]


_HTML_BLOCK = re.compile(r"</?(?:p|li|ul|ol|table|tr|td|th|div|h[1-6]|br)\b", re.I)
_MD_SEPARATOR = re.compile(r"^\s*\|?[\s:|-]*-{2,}[\s:|-]*\|?\s*$")
_DASH_ROW = re.compile(r"^[\s\-–—|:]*$")


def _looks_like_html(text: str) -> bool:
    stripped = text.lstrip()
    if not _HTML_BLOCK.search(text):
        return False
    return stripped.startswith("<") or "\t" not in text


def _logical_lines(text: str) -> Iterator[str]:
    """Lines, with a line wrapped mid-sentence joined to its continuation, and a bold run
    ("**JS to update\\nChair to inform\\nall.**") joined into one line."""
    pending = ""
    for raw in text.splitlines():
        line = raw.rstrip()
        if pending:
            unclosed_bold = pending.count("**") % 2 == 1
            wrapped = (
                line.strip()[:1].islower()
                and not re.search(r"[.!?:]\s*$", pending)
                and "\t" not in line
                and not _BULLET.match(line)
            )
            if line.strip() and "\t" not in pending and (unclosed_bold or wrapped):
                pending = f"{pending} {line.strip()}"
                continue
            yield pending
        pending = line
        if not line.strip():
            yield ""
            pending = ""
    if pending:
        yield pending


def _text_nodes(text: str) -> list:
    nodes: list = []
    for line in _logical_lines(text):
        if not line.strip():
            nodes.append(_Blank())
        elif "\t" in line:
            nodes.append(_Row([_Cell(_fragment_paras(c)) for c in line.split("\t")]))
        elif line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            if not _MD_SEPARATOR.match(line):  # the |---|---| under a header row
                cells = line.strip().strip("|").split("|")
                nodes.append(_Row([_Cell(_fragment_paras(c)) for c in cells]))
        else:
            paras = _fragment_paras(line)
            if paras and _BULLET.match(line):
                paras[0].list_item = True
            nodes.extend(paras)
    return nodes


def _html_nodes(text: str) -> list:
    parser = _BlockParser(tables=True)
    parser.feed(text)
    parser.close()
    return parser.nodes


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


def _header_columns(cells: list[_Cell], *, th: bool = False) -> _Columns | None:
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
    stripped = _BULLET.sub("", text, count=1)
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

    def para(self, para: _Para, column: _ColumnContext | None = None) -> None:
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
            if _reads_like_action(text):
                self._add(body=text, source=text, kind=KIND_NEW)
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

    def row(self, cells: list[_Cell], columns: _Columns | None) -> None:
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
                self.para(_Para(joined), context)
            else:
                for para in paras:
                    self.para(para, context)
        self.heading = False

    def text_row(self, row: _Row) -> None:
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

    def html_table(self, table: _Table) -> None:
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
            if isinstance(node, _Blank):
                continue
            if isinstance(node, _Row):
                self.text_row(node)
            elif isinstance(node, _Table):
                self.columns = None
                self.html_table(node)
            else:
                self.gap += 1
                if self.gap > _TABLE_GAP:
                    self.columns = None
                self.para(node)
        return self.actions


def _cell_text(cell: _Cell) -> str:
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
    if _looks_like_html(text_or_html):
        nodes = _html_nodes(text_or_html)
    else:
        nodes = _text_nodes(text_or_html)
    seen: set[str] = set()
    unique = []
    for action in _Walker(meeting_date).walk(nodes):
        if action.fingerprint not in seen:
            seen.add(action.fingerprint)
            unique.append(action)
    return unique
