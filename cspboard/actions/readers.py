"""Reading minutes from a file: plain text, HTML, DOCX or PDF.

Text and HTML are returned as they are, for `extraction.extract_actions` reads HTML as it reads
an item's minutes. A Word document is read by the documents readers (python-docx) and its
paragraphs, bold runs, list items and tables are written out as simple HTML; a PDF's text
comes from the documents readers too, a table's columns kept apart by two spaces.
"""

import html
import pathlib

from cspboard.documents.readers import UnreadableDocument, read_document
from cspboard.documents.readers import decode_text as _decode_text
from cspboard.documents.reading.docx import Block, Paragraph, docx_blocks

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml"})


class UnreadableMinutes(Exception):
    """The file cannot be read as minutes; the message says why, for the person who gave it."""


def read_minutes(path: str | pathlib.Path) -> str:
    """The text (or HTML) of a minutes file: .txt/.md/.html as they are, .docx as HTML, .pdf
    as its text."""
    path = pathlib.Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableMinutes(f"No such file: {path}") from None
    except IsADirectoryError:
        raise UnreadableMinutes(f"{path} is a folder, not a file") from None
    except OSError as error:
        raise UnreadableMinutes(f"Cannot read {path}: {error.strerror or error}") from None
    suffix = path.suffix.lower()
    if suffix == ".docx" or (suffix not in TEXT_SUFFIXES and data[:4] == b"PK\x03\x04"):
        return docx_to_html(data, name=str(path))
    if suffix == ".pdf" or (suffix not in TEXT_SUFFIXES and data[:5] == b"%PDF-"):
        try:
            return read_document(data, str(path)).text
        except UnreadableDocument as error:
            raise UnreadableMinutes(str(error)) from None
    return decode_text(data, name=str(path))


def decode_text(data: bytes, *, name: str = "the file") -> str:
    try:
        return _decode_text(data, name=name)
    except UnreadableDocument:
        raise UnreadableMinutes(f"{name} is not a text, HTML or DOCX file") from None


def docx_to_html(data: bytes, *, name: str = "the file") -> str:
    try:
        blocks = docx_blocks(data, name)
    except UnreadableDocument as error:
        raise UnreadableMinutes(str(error)) from None
    out: list[str] = []
    for block in blocks:
        _block(block, out)
    return "\n".join(out)


def _block(block: Block, out: list[str]) -> None:
    if isinstance(block, Paragraph):
        out.append(_paragraph(block))
        return
    out.append("<table>")
    for row in block.rows:
        out.append("<tr>")
        for cell in row:
            inner: list[str] = []
            for child in cell:
                _block(child, inner)
            out.append("<td>" + "".join(inner) + "</td>")
        out.append("</tr>")
    out.append("</table>")


def _paragraph(paragraph: Paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        text = html.escape(run.text).replace("\t", " ").replace("\n", "<br>")
        parts.append(f"<strong>{text}</strong>" if run.bold else text)
    inner = "".join(parts)
    return f"<ul><li>{inner}</li></ul>" if paragraph.listed else f"<p>{inner}</p>"
