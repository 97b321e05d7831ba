"""Word (.docx) files, read with python-docx: paragraphs and tables in the order they come.

`docx_blocks` gives the body as `Paragraph`s (runs with their boldness, heading, list item)
and `Table`s (rows of cells of blocks), for callers that want the structure (the actions
capability turns it into HTML); `read_docx` gives lines: a paragraph per line (split at its
line breaks), a table row as one line with cells, a merged cell once.

A DOCX is a zip. Before python-docx opens it, the zip's own directory is checked: too many
members, or members that would inflate past MAX_UNZIPPED_BYTES (a zip bomb), are refused, as
is any part with a DOCTYPE (Word never writes one; entity attacks need one).
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import docx
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from .lines import (
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_MEMBERS,
    Line,
    LineCounter,
    UnreadableDocument,
    tidy,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What a DTD or an entity starts with, in the encodings an XML part may be in.
_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


@dataclasses.dataclass(frozen=True)
class Run:
    text: str  # line breaks as "\n", tabs as "\t"
    bold: bool


@dataclasses.dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    heading: bool = False  # a Heading or Title style, or wholly bold
    listed: bool = False  # a numbered or bulleted list item
    # The number Word puts before it ("3.", "2.1", "(a)"), worked out from the document's
    # numbering: it is not in the text. Empty for a bullet or a paragraph not numbered.
    number: str = ""

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclasses.dataclass(frozen=True)
class Table:
    rows: tuple[tuple[tuple[Paragraph | Table, ...], ...], ...]  # row, cell, the cell's blocks


Block = Paragraph | Table


def read_docx(data: bytes, name: str) -> list[Line]:
    out = LineCounter(name)
    _lines(docx_blocks(data, name), out)
    return out.lines


def docx_blocks(data: bytes, name: str) -> list[Block]:
    _check_zip(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as error:
        if "not a Word file" in str(error):
            raise UnreadableDocument(f"{name} is a zip file but not a Word document") from None
        raise UnreadableDocument(f"{name} is a damaged Word document") from None
    except Exception:  # noqa: BLE001 - python-docx and lxml raise many kinds on damaged files
        raise UnreadableDocument(f"{name} is a damaged Word document") from None
    try:
        context = _Context(_Styles(), _Numbering(document))
        return _blocks(document.element.body, document._body, context)
    except UnreadableDocument:
        raise
    except Exception:  # noqa: BLE001 - a part python-docx cannot make sense of
        raise UnreadableDocument(f"{name} is a damaged Word document") from None


def _check_zip(data: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise UnreadableDocument(f"{name} is not a valid DOCX file") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise UnreadableDocument(f"{name} holds too many parts to be a Word document")
        unzipped = sum(member.file_size for member in members)
        if unzipped > MAX_UNZIPPED_BYTES:
            raise UnreadableDocument(
                f"{name} would unpack to {unzipped // (1024 * 1024):,} MB; Word documents "
                f"over {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB unpacked are not read"
            )
        names = {member.filename for member in members}
        if "[Content_Types].xml" not in names:
            raise UnreadableDocument(f"{name} is a zip file but not a Word document")
        for member in members:
            if not member.filename.endswith((".xml", ".rels")):
                continue
            try:
                content = archive.read(member)
            except Exception:  # noqa: BLE001 - bad compression, encryption, truncation
                raise UnreadableDocument(f"{name} is a damaged Word document") from None
            if any(marker in content for marker in _DECLARATIONS):
                raise UnreadableDocument(
                    f"{name} declares XML entities, which Word never writes; it is not read"
                )


class _Styles:
    """Whether a paragraph or character style is a heading or bold, asked once per style."""

    def __init__(self) -> None:
        self.heading: dict[str, bool] = {}
        self.bold: dict[str, bool] = {}

    def is_heading(self, style) -> bool:
        if style is None:
            return False
        key = style.style_id
        if key not in self.heading:
            label = (style.name or "").lower()
            self.heading[key] = label.startswith("heading") or label in ("title", "subtitle")
        return self.heading[key]

    def is_bold(self, style) -> bool:
        if style is None:
            return False
        key = style.style_id
        if key not in self.bold:
            value, seen = None, 0
            while style is not None and value is None and seen < 20:
                value, style, seen = style.font.bold, style.base_style, seen + 1
            self.bold[key] = bool(value)
        return self.bold[key]


@dataclasses.dataclass
class _Context:
    styles: _Styles
    numbering: _Numbering


def _blocks(container, parent, context: _Context) -> list[Block]:
    out: list[Block] = []
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            out.append(_paragraph(DocxParagraph(child, parent), context))
        elif child.tag == f"{_W}tbl":
            out.append(_table(DocxTable(child, parent), context))
        elif child.tag == f"{_W}sdt":  # a content control: its content is the document's
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                out.extend(_blocks(content, parent, context))
    return out


def _paragraph(paragraph: DocxParagraph, context: _Context) -> Paragraph:
    styles = context.styles
    style = paragraph.style
    style_bold = styles.is_bold(style)
    runs = []
    # Every run, those in hyperlinks and tracked insertions too (`paragraph.runs` skips them).
    for element in paragraph._p.iter(f"{_W}r"):
        run = DocxRun(element, paragraph)
        text = run.text
        if not text:
            continue
        bold = run.bold
        if bold is None:
            bold = styles.is_bold(run.style) or style_bold
        runs.append(Run(text=text, bold=bool(bold)))
    properties = paragraph._p.pPr
    listed = (properties is not None and properties.numPr is not None) or (
        style is not None and (style.name or "").lower().startswith("list")
    )
    inked = [run for run in runs if run.text.strip()]
    wholly_bold = bool(inked) and all(run.bold for run in inked)
    heading = styles.is_heading(style) or wholly_bold
    number = context.numbering.number(paragraph, style) if inked else ""
    return Paragraph(runs=tuple(runs), heading=heading, listed=listed, number=number)


def _table(table: DocxTable, context: _Context) -> Table:
    rows = []
    for tr in table._tbl.tr_lst:
        # The row's own cells, each once: python-docx's `row.cells` repeats a merged cell.
        cells = tuple(tuple(_blocks(tc, _Cell(tc, table), context)) for tc in tr.tc_lst)
        rows.append(cells)
    return Table(rows=tuple(rows))


def _lines(blocks: list[Block], out: LineCounter) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            text = f"{block.number} {block.text}" if block.number else block.text
            for part in text.split("\n"):
                out.add(tidy(part), heading=block.heading)
        else:
            for row in block.rows:
                out.add_row([_cell_text(cell) for cell in row])


def _cell_text(blocks: tuple[Block, ...]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(tidy(f"{block.number} {block.text}"))
        else:
            parts.extend(_cell_text(cell) for row in block.rows for cell in row)
    return " ".join(part for part in parts if part)


class _Numbering:
    """Word's automatic list numbers, counted as Word counts them, for the common formats.

    A paragraph is numbered by its own `w:numPr` or its style's: a list (`w:num`) of an
    abstract list whose levels say where to start, in which format, and how to show it
    ("%1.%2"). Lists of one abstract list continue one another unless one restarts.
    """

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # start, format, text
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}  # abstract list, restarts
        self.counts: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part, or one python-docx cannot read
            return
        for abstract in root.findall(f"{_W}abstractNum"):
            levels = {}
            for level in abstract.findall(f"{_W}lvl"):
                levels[_int(level.get(f"{_W}ilvl"))] = (
                    _int(_val(level, "start"), 1),
                    _val(level, "numFmt") or "decimal",
                    _val(level, "lvlText") or "",
                )
            self.levels[abstract.get(f"{_W}abstractNumId") or ""] = levels
        for num in root.findall(f"{_W}num"):
            restarts = {
                _int(override.get(f"{_W}ilvl")): _int(_val(override, "startOverride"))
                for override in num.findall(f"{_W}lvlOverride")
                if override.find(f"{_W}startOverride") is not None
            }
            self.lists[num.get(f"{_W}numId") or ""] = (_val(num, "abstractNumId"), restarts)

    def number(self, paragraph: DocxParagraph, style) -> str:
        # The list and level each come from the paragraph if it says, else from its style.
        num_id, level = _num_pr(paragraph._p.pPr)
        seen = 0
        while (num_id is None or level is None) and style is not None and seen < 20:
            style_num_id, style_level = _num_pr(style.element.pPr)
            num_id = num_id if num_id is not None else style_num_id
            level = level if level is not None else style_level
            style, seen = style.base_style, seen + 1
        if num_id not in self.lists:
            return ""
        level = level or 0
        abstract, restarts = self.lists[num_id]
        levels = self.levels.get(abstract, {})
        if level not in levels:
            return ""
        counts = self.counts.setdefault(f"num {num_id}" if restarts else abstract, {})

        def start(at: int) -> int:
            return restarts.get(at, levels.get(at, (1, "", ""))[0])

        counts[level] = counts[level] + 1 if level in counts else start(level)
        for deeper in [at for at in counts if at > level]:
            del counts[deeper]
        _, form, text = levels[level]
        if form in ("bullet", "none"):
            return ""

        def shown(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            form_at = levels.get(at, (1, "decimal", ""))[1]
            return _formatted(counts.get(at, start(at)), form_at)

        return re.sub(r"%([1-9])", shown, text)[:20].strip()


def _val(element, tag: str) -> str | None:
    child = element.find(f"{_W}{tag}")
    return None if child is None else child.get(f"{_W}val")


def _int(value: str | None, default: int = 0) -> int:
    try:
        return max(0, min(int(value or ""), 100_000))
    except ValueError:
        return default


def _num_pr(properties) -> tuple[str | None, int | None]:
    """The list and level a paragraph's (or style's) properties give, each if given."""
    if properties is None or properties.numPr is None:
        return None, None
    level = _val(properties.numPr, "ilvl")
    return _val(properties.numPr, "numId"), None if level is None else _int(level)


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def _formatted(value: int, form: str) -> str:
    if form in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if form == "upperLetter" else letter
    if form in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        out = ""
        for amount, numeral in _ROMAN:
            while value >= amount:
                out, value = out + numeral, value - amount
        return out.upper() if form == "upperRoman" else out
    if form == "decimalZero":
        return f"{value:02d}"
    return str(value)
