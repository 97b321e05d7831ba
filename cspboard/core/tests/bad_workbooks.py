"""Spreadsheets no upload should take, built small on disk with zipfile: a zip bomb, workbooks
cut short or missing their sheet, files that only look like workbooks."""

from __future__ import annotations

import io
import zipfile

SHEET = "xl/worksheets/sheet1.xml"


def workbook(rows: list[list]) -> bytes:
    """A real XLSX file, as openpyxl writes it (text in shared strings)."""
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewritten(data: bytes, *, drop: str = "", replace: dict[str, bytes] | None = None) -> bytes:
    """A copy of the workbook `data` without part `drop`, with parts replaced."""
    replace = replace or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename == drop:
                continue
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
    return out.getvalue()


def bomb(rows: list[list], *, megabytes: int, text: str) -> bytes:
    """The workbook of `rows`, whose cell `text` is made `megabytes` longer: a few hundred
    kilobytes packed (openpyxl writes text into the sheet; Excel into the shared strings,
    which are read whole before the first row)."""
    data = workbook(rows)
    filler = b"x" * (1024 * 1024)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if text.encode() not in content:
                target.writestr(info.filename, content)
                continue
            head, tail = content.split(text.encode(), 1)
            with target.open(info.filename, "w") as part:
                part.write(head)
                for _ in range(megabytes):
                    part.write(filler)
                part.write(tail)
    return out.getvalue()


def broken_workbooks(rows: list[list]) -> dict[str, bytes]:
    """name -> the bytes of a file named .xlsx that is no readable workbook."""
    good = workbook(rows)
    with zipfile.ZipFile(io.BytesIO(good)) as source:
        sheet = source.read(SHEET)
    not_a_workbook = io.BytesIO()
    with zipfile.ZipFile(not_a_workbook, "w") as zipped:
        zipped.writestr("notes.txt", "a zip archive, not a workbook")
    return {
        "cut-sheet.xlsx": rewritten(good, replace={SHEET: sheet[: len(sheet) // 2]}),
        "no-sheet.xlsx": rewritten(good, drop=SHEET),
        "cut-archive.xlsx": good[: len(good) // 2],
        "not-a-workbook.xlsx": not_a_workbook.getvalue(),
        "text.xlsx": b"indicator,month,value\n",
        "bad-values.xlsx": rewritten(
            good,
            replace={SHEET: sheet.replace(b"</row>", b'<c r="Z1" t="n"><v>many</v></c></row>', 1)},
        ),
    }
