"""HTML, ModernGov's "Agenda and minutes" pages included: what a browser shows, as lines.

Each block (paragraph, heading, list item, `<br>`-separated run) is a line; script, style, the
head and navigation are dropped. A table row is one line with cells when its cells each hold a
line or two; a row whose cells hold whole passages (ModernGov's item table puts an item's
number in one cell and its title and minutes in the next) is a layout row, read as the lines
of its cells in order, as the seed packs' text was extracted.

The parser never touches the network, and a page that declares entities (the "billion laughs"
attack) is refused rather than parsed.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from .lines import MAX_LINES, Line, LineCounter, UnreadableDocument, tidy
from .text import decode_text

DROPPED = frozenset(
    {"script", "style", "head", "title", "nav", "noscript", "template", "svg", "math", "iframe",
     "object", "embed", "canvas", "button", "select", "textarea"}
)  # fmt: skip
BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
     "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
     "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
     "ol", "p", "pre", "section", "summary", "ul"}
)  # fmt: skip
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BOLD = frozenset({"b", "strong"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.IGNORECASE)
_ENTITY_DECLARATION = re.compile(r"<!\s*ENTITY", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# A cell of more lines than this holds a passage, not a value: its row is a layout row.
_MAX_CELL_LINES = 3
# Deeper than this, an element's text is read whole (libxml2 itself stops at 256).
_MAX_DEPTH = 150


def read_html(data: bytes, name: str) -> list[Line]:
    text = decode_text(data, name=name)
    if _ENTITY_DECLARATION.search(text):
        raise UnreadableDocument(
            f"{name} declares its own entities, which web pages do not do; it is not read"
        )
    text = _XML_DECLARATION.sub("", text)
    parser = lxml_html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.LxmlError, ValueError) as error:
        raise UnreadableDocument(f"{name} could not be read as a web page ({error})") from None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        # libxml2 stops at its limits (elements nested 256 deep) and drops the rest unsaid.
        raise UnreadableDocument(f"{name} nests its elements too deeply to be read whole")
    reader = _Reader(name)
    reader.walk(root, bold=False, heading=False, depth=0)
    reader.flush(heading=False)
    out = LineCounter(name)
    for text, cells, heading in reader.items:
        out.add(text, cells=cells, heading=heading)
    return out.lines


class _Reader:
    """Walks an element, gathering its lines as (text, cells, heading)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[tuple[str, tuple[str, ...], bool]] = []
        self.parts: list[tuple[str, bool]] = []  # the line being gathered: (text, bold)
        self.number = ""  # an ordered list item's number, for the item's first line

    def add(self, text: str, cells: tuple[str, ...] = (), heading: bool = False) -> None:
        if len(self.items) >= MAX_LINES:
            raise UnreadableDocument(f"{self.name} has more than {MAX_LINES:,} lines")
        self.items.append((text, cells, heading))

    def flush(self, *, heading: bool) -> None:
        text = tidy("".join(part for part, _ in self.parts))
        if text:
            bold = all(is_bold for part, is_bold in self.parts if part.strip())
            self.add(self.number + text, heading=heading or bold)
            self.number = ""
        self.parts = []

    def walk(self, element, *, bold: bool, heading: bool, depth: int, prefix: str = "") -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in DROPPED or not tag:
            return
        if tag == "br":
            self.flush(heading=heading)
            return
        if tag == "table":
            self.flush(heading=heading)
            self.table(element, depth)
            return
        if depth > _MAX_DEPTH:
            self.parts.append((" ".join(element.itertext()), bold))
            return
        bold = bold or tag in BOLD or bool(_BOLD_STYLE.search(element.get("style") or ""))
        heading = heading or tag in HEADINGS
        block = tag in BLOCKS
        if block:
            self.flush(heading=heading)
        if prefix:
            self.number = prefix
        if element.text:
            self.parts.append((element.text, bold))
        number = _list_start(element) if tag == "ol" else None
        style = (element.get("type") or "1") if tag == "ol" else "1"
        for child in element:
            child_prefix = ""
            if number is not None and child.tag == "li":
                child_prefix, number = f"{_list_number(number, style)}. ", number + 1
            self.walk(child, bold=bold, heading=heading, depth=depth + 1, prefix=child_prefix)
            if child.tail:
                self.parts.append((child.tail, bold))
        if block:
            self.flush(heading=heading)
        if prefix:
            self.number = ""  # an empty item's number is not the next line's

    def table(self, table, depth: int) -> None:
        for caption in table.findall("caption"):
            self.walk(caption, bold=False, heading=False, depth=depth + 1)
        rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        for row in rows:
            cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            read = []
            for cell in cells:
                reader = _Reader(self.name)
                reader.walk(cell, bold=False, heading=False, depth=depth + 2)
                reader.flush(heading=False)
                read.append(reader.items)
            # A cell holding a table, or more than a few lines, is a passage: a layout row; so
            # is a number beside a cell of several lines (an agenda's "1. | title, minutes").
            layout = any(
                len(items) > _MAX_CELL_LINES or any(item[1] for item in items) for items in read
            ) or _numbered_passage(read)
            if layout:
                for items in read:
                    for item in items:
                        self.add(*item)
            else:
                values = tuple(" ".join(item[0] for item in items) for items in read)
                if any(values):
                    self.add("\t".join(values), cells=values)


_NUMBER_CELL = re.compile(r"^\(?\d{1,3}(?:\.\d{1,2})?[a-z]?[.)]?$")


def _numbered_passage(read: list[list[tuple[str, tuple[str, ...], bool]]]) -> bool:
    """Whether a row is an item number and, beside it, a cell of several lines: a title and
    what is said under it, read as lines rather than run together into one value."""
    if len(read) != 2 or len(read[0]) != 1 or len(read[1]) < 2:
        return False
    return bool(_NUMBER_CELL.match(read[0][0][0].strip()))


_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _list_number(number: int, style: str) -> str:
    """An ordered list item's number as a browser shows it for the list's `type`: "a", "A",
    "i", "I" or "1"."""
    if style in ("a", "A") and 1 <= number <= 18_278:  # up to "zzz"
        letters = ""
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if style == "A" else letters
    if style in ("i", "I") and 1 <= number < 4000:
        roman = ""
        for value, numeral in _ROMAN:
            count, number = divmod(number, value)
            roman += numeral * count
        return roman.upper() if style == "I" else roman
    return str(number)


def _list_start(element) -> int:
    try:
        return int(element.get("start", "1"))
    except ValueError:
        return 1
