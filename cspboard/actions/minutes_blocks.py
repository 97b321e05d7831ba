"""Minutes as the blocks the extraction walks: paragraphs (`Para`), rows of a text table
(`Row`, tab-separated or Markdown), HTML tables (`Table` of `Cell`s) and blank lines (`Blank`),
from plain text (`text_blocks`) or HTML (`html_blocks`). Pure: no database, no Django."""

import dataclasses
import re
from collections.abc import Iterator
from html.parser import HTMLParser


@dataclasses.dataclass
class Para:
    text: str
    list_item: bool = False


@dataclasses.dataclass
class Cell:
    paras: list[Para]
    header: bool = False


@dataclasses.dataclass
class Table:
    rows: list[list[Cell]]


@dataclasses.dataclass
class Row:
    """One line of a text table (tab-separated, or a Markdown "| a | b |" row)."""

    cells: list[Cell]


class Blank:
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
        self._table: Table | None = None
        self._cell: Cell | None = None
        self._skip = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        text = re.sub(r"\*\*\s*\*\*", "", text).strip()
        self._buf = []
        if text and text != "**":
            para = Para(text, self._list_item)
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
                self._table = Table(rows=[])
        elif tag == "tr":
            self._flush()
            if self._depth == 1 and self._table is not None:
                self._table.rows.append([])
        elif tag in ("td", "th"):
            self._flush()
            if self._depth == 1 and self._table is not None:
                if not self._table.rows:
                    self._table.rows.append([])
                self._cell = Cell(paras=[], header=tag == "th")
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


BULLET = re.compile(r"^\s*(?:(?:[-–—•·▪‣◦o]|\*(?!\*))\s+)+")


def _fragment_paras(fragment: str) -> list[Para]:
    """A line (or a text table's cell) of the seed text: plain text, or HTML fragments."""
    if "<" not in fragment and "&" not in fragment:
        text = " ".join(fragment.split())
        return [Para(text)] if text else []
    parser = _BlockParser(tables=False)
    parser.feed(fragment)
    parser.close()
    return [n for n in parser.nodes if isinstance(n, Para)]


_HTML_BLOCK = re.compile(r"</?(?:p|li|ul|ol|table|tr|td|th|div|h[1-6]|br)\b", re.I)
_MD_SEPARATOR = re.compile(r"^\s*\|?[\s:|-]*-{2,}[\s:|-]*\|?\s*$")


def looks_like_html(text: str) -> bool:
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
                and not BULLET.match(line)
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


def text_blocks(text: str) -> list:
    """Minutes as plain text (the seeds' extracted text): paragraphs, rows of tab-separated
    or Markdown tables, and blank lines."""
    nodes: list = []
    for line in _logical_lines(text):
        if not line.strip():
            nodes.append(Blank())
        elif "\t" in line:
            nodes.append(Row([Cell(_fragment_paras(c)) for c in line.split("\t")]))
        elif line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            if not _MD_SEPARATOR.match(line):  # the |---|---| under a header row
                cells = line.strip().strip("|").split("|")
                nodes.append(Row([Cell(_fragment_paras(c)) for c in cells]))
        else:
            paras = _fragment_paras(line)
            if paras and BULLET.match(line):
                paras[0].list_item = True
            nodes.extend(paras)
    return nodes


def html_blocks(text: str) -> list:
    """Minutes as HTML: paragraphs and the outermost tables."""
    parser = _BlockParser(tables=True)
    parser.feed(text)
    parser.close()
    return parser.nodes
