"""What every performance import shares: refusals that name file and line, all-or-nothing
writes with a dry run, a fast portable insert (and the shapes of rows it takes), and the
commands' base (core's `ImportCommand`, refusing with `ImportRefused`).
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from pathlib import Path

from django.db import connection, transaction

from cspboard.core.cache import DATA, bump_generation
from cspboard.core.commands import ImportCommand as BaseImportCommand

# How many problems a refusal lists before it says "and N more".
PROBLEMS_SHOWN = 20

Progress = Callable[[str], None]


def no_progress(message: str) -> None:
    pass


@dataclasses.dataclass(frozen=True)
class Problem:
    """Something wrong with a file: where (line 1 is the header; `row` for Parquet), and what."""

    source: str
    message: str
    line: int | None = None
    row: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.source}, line {self.line}: {self.message}"
        if self.row is not None:
            return f"{self.source}, row {self.row}: {self.message}"
        return f"{self.source}: {self.message}"


class ImportRefused(Exception):
    """The files cannot be imported as they are: nothing was written. `problems` says why."""

    def __init__(self, problems: Sequence[Problem] | Problem, *, total: int | None = None):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.total = max(total or 0, len(self.problems))
        shown = self.problems[:PROBLEMS_SHOWN]
        lines = [str(problem) for problem in shown]
        if self.total > len(shown):
            lines.append(f"... and {self.total - len(shown):,} more problems.")
        super().__init__("Nothing was imported.\n" + "\n".join(lines))


@contextlib.contextmanager
def all_or_nothing(*, dry_run: bool) -> Iterator[None]:
    """One transaction for the whole import; a dry run does everything, then rolls it back, so
    its report is exactly what the import would do."""
    with transaction.atomic():
        yield
        if dry_run:
            transaction.set_rollback(True)


@dataclasses.dataclass
class FlatRows:
    """Rows as one flat list, row after row, `width` values a row: what DuckDB's columns become
    without a tuple for each row. `bump` says whether `insert_rows` moves the open data's cache
    generation (once an import is enough)."""

    values: list
    width: int
    bump: bool = True

    def __len__(self) -> int:
        return len(self.values) // self.width

    def tuples(self) -> Iterator[tuple]:
        return zip(*[iter(self.values)] * self.width, strict=True)


Rows = Sequence[tuple] | FlatRows

# Rows in one INSERT on SQLite (fewer when the build allows fewer parameters): one statement
# for many rows binds the same values as one each, but runs a statement, not a row, at a time.
SQLITE_ROWS = 500


def insert_rows(model, fields: Sequence[str], rows: Rows) -> None:
    """Insert rows ready for the database (values in `fields` order) with no model instances:
    PostgreSQL's COPY there, INSERTs of many rows at a time on SQLite. Must be called inside
    the writing transaction, after the rows it replaces are deleted: no signals are sent, so
    it moves the open data's cache generation itself (any board's performance report may count
    the rows), even for no rows."""
    if getattr(rows, "bump", True):
        bump_generation(DATA)
    if not len(rows):
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    if connection.vendor == "postgresql":
        _copy_rows(table, columns, rows)
    elif connection.vendor == "sqlite":
        values = rows.values if isinstance(rows, FlatRows) else list(chain.from_iterable(rows))
        _sqlite_insert(table, columns, values, len(fields))
    else:
        marks = ", ".join(["%s"] * len(fields))
        insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.executemany(insert, rows.tuples() if isinstance(rows, FlatRows) else rows)


def _copy_rows(table: str, columns: str, rows: Rows) -> None:
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows.tuples() if isinstance(rows, FlatRows) else rows:
            copy.write_row(row)


def _sqlite_insert(table: str, columns: str, values: list, width: int) -> None:
    """`values` (flat, `width` a row) in INSERTs of up to SQLITE_ROWS rows, through the DB-API
    connection itself (inside Django's transaction) to skip the wrapper's work on every call."""
    raw = connection.connection
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per = max(1, min(SQLITE_ROWS, limit // width))
    row = "(" + ", ".join(["?"] * width) + ")"
    step = per * width
    whole = len(values) - len(values) % step
    cursor = raw.cursor()
    try:
        # Names from the model, quoted; every value a parameter.
        insert = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
        if whole:
            many = insert + ", ".join([row] * per)
            for start in range(0, whole, step):
                cursor.execute(many, values[start : start + step])
        if whole < len(values):
            rest = (len(values) - whole) // width
            cursor.execute(insert + ", ".join([row] * rest), values[whole:])
    finally:
        cursor.close()


def find_lines(
    path: Path, source: str, match: Callable[[list[str]], list[str]], *, limit: int
) -> list[Problem]:
    """The lines of a CSV file whose row `match` finds fault with (it returns the messages).
    DuckDB finds what is wrong fast but has no line numbers for rows it could read; this
    second pass, made only over a file being refused, says where."""
    problems: list[Problem] = []
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as file:
        reader = csv.reader(file)
        next(reader, None)
        line_after = reader.line_num
        for row in reader:
            line, line_after = line_after + 1, reader.line_num
            problems += [Problem(source, message, line=line) for message in match(row)]
            if len(problems) >= limit:
                break
    return problems


def lines_at(path: Path, positions: Iterable[int]) -> dict[int, int]:
    """The numbers of the lines starting at these byte positions of a file (DuckDB's own line
    numbers count records, which a quoted value holding a line break would throw out)."""
    with open(path, "rb") as file:
        data = file.read()
    lines, line, previous = {}, 1, 0
    for position in sorted(set(positions)):
        line += data.count(b"\n", previous, position)
        lines[position], previous = line, position
    return lines


def lines_text(lines: Sequence[int], total: int) -> str:
    """ "line 5", "lines 5 and 9", "lines 2, 3, 4 and 706 more": the first lines of `total`."""
    shown = ", ".join(str(line) for line in lines)
    if total > len(lines):
        return f"lines {shown} and {total - len(lines):,} more"
    if len(lines) == 1:
        return f"line {shown}"
    return f"lines {shown.rsplit(', ', 1)[0]} and {lines[-1]}" if lines else "no lines"


# DuckDB's CSV errors: "CSV Error on Line: 6", then the line, then what is wrong with it, then
# "Possible fixes" and the reader's options, "file = <path>" among them.
_DUCKDB_LINE = re.compile(r"\bLine: (\d+)")
_DUCKDB_FILE = re.compile(r"^\s*file = (.+)$", re.MULTILINE)
_DUCKDB_KIND = re.compile(r"^[A-Za-z ]*Error: ")


def duckdb_problem(error: Exception, names: Mapping[str, str], *, kind: str = "CSV") -> Problem:
    """DuckDB's error reading a file, in plain words: which file (of `names`, path -> name, the
    one the error names or else all of them), which line when DuckDB says, and what is wrong
    in one sentence; never DuckDB's SQL, options or advice."""
    text = str(error)
    named = _DUCKDB_FILE.search(text)
    path = named[1].strip() if named else None
    if path in names:
        source = names[path]
    elif len(names) == 1:
        path, source = next(iter(names.items()))
    else:
        source = ", ".join(names.values())
    head = [part.strip() for part in text.split("Possible fixes:")[0].splitlines()]
    head = [part for part in head if part]
    line = _DUCKDB_LINE.search(head[0]) if head else None
    if line:
        reason = head[-1] if len(head) > 2 and not head[-1].startswith("Original Line") else ""
        reason = reason[:300] or "DuckDB could not read the line"
        return Problem(source, f"the line cannot be read as {kind}: {reason}", line=int(line[1]))
    reason = _DUCKDB_KIND.sub("", head[0] if head else "").strip()[:300] or type(error).__name__
    if "state machine reached an invalid state" in reason and path in names:
        stray = _stray_return(Path(path))
        if stray:
            return Problem(source, stray[1], line=stray[0])
        reason = "it does not keep to the CSV standard (RFC 4180)"
    return Problem(source, f"the file cannot be read as {kind}: {reason}")


def _stray_return(path: Path) -> tuple[int, str] | None:
    """The first line holding a carriage return DuckDB stops at, and what is wrong with it: one
    inside the line, or a line ending unlike the first line's (Windows and Unix endings
    mixed)."""
    try:
        with open(path, "rb") as file:
            windows = None
            for number, line in enumerate(file, start=1):
                ends_windows = line.endswith(b"\r\n")
                if windows is None:
                    windows = ends_windows
                if b"\r" in line[:-2] if ends_windows else b"\r" in line:
                    return number, "the line holds a carriage return outside quotes"
                if line.endswith(b"\n") and ends_windows != windows:
                    endings = ("CR LF", "LF") if ends_windows else ("LF", "CR LF")
                    return number, (
                        "the line ends in {}, the first line in {}: the file mixes Windows and "
                        "Unix line endings".format(*endings)
                    )
    except OSError:
        return None
    return None


def values_matcher(wanted: dict[int, dict[str, str]]) -> Callable[[list[str]], list[str]]:
    """A `find_lines` matcher for rows whose column `i` holds a value `wanted[i]` maps to a
    message (an empty cell is "")."""

    def match(row: list[str]) -> list[str]:
        found = []
        for index, messages in wanted.items():
            value = row[index] if index < len(row) else ""
            if value in messages:
                found.append(messages[value])
        return found

    return match


class ImportCommand(BaseImportCommand):
    """The base of the performance import commands (`cspboard.core.commands`), refusing with
    `ImportRefused`, which names the files and lines at fault."""

    refusals = (ImportRefused,)
