"""Reading a document someone gives us (text, HTML, Word or PDF) as numbered lines.

`read_document(data, name)` returns a `SourceDocument`: the file's SHA-256 and its text as
`Line`s, each knowing where it came from (`Where`: file, page, line), so that whatever is
found in it can be shown to the officer beside its source. A table row is one line whose
`cells` hold the row's cells and whose `text` joins them with tabs, as text extracted from
the seed packs' PDFs does.

Nothing here knows about meetings: the readers only turn bytes into lines. A file that cannot
be read raises `UnreadableDocument` with a message for the person who gave it; no input makes
them crash or run without bound (size, page and line limits below).
"""

from __future__ import annotations

import dataclasses
import hashlib
import pathlib

MAX_BYTES = 25 * 1024 * 1024
MAX_PAGES = 1000
MAX_LINES = 200_000

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


class UnreadableDocument(Exception):
    """The file cannot be read; the message says why, for the person who gave it."""


@dataclasses.dataclass(frozen=True)
class Where:
    """Where a line came from: the file's name, its page (PDFs only) and line (1-based)."""

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
    # A table row's cells, as read; empty for a line that is not in a table.
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


def sniff_kind(data: bytes, name: str) -> str:
    """ "pdf", "docx", "html" or "text", from the content first and the name second."""
    suffix = pathlib.PurePath(name).suffix.lower()
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "docx"
    if suffix in HTML_SUFFIXES:
        return "html"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def read_document(data: bytes, name: str) -> SourceDocument:
    """The lines of a text, HTML, DOCX or PDF file."""
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            f"{name} is {len(data) // (1024 * 1024)} MB; files over "
            f"{MAX_BYTES // (1024 * 1024)} MB are not read"
        )
    kind = sniff_kind(data, name)
    if kind == "text":
        lines = _text_lines(decode_text(data, name=name), name)
        return SourceDocument(name=name, kind=kind, sha256=sha256(data), lines=lines)
    raise UnreadableDocument(f"{name}: reading {kind.upper()} files is not yet supported")


def read_path(path: str | pathlib.Path) -> SourceDocument:
    path = pathlib.Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableDocument(
                f"{path.name} is {size // (1024 * 1024)} MB; files over "
                f"{MAX_BYTES // (1024 * 1024)} MB are not read"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableDocument(f"No such file: {path}") from None
    except IsADirectoryError:
        raise UnreadableDocument(f"{path} is a folder, not a file") from None
    except OSError as error:
        raise UnreadableDocument(f"Cannot read {path}: {error.strerror or error}") from None
    return read_document(data, path.name)


def decode_text(data: bytes, *, name: str = "the file") -> str:
    if b"\x00" in data[:4096]:
        raise UnreadableDocument(f"{name} is not a text, HTML, Word or PDF file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _text_lines(text: str, name: str, page: int | None = None, first: int = 1) -> list[Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(raw) > MAX_LINES:
        raise UnreadableDocument(f"{name} has more than {MAX_LINES:,} lines")
    out = []
    for number, value in enumerate(raw, start=first):
        value = value.rstrip()
        cells = tuple(cell.strip() for cell in value.split("\t")) if "\t" in value else ()
        out.append(Line(text=value, where=Where(file=name, line=number, page=page), cells=cells))
    return out
