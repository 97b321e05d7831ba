"""Uploaded tables (CSV or XLSX) read into rows of text keyed by field, for the apps that import
spreadsheets (the action log, performance figures).

A `TableLayout` says how one kind of upload names its columns; `layout.read(filename, data)`
gives `(row number, {field: text})` for each row under the header row, and raises the layout's
own error class, with messages fit to show the person who uploaded the file.

Between the preview and the person's confirming, the checked rows wait in the session under a
token (`keep_pending`, `take_pending`), so the file is not sent twice.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import secrets
import zipfile
import zlib
from collections.abc import Callable, Mapping

# The delimiters tried on a CSV file: commas, semicolons (a European Excel) or tabs (cells
# copied out of a document, as the seed packs hold them).
DELIMITERS = (",", ";", "\t")
# The largest spreadsheet taken (the upload forms say "smaller than 2 MB").
MAX_BYTES = 2 * 1024 * 1024
# An XLSX file is a zip archive of XML: checked before openpyxl reads any of it, so that a small
# file unpacking to gigabytes (a "zip bomb") is refused without being unpacked. The largest
# total unpacked; how many times smaller than itself a part may be packed (spreadsheet XML packs
# some 5 to 30 times; a part under MIN_RATIO_CHECKED may be packed any amount); the most parts.
MAX_UNPACKED = 50 * 1024 * 1024
MAX_RATIO = 100
MIN_RATIO_CHECKED = 1024 * 1024
MAX_MEMBERS = 1000
# The columns read from a sheet (the cells beyond are not read), and the longest cell taken.
MAX_COLUMNS = 200
MAX_CELL = 10_000


def squash(text: str) -> str:
    """A header as letters and digits only: "Open/ Closed" -> "openclosed"."""
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


@dataclasses.dataclass(frozen=True)
class TableLayout:
    """The columns of one kind of upload, and how to read its cells."""

    # squashed header text -> field
    headers: Mapping[str, str]
    # a row naming any of these fields is the header row
    header_fields: tuple[str, ...]
    # fields the header row must name
    required: tuple[str, ...]
    # a cell's value (from csv: text; from openpyxl: text, numbers, dates, None) as text
    cell_text: Callable[[object], str]
    error: type[Exception]
    # the message when no row is a header row
    no_header: str
    max_rows: int
    # how far down the header row may stand (titles and blank rows above it)
    header_rows: int
    # field -> its name in messages; a field not here is named as it is
    labels: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def header(self, cells: list[str]) -> dict[int, str] | None:
        """{column index: field} when the row is a header row; the first column naming a field
        wins."""
        found: dict[int, str] = {}
        for index, cell in enumerate(cells):
            field = self.headers.get(squash(cell))
            if field and field not in found.values():
                found[index] = field
        return found if any(f in found.values() for f in self.header_fields) else None

    def rows(self, table: list[list]) -> list[tuple[int, dict[str, str]]]:
        """The rows under the first header row of a table of cells, blank rows left out; row
        numbers count from 1 as a spreadsheet program shows them."""
        header: dict[int, str] | None = None
        rows: list[tuple[int, dict[str, str]]] = []
        for number, raw in enumerate(table, start=1):
            cells = [self.cell_text(v) for v in raw]
            if header is None:
                header = self.header(cells)
                if header is not None:
                    missing = [f for f in self.required if f not in header.values()]
                    if missing:
                        raise self.error(
                            "The header row has no "
                            + " or ".join(f"“{self.labels.get(f, f)}”" for f in missing)
                            + " column."
                        )
                continue
            if not any(cells):
                continue
            if any(len(cell) > MAX_CELL for cell in cells):
                raise self.error(
                    f"Row {number} has a cell longer than {MAX_CELL:,} characters: no cell of "
                    "an import is that long."
                )
            rows.append(
                (number, {f: (cells[i] if i < len(cells) else "") for i, f in header.items()})
            )
            if len(rows) > self.max_rows:
                raise self.error(f"The file has more than {self.max_rows} rows.")
        if header is None:
            raise self.error(self.no_header)
        return rows

    def read(self, filename: str, data: bytes) -> list[tuple[int, dict[str, str]]]:
        """The rows of an uploaded .csv (or .txt) or .xlsx file."""
        lower = filename.lower()
        if lower.endswith(".xlsx"):
            return self.rows(self._xlsx_table(data))
        if data[:4] == b"PK\x03\x04" or not lower.endswith((".csv", ".txt")):
            raise self.error("Choose a CSV or XLSX file.")
        return self.rows(self._csv_table(data))

    def _csv_table(self, data: bytes) -> list[list]:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - cp1252 decodes almost anything
            raise self.error("The file is not text that can be read.")
        if "\x00" in text:
            raise self.error("The file is not a CSV file.")
        # The delimiter is the one that finds the most columns in a header row.
        best: tuple[int, list[list]] = (-1, [])
        for delimiter in DELIMITERS:
            try:
                table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
            except csv.Error as error:
                raise self.error(f"The CSV file cannot be read: {error}.") from None
            header = next((h for row in table[: self.header_rows] if (h := self.header(row))), None)
            score = len(header) if header else 0
            if score > best[0]:
                best = (score, table)
        return best[1]

    def _xlsx_table(self, data: bytes) -> list[list]:
        """The first sheet's cells (up to MAX_COLUMNS across), once the archive has passed
        `_check_archive`. Any fault in the workbook is the layout's error, never a crash."""
        from openpyxl import load_workbook

        self._check_archive(data)
        most = self.max_rows + self.header_rows
        table: list[list] = []
        workbook = None
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            if not workbook.worksheets:
                raise self.error("The workbook has no sheets.")
            sheet = workbook.worksheets[0]
            columns = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
            rows = min(sheet.max_row or most + 1, most + 1)
            for row in sheet.iter_rows(max_row=rows, max_col=columns, values_only=True):
                table.append(list(row))
                if len(table) > most:
                    raise self.error(f"The file has more than {self.max_rows} rows.")
        except self.error:
            raise
        except Exception as error:  # any fault of an uploaded file is the file's
            raise self.error(
                f"The file is not an XLSX workbook that can be read: {_fault(error)}."
            ) from None
        finally:
            if workbook is not None:
                workbook.close()
        return table

    def _check_archive(self, data: bytes) -> None:
        """Refuse a workbook that is no zip archive, or would unpack too large (in all, or one
        part packed far more tightly than spreadsheet XML packs), or has too many parts. Reads
        the archive's directory only; unpacking stops at the sizes it gives (Python's zipfile
        reads no further, and checks each part's checksum)."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            raise self.error(
                "The file is not an XLSX workbook: it is not a zip archive, or the archive "
                "is damaged (was the download cut short?)."
            ) from None
        if len(parts) > MAX_MEMBERS:
            raise self.error(
                f"The workbook has {len(parts):,} parts; a spreadsheet has far fewer (at most "
                f"{MAX_MEMBERS:,} are taken)."
            )
        unpacked = sum(part.file_size for part in parts)
        if unpacked > MAX_UNPACKED:
            raise self.error(
                f"The workbook unpacks to {unpacked / 1024 / 1024:,.0f} MB, more than the "
                f"{MAX_UNPACKED // 1024 // 1024} MB taken."
            )
        for part in parts:
            size = part.file_size
            if size > MIN_RATIO_CHECKED and size > MAX_RATIO * max(part.compress_size, 1):
                raise self.error(
                    f"The workbook's part “{part.filename[:100]}” unpacks to "
                    f"{size // max(part.compress_size, 1):,} times its packed size; a "
                    f"spreadsheet's parts pack at most {MAX_RATIO} times smaller."
                )


def _fault(error: Exception) -> str:
    """What is wrong with a workbook, in a few words."""
    if isinstance(error, KeyError):
        named = re.search(r"named '([^']{1,100})'", str(error))
        return f"it has no part “{named[1]}”" if named else "a part of it is missing"
    if isinstance(error, SyntaxError):  # the XML parsers' errors (ElementTree, lxml)
        return "part of it is not well-formed XML (is it cut short?)"
    if isinstance(error, zipfile.BadZipFile | zlib.error | EOFError):
        return "the archive is damaged"
    text = " ".join(str(error).split())[:200]
    return text or type(error).__name__


def keep_pending(session, key: str, *, name: str, rows: list[dict]) -> str:
    """Keeps a checked file's rows (JSON-serialisable) in the session under `key` until the
    person confirms; gives the token the confirm form sends back."""
    token = secrets.token_urlsafe(16)
    session[key] = {"token": token, "name": name, "rows": rows}
    return token


def take_pending(session, key: str, token: str | None) -> dict | None:
    """The pending {"name", "rows"} kept under `key`, taken out of the session, when `token` is
    theirs; None when they have gone (the session expired, or a later upload replaced them)."""
    pending = session.get(key) or {}
    if not pending or pending.get("token") != token:
        return None
    del session[key]
    return pending
