"""Plain text: the file's own lines, a tab-separated line read as a table row."""

from __future__ import annotations

from .lines import MAX_LINES, Line, UnreadableDocument, Where


def decode_text(data: bytes, *, name: str = "the file") -> str:
    """The text of bytes in UTF-8 (with or without a byte-order mark), Windows-1252, or UTF-16
    with its byte-order mark (Notepad's "Unicode")."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableDocument(f"{name} is damaged UTF-16 text") from None
    if b"\x00" in data[:4096]:
        raise UnreadableDocument(f"{name} is not a text, HTML, Word or PDF file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def text_lines(text: str, name: str, page: int | None = None, first: int = 1) -> list[Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(raw) > MAX_LINES:
        raise UnreadableDocument(f"{name} has more than {MAX_LINES:,} lines")
    out = []
    for number, value in enumerate(raw, start=first):
        value = value.rstrip()
        cells = tuple(cell.strip() for cell in value.split("\t")) if "\t" in value else ()
        out.append(Line(text=value, where=Where(file=name, line=number, page=page), cells=cells))
    return out
