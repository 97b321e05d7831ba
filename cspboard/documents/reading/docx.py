"""Word (.docx) files, read with python-docx: paragraphs and tables in the order they come.

`docx_blocks` gives the body as `Paragraph`s (runs with their boldness, heading, list item)
and `Table`s (rows of cells of blocks), for callers that want the structure (the actions
capability turns it into HTML); `read_docx` gives lines: a paragraph per line (split at its
line breaks, after the number Word shows for it: see `numbering`), a table row as one line
with cells, a merged cell once.

A DOCX is a zip. Before python-docx opens it, the zip's own directory is checked: too many
members, or members that would inflate past MAX_UNZIPPED_BYTES (a zip bomb), are refused, as
is any part with a DOCTYPE (Word never writes one; entity attacks need one).
"""

from __future__ import annotations

import dataclasses
import io
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
from .numbering import W as _W
from .numbering import WordNumbering

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
        context = _Context(_Styles(), WordNumbering(document))
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
    numbering: WordNumbering


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
