"""Reading minutes from a file: plain text, HTML or DOCX. Standard library only.

A DOCX is a zip holding `word/document.xml`; its paragraphs, bold runs, list items and tables
are turned into simple HTML so that `extraction.extract_actions` reads them as it reads an item's
minutes.
"""

import html
import io
import pathlib
import zipfile
from xml.etree import ElementTree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_XML_BYTES = 50 * 1024 * 1024  # a document.xml larger than this is refused, not inflated
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml"})


class UnreadableMinutes(Exception):
    """The file cannot be read as minutes; the message says why, for the person who gave it."""


def read_minutes(path: str | pathlib.Path) -> str:
    """The text (or HTML) of a minutes file: .txt/.md/.html as they are, .docx converted."""
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
    return decode_text(data, name=str(path))


def decode_text(data: bytes, *, name: str = "the file") -> str:
    if b"\x00" in data[:4096]:
        raise UnreadableMinutes(f"{name} is not a text, HTML or DOCX file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def docx_to_html(data: bytes, *, name: str = "the file") -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            try:
                info = archive.getinfo("word/document.xml")
            except KeyError:
                raise UnreadableMinutes(f"{name} is a zip file but not a Word document") from None
            if info.file_size > _MAX_XML_BYTES:
                raise UnreadableMinutes(f"{name} is too large to read")
            xml = archive.read(info)
    except zipfile.BadZipFile:
        raise UnreadableMinutes(f"{name} is not a valid DOCX file") from None
    try:
        # The XML comes from a document someone was sent. Python's expat (>= 2.4.1) refuses
        # entity-expansion bombs and never fetches external entities, and the size is capped
        # above, so the standard parser is safe enough here.
        root = ElementTree.fromstring(xml)  # noqa: S314
    except ElementTree.ParseError as error:
        raise UnreadableMinutes(f"{name} has a damaged document.xml ({error})") from None
    body = root.find(f"{_W}body")
    if body is None:
        return ""
    out: list[str] = []
    for element in body:
        _block(element, out)
    return "\n".join(out)


def _block(element, out: list[str]) -> None:
    if element.tag == f"{_W}p":
        out.append(_paragraph(element))
    elif element.tag == f"{_W}tbl":
        out.append("<table>")
        for row in element.findall(f"{_W}tr"):  # this table's rows, not a nested table's
            out.append("<tr>")
            for cell in row.findall(f"{_W}tc"):
                inner: list[str] = []
                for child in cell:
                    _block(child, inner)
                out.append("<td>" + "".join(inner) + "</td>")
            out.append("</tr>")
        out.append("</table>")
    elif element.tag == f"{_W}sdt":
        content = element.find(f"{_W}sdtContent")
        if content is not None:
            for child in content:
                _block(child, out)


def _is_on(prop) -> bool:
    if prop is None:
        return False
    return prop.get(f"{_W}val", "true").lower() not in ("0", "false", "off", "none")


def _paragraph(paragraph) -> str:
    parts: list[str] = []
    for run in paragraph.iter(f"{_W}r"):
        props = run.find(f"{_W}rPr")
        bold = props is not None and _is_on(props.find(f"{_W}b"))
        text: list[str] = []
        for child in run:
            if child.tag == f"{_W}t" and child.text:
                text.append(html.escape(child.text))
            elif child.tag in (f"{_W}tab", f"{_W}ptab"):
                text.append(" ")
            elif child.tag in (f"{_W}br", f"{_W}cr"):
                text.append("<br>")
        if not text:
            continue
        joined = "".join(text)
        parts.append(f"<strong>{joined}</strong>" if bold else joined)
    inner = "".join(parts)
    properties = paragraph.find(f"{_W}pPr")
    if properties is not None and properties.find(f"{_W}numPr") is not None:
        return f"<ul><li>{inner}</li></ul>"
    return f"<p>{inner}</p>"
