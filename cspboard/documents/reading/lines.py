"""What the readers return: numbered lines that remember where they came from, and the limits
that keep a hostile file from exhausting the server."""

from __future__ import annotations

import dataclasses
import hashlib
import re

MAX_BYTES = 25 * 1024 * 1024
MAX_PAGES = 1000
MAX_LINES = 200_000
# A DOCX is a zip: what its members would inflate to is capped before anything is inflated.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000


class UnreadableDocument(Exception):
    """The file cannot be read; the message says why, for the person who gave it."""


@dataclasses.dataclass(frozen=True)
class Where:
    """Where a line came from: the file's name, its page (PDFs only) and line (1-based).

    For text files the line is the file's own line; for PDFs it counts the page's lines that
    hold text; for HTML and Word it counts the lines read (a paragraph, a list item, a table
    row), as they are shown beside what was found.
    """

    file: str
    line: int
    page: int | None = None

    def __str__(self) -> str:
        if self.page is not None:
            return f"{self.file}, page {self.page}, line {self.line}"
        return f"{self.file}, line {self.line}"

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class Line:
    text: str
    where: Where
    # A table row's cells, as read; empty for a line that is not in a table. Rows join their
    # cells with tabs in `text`, except a PDF line of columns found outside a table under a
    # header (see `reading.pdf_tables`), which keeps its line as laid out.
    cells: tuple[str, ...] = ()
    # The source marked it as a heading (an HTML h1-h6, a Word heading style, a wholly bold
    # paragraph). Text and PDF files never say, so parsers must not rely on it.
    heading: bool = False


@dataclasses.dataclass
class SourceDocument:
    name: str
    kind: str  # "text", "html", "docx" or "pdf"
    sha256: str
    lines: list[Line]
    pages: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_SPACE = re.compile(r"\s+")


def tidy(text: str) -> str:
    """Runs of whitespace (non-breaking spaces included) as one space, ends trimmed."""
    return _SPACE.sub(" ", text).strip()


class LineCounter:
    """Collects the lines of a document as they are read, numbering them and keeping the
    count within MAX_LINES."""

    def __init__(self, name: str, page: int | None = None) -> None:
        self.name = name
        self.page = page
        self.lines: list[Line] = []

    def add(self, text: str, *, cells: tuple[str, ...] = (), heading: bool = False) -> None:
        if not text:
            return
        if len(self.lines) >= MAX_LINES:
            raise UnreadableDocument(f"{self.name} has more than {MAX_LINES:,} lines")
        where = Where(file=self.name, line=len(self.lines) + 1, page=self.page)
        self.lines.append(Line(text=text, where=where, cells=cells, heading=heading))

    def add_row(self, cells: list[str]) -> None:
        """A table row as one line; a row of empty cells is no line."""
        if any(cells):
            self.add("\t".join(cells), cells=tuple(cells))
