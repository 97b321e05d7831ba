"""Reading a document someone gives us (text, HTML, Word or PDF) as numbered lines.

`read_document(data, name)` returns a `SourceDocument`: the file's SHA-256 and its text as
`Line`s, each knowing where it came from (`Where`: file, page, line), so that whatever is
found in it can be shown to the officer beside its source. A table row is one line whose
`cells` hold the row's cells (see `Line`).

Nothing here knows about meetings: the readers only turn bytes into lines. A file that cannot
be read raises `UnreadableDocument` with a message for the person who gave it; no input makes
them crash or run without bound (size, page and line limits in `reading.lines`). Each kind has
its reader in `cspboard.documents.reading`; this module chooses between them.
"""

from __future__ import annotations

import pathlib

from .reading.docx import read_docx
from .reading.html import read_html
from .reading.lines import (
    MAX_BYTES,
    MAX_LINES,
    MAX_PAGES,
    Line,
    SourceDocument,
    UnreadableDocument,
    Where,
    sha256,
)
from .reading.pdf import read_pdf
from .reading.text import decode_text, text_lines

__all__ = [
    "MAX_BYTES",
    "MAX_LINES",
    "MAX_PAGES",
    "Line",
    "SourceDocument",
    "UnreadableDocument",
    "Where",
    "decode_text",
    "read_document",
    "read_path",
    "sha256",
    "sniff_kind",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# The Compound File header of Word 97-2003 documents, and of password-protected .docx files.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_kind(data: bytes, name: str) -> str:
    """ "pdf", "docx", "html", "text" or "ole", from the content first and the name second."""
    suffix = pathlib.PurePath(name).suffix.lower()
    # The PDF header may come after a little junk (the format allows 1 KB of it).
    if data[:5] == b"%PDF-" or suffix == ".pdf":
        return "pdf"
    if data[:8] == _OLE_MAGIC:
        return "ole"
    if data[:4] == b"PK\x03\x04" or suffix == ".docx":
        return "docx"
    if suffix in HTML_SUFFIXES:
        return "html"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def read_document(data: bytes, name: str) -> SourceDocument:
    """The lines of a text, HTML, DOCX or PDF file; UnreadableDocument says why not."""
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            f"{name} is {len(data) // (1024 * 1024)} MB; files over "
            f"{MAX_BYTES // (1024 * 1024)} MB are not read"
        )
    if not data.strip():
        raise UnreadableDocument(f"{name} is empty")
    kind = sniff_kind(data, name)
    pages = None
    if kind == "pdf":
        lines, pages = read_pdf(data, name)
    elif kind == "docx":
        lines = read_docx(data, name)
    elif kind == "html":
        lines = read_html(data, name)
    elif kind == "ole":
        raise UnreadableDocument(
            f"{name} is an old-style Word (.doc) file or a password-protected one; save it as "
            "an unprotected .docx and import that"
        )
    else:
        lines = text_lines(decode_text(data, name=name), name)
    if not any(line.text.strip() for line in lines):
        raise UnreadableDocument(f"{name} has no text in it")
    return SourceDocument(name=name, kind=kind, sha256=sha256(data), lines=lines, pages=pages)


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
