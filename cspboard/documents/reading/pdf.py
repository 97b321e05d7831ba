"""PDF files, read with pypdf in its layout mode, which keeps a table's columns apart.

Each line of text on a page is a line, numbered within its page. A table under a header has
its rows put back together (`pdf_tables`): one line a row, wherever its cells wrapped, its
`cells` the columns and its `text` them joined by tabs, numbered by the row's first line.
Elsewhere a line laid out in three or more columns (runs of two or more spaces between them)
has them as `cells`, its `text` the line as laid out, tidied (a column gap as two spaces).
A PDF with no text at all is a scan and needs OCR first, which is said rather than read as
empty. A PDF protected only against copying (an empty password) is read; one that needs a
password is not.
"""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ByteStringObject, ContentStream, NameObject

from .lines import MAX_LINES, MAX_PAGES, Line, UnreadableDocument, Where
from .pdf_tables import recover_page

_OTHER_SPACE = re.compile(r"[^\S ]")  # tabs, non-breaking spaces and the like
# pypdf parses a page's drawing instructions in Python, at 0.25 to 0.5 MB a second here: these
# bound the time a hostile file can take. A dense page of text is 20 to 40 KB of them.
MAX_PAGE_CONTENT_BYTES = 2 * 1024 * 1024
MAX_CONTENT_BYTES = 30 * 1024 * 1024


def read_pdf(data: bytes, name: str) -> tuple[list[Line], int]:
    """The lines of a PDF, and its number of pages."""
    # pypdf logs a warning for every quirk of a damaged file; the refusal says enough.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(
                f"{name} is protected by a password; save an unprotected copy and import that"
            )
        pages = len(reader.pages)
    except UnreadableDocument:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise UnreadableDocument(f"{name} is a damaged or unfinished PDF file") from None
    if pages > MAX_PAGES:
        raise UnreadableDocument(f"{name} has {pages:,} pages; files over {MAX_PAGES} are not read")
    lines: list[Line] = []
    content = 0
    carried = None  # the columns of a table the page before ended in
    for number in range(1, pages + 1):
        try:
            page = reader.pages[number - 1]
            size = _join_glyph_runs(page, reader)
            content += size
            if size > MAX_PAGE_CONTENT_BYTES or content > MAX_CONTENT_BYTES:
                raise UnreadableDocument(
                    f"{name}: page {number} has more drawing in it than cspboard reads"
                )
            text = page.extract_text(extraction_mode="layout")
        except UnreadableDocument:
            raise
        except Exception:  # noqa: BLE001 - one page's damage is the whole file's refusal
            raise UnreadableDocument(
                f"{name}: page {number} is damaged and cannot be read"
            ) from None
        page_lines, carried = _page_lines(name, number, text, carried)
        if len(lines) + len(page_lines) > MAX_LINES:
            raise UnreadableDocument(f"{name} has more than {MAX_LINES:,} lines")
        lines.extend(page_lines)
    if not lines:
        raise UnreadableDocument(
            f"{name} has no text in it: it looks like a scan, and needs OCR (text recognition) "
            "before it can be imported"
        )
    return lines, pages


def _page_lines(name: str, page: int, text: str, carried):
    """A page's lines, each table's rows put back together (a table the page before ended in
    may go on at its top), and the columns of a table it ends in; a line is numbered by where
    it starts among the page's lines that hold text."""
    raw = [_OTHER_SPACE.sub(" ", line).rstrip() for line in text.splitlines()]
    numbers: list[int] = []
    count = 0
    for line in raw:
        count += bool(line.strip())
        numbers.append(count)
    recovered, ends_in = recover_page(raw, carried)
    lines = [
        Line(
            text=found.text,
            where=Where(file=name, line=numbers[found.first], page=page),
            cells=found.cells,
        )
        for found in recovered
    ]
    return lines, ends_in


def _join_glyph_runs(page, reader: PdfReader) -> int:
    """Joins the strings of each TJ (show text) operation that nothing moves apart.

    Some writers (WeasyPrint, some of Word's) show every glyph as its own string, separated by
    a zero adjustment; pypdf's layout mode then works out each glyph's position in Python, at
    about half a second a page. Joined, the text and its layout are the same, three times
    faster. Returns the size of the page's instructions, before they are parsed.
    """
    contents = page.get("/Contents")
    if contents is None:
        return 0
    stream = ContentStream(contents.get_object(), reader, "bytes")
    size = len(stream.get_data())
    if size > MAX_PAGE_CONTENT_BYTES:
        return size
    operations = stream.operations
    for operands, operator in operations:
        if operator == b"TJ" and operands and isinstance(operands[0], list):
            operands[0] = _joined(operands[0])
    stream.operations = operations  # set again, so that the stream is written from them
    page[NameObject("/Contents")] = stream
    return size


def _joined(array: list) -> ArrayObject:
    out: list = []
    pending: list[bytes] = []
    for item in array:
        if isinstance(item, bytes):
            pending.append(item)
            continue
        if pending and isinstance(item, (int, float)) and item == 0:
            continue
        if pending:
            out.append(ByteStringObject(b"".join(pending)))
            pending = []
        out.append(item)
    if pending:
        out.append(ByteStringObject(b"".join(pending)))
    return ArrayObject(out)
