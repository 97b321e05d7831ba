"""Page numbers and markings (RESTRICTED, DRAFT) written straight into each page of a PDF.

Each page gets "Page n" centred at its foot and, when marked, the marking centred at its head,
upright however the page is rotated. The text is a few bytes of PDF drawing in one of the
standard fonts every PDF reader has (Helvetica), appended to the page's own content after
saving and restoring the graphics state around it, so nothing the paper draws can move or
hide it. No content stream is parsed and nothing is laid out, so stamping costs a fraction of
a millisecond a page whatever the paper holds.
"""

from __future__ import annotations

from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

FONT = "/CSPStampF1"
BOLD = "/CSPStampF2"
NUMBER_SIZE = 9
MARKING_SIZE = 10
MARGIN = 20  # points from the edge to the text (about 7 mm), below most papers' own footers
RED = "0.831 0.208 0.11 rg"

# Advance widths (per 1000 units of the font size) of the characters stamped; others count as
# wide capitals.
_HELVETICA = {"P": 667, "a": 556, "g": 556, "e": 556, " ": 278, "-": 333, "f": 278, "o": 556}
_HELVETICA_BOLD = {
    "A": 722,
    "C": 722,
    "D": 722,
    "E": 667,
    "F": 611,
    "I": 278,
    "R": 722,
    "S": 667,
    "T": 611,
    " ": 278,
    "-": 333,
}


def _width(text: str, size: float, bold: bool) -> float:
    table = _HELVETICA_BOLD if bold else _HELVETICA
    return sum(table.get(ch, 556 if ch.isdigit() else 722) for ch in text) * size / 1000


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _rotation_matrix(rotate: int, llx: float, lly: float, width: float, height: float):
    """The matrix from the page as displayed (origin at its bottom-left, upright) to the page's
    own coordinates, and the displayed width and height."""
    if rotate == 90:
        return (0, 1, -1, 0, llx + width, lly), height, width
    if rotate == 180:
        return (-1, 0, 0, -1, llx + width, lly + height), width, height
    if rotate == 270:
        return (0, -1, 1, 0, llx, lly + height), height, width
    return (1, 0, 0, 1, llx, lly), width, height


def _stamp_stream(page, number_text: str, marking: str | None) -> bytes:
    box = page.cropbox
    llx, lly = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    matrix, shown_width, shown_height = _rotation_matrix(
        (page.get("/Rotate", 0) or 0) % 360, llx, lly, width, height
    )
    ops = ["Q q", "{:g} {:g} {:g} {:g} {:.2f} {:.2f} cm".format(*matrix), "0 g"]
    x = (shown_width - _width(number_text, NUMBER_SIZE, False)) / 2
    ops.append(
        f"BT {FONT} {NUMBER_SIZE} Tf {x:.2f} {MARGIN - NUMBER_SIZE / 3:.2f} Td "
        f"({_escape(number_text)}) Tj ET"
    )
    if marking:
        x = (shown_width - _width(marking, MARKING_SIZE, True)) / 2
        y = shown_height - MARGIN - MARKING_SIZE * 0.7
        ops.append(
            f"{RED} BT {BOLD} {MARKING_SIZE} Tf {x:.2f} {y:.2f} Td ({_escape(marking)}) Tj ET"
        )
    ops.append("Q")
    return "\n".join(ops).encode("latin-1")


def _font(writer, base: str):
    return writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject(base),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )


def _stream(writer, data: bytes):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def stamp_pages(writer, marks: list[str | None], *, first_number: int = 1) -> None:
    """Number the writer's pages from `first_number`, and write `marks[i]` (or nothing) at the
    head of page i."""
    regular = _font(writer, "/Helvetica")
    bold = _font(writer, "/Helvetica-Bold")
    save = _stream(writer, b"q\n")
    for index, (page, marking) in enumerate(zip(writer.pages, marks, strict=True)):
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        fonts[NameObject(FONT)] = regular
        fonts[NameObject(BOLD)] = bold
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources

        contents = page.get("/Contents")
        parts = ArrayObject([save])
        if contents is not None:
            target = contents.get_object()
            if isinstance(target, ArrayObject):
                parts.extend(target)
            else:
                parts.append(contents)
        parts.append(_stream(writer, _stamp_stream(page, f"Page {first_number + index}", marking)))
        page[NameObject("/Contents")] = parts
