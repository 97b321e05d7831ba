"""Reading police.uk street-level crime files with DuckDB, refusing any file that is not one.

`read_street_files(paths, lsoa_codes=..., lsoa_name_prefix=...)` is a context manager: it finds
the files (folders and zip archives too) and checks every header against the published one.
Then one DuckDB pass over all the files (every column as text, with an explicit column list)
checks every row and keeps the rows in the area: for each file, month and force it counts the
rows, the rows in the area and the rows failing a check, and it gathers the rows in the area
(with their place in the files) in a DuckDB table. Only those rows ever reach Python: a
whole-force file of 90,000 rows imported for one borough hands over about 2,000. (With no area
every row is kept: past GATHER_BYTES of files, they are read again from the files instead of
being held in DuckDB all at once.)

Which checks apply to which rows:

- every row, in the area or not: twelve columns; Month written YYYY-MM, and of the month the
  file's name gives; the force ("Reported by", no longer than the database keeps), "Falls
  within" and the crime type present. These say what the file is: a row failing one says it is
  not a police.uk street file, or not the one meant (a month wrong anywhere could be another
  month's file, and importing it would replace that month). The whole import is refused,
  wherever the row is.
- the rows kept only: a number for the coordinates, within their range, and nothing longer
  than the database keeps. These guard what is stored: a value outside the area is never
  stored, and checking every row's coordinates would cost the Met's import a third of DuckDB's
  time for rows it leaves out.

Any problem refuses the whole import with the file and line numbers (`ImportRefused`).
Otherwise it yields a `StreetReading`, whose `rows(file)` gives the rows to store, from that
table or the files (`filerows`). It writes nothing.

One module on purpose: it is the one street-file parser, and its length is that one job.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import duckdb

from .. import models
from .base import (
    PROBLEMS_SHOWN,
    FlatRows,
    ImportRefused,
    Problem,
    Progress,
    duckdb_problem,
    find_lines,
    lines_at,
    lines_text,
    no_progress,
    values_matcher,
)
from .filerows import FileRows, file_stat
from .sources import SourceFile, street_files

# (label in the header, column name here, longest value kept or None for any length)
COLUMNS: list[tuple[str, str, int | None]] = [
    ("Crime ID", "crime_id", models.CRIME_ID_LENGTH),
    ("Month", "month", None),
    ("Reported by", "reported_by", models.FORCE_LENGTH),
    ("Falls within", "falls_within", models.FORCE_LENGTH),
    ("Longitude", "longitude", None),
    ("Latitude", "latitude", None),
    ("Location", "location", models.LOCATION_LENGTH),
    ("LSOA code", "lsoa_code", models.LSOA_CODE_LENGTH),
    ("LSOA name", "lsoa_name", models.LSOA_NAME_LENGTH),
    ("Crime type", "crime_type", models.CRIME_TYPE_LENGTH),
    ("Last outcome category", "last_outcome", models.OUTCOME_LENGTH),
    ("Context", "context", None),
]
HEADER = ",".join(label for label, _, _ in COLUMNS)
LABELS = {name: label for label, name, _ in COLUMNS}
INDEX = {name: index for index, (_, name, _) in enumerate(COLUMNS)}
REQUIRED = ["month", "reported_by", "falls_within", "crime_type"]

# The StreetCrime fields `rows()` gives values for, and the SQL for each.
_VALUES = {
    "crime_id": "coalesce(crime_id, '')",
    "month": "month || '-01'",  # as the database's date parser reads it, here or in COPY
    "reported_by": "reported_by",
    "falls_within": "falls_within",
    "longitude": "CAST(longitude AS DOUBLE)",
    "latitude": "CAST(latitude AS DOUBLE)",
    "location": "coalesce(location, '')",
    "lsoa_code": "coalesce(lsoa_code, '')",
    "lsoa_name": "coalesce(lsoa_name, '')",
    "crime_type": "crime_type",
    "last_outcome": "coalesce(last_outcome, '')",
    "context": "coalesce(context, '')",
}
FIELDS = list(_VALUES)
_ROW_SQL = ", ".join(f"{sql} AS v{i}" for i, sql in enumerate(_VALUES.values()))


def _checks() -> list[tuple[str, str, str, str]]:
    """(column, SQL condition a bad row meets, message with {value}, scope) for every value
    check. Scope "group": the condition is on the month and force alone, so the pass checks it
    once for each file, month and force it counts; "row": every row; "kept": the rows kept."""
    checks = [
        (
            "month",
            "NOT regexp_full_match(month, '[0-9]{4}-(0[1-9]|1[0-2])')",
            'Month "{value}" is not a month written YYYY-MM',
            "group",
        ),
        (
            "longitude",
            "NOT coalesce(TRY_CAST(longitude AS DOUBLE) BETWEEN -180 AND 180, longitude IS NULL)",
            'Longitude "{value}" is not a longitude',
            "kept",
        ),
        (
            "latitude",
            "NOT coalesce(TRY_CAST(latitude AS DOUBLE) BETWEEN -90 AND 90, latitude IS NULL)",
            'Latitude "{value}" is not a latitude',
            "kept",
        ),
    ]
    checks += [
        (
            name,
            f"{name} IS NULL",
            f"{LABELS[name]} is empty",
            "group" if name in GROUPED else "row",
        )
        for name in REQUIRED
    ]
    checks += [
        (
            name,
            f"length({name}) > {longest}",
            f"{label} is longer than {longest} characters",
            "group" if name in GROUPED else "kept",
        )
        for label, name, longest in COLUMNS
        if longest
    ]
    return checks


# The columns the pass counts by, besides the file: a check on them alone is made on the counts.
GROUPED = ("month", "reported_by")
CHECKS = _checks()


@dataclasses.dataclass
class StreetFile:
    """What one file holds: rows read, rows in the area, and the (month, force) pairs it covers,
    which an import replaces."""

    source: SourceFile
    rows_read: int = 0
    rows_kept: int = 0
    scope: list[tuple[datetime.date, str]] = dataclasses.field(default_factory=list)

    @property
    def months(self) -> list[datetime.date]:
        return sorted({month for month, _ in self.scope})

    @property
    def forces(self) -> list[str]:
        return sorted({force for _, force in self.scope})


def _read_csv(files_parameter: str, *, rejects: bool = False) -> str:
    """DuckDB's reader for the files in parameter `files_parameter`, every column as text."""
    options = ", store_rejects = true, rejects_limit = 1000" if rejects else ""
    return f"""read_csv(
        ${files_parameter}, columns = $columns, header = true, auto_detect = false,
        delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false,
        filename = true{options})"""


_TEXT_COLUMNS = {name: "VARCHAR" for _, name, _ in COLUMNS}


class StreetReading:
    """The checked files, and their rows through DuckDB until the `with` block ends: fetched
    from the pass's table (or read again from the files), a few files ahead of the writer
    (`FileRows`)."""

    fields = FIELDS

    def __init__(self, files: list[StreetFile], rows: FileRows):
        self.files = files
        self._rows = rows
        self._index = {id(file): index for index, file in enumerate(files)}
        self._handed = 0

    @property
    def rows_read(self) -> int:
        return sum(file.rows_read for file in self.files)

    @property
    def rows_kept(self) -> int:
        return sum(file.rows_kept for file in self.files)

    def rows(self, file: StreetFile) -> FlatRows:
        """The file's rows in the area, `fields`' values, ready for `insert_rows`; the first
        block handed out moves the record generation, the others need not."""
        block = self._rows.take(self._index[id(file)])
        if len(block) != file.rows_kept:
            raise ImportRefused(
                Problem(file.source.name, "the file changed while it was being imported")
            )
        block.bump = self._handed == 0
        self._handed += 1
        return block


# The DuckDB table the pass leaves the rows to keep in: one row for each file, month and force
# read, with the counts and a list of the rows kept (their columns as read, and `rn`, the row's
# place in the files, for their order).
SURVEY = "street_survey"
# With no area every row is kept: past this size together, the pass leaves the rows in the files
# and they are read again a few files at a time, rather than held in DuckDB all at once (a
# year of the Met's files, 1.1 million rows, took 1.5 GB held, 0.4 GB read again).
GATHER_BYTES = 64 * 1024 * 1024


def _size(source: SourceFile) -> int:
    try:
        return source.path.stat().st_size
    except OSError:
        return 0


@contextlib.contextmanager
def read_street_files(
    paths: Iterable[str | Path],
    *,
    lsoa_codes: Sequence[str] = (),
    lsoa_name_prefix: str = "",
    progress: Progress = no_progress,
) -> Iterator[StreetReading]:
    """Read and check every street file in `paths`; keep the rows whose LSOA code is one of
    `lsoa_codes` or whose LSOA name starts with `lsoa_name_prefix` and a space (every row when
    neither is given). Raises ImportRefused, naming files and lines, if any file is wrong."""
    with street_files(paths) as sources, contextlib.ExitStack() as stack:
        _check_headers(sources)
        count = len(sources)
        progress(f"Checking {count} file{'s' if count != 1 else ''} with DuckDB...")
        keep = _keep_condition(lsoa_codes, lsoa_name_prefix)
        con = duckdb.connect()
        stack.callback(con.close)
        # Taken before the pass: a file whose size or time differs when its rows are handed
        # over may have been read while it was being written.
        stats = [file_stat(source) for source in sources]
        files = [StreetFile(source) for source in sources]
        gather = bool(keep.params) or sum(_size(s) for s in sources) <= GATHER_BYTES
        _survey(con, files, keep, gather=gather)
        # The rows kept, a few files ahead of the writer: from the pass's table, or read again
        # from the files. The SQL is this module's; the files are a parameter.
        if gather:
            select = f"""
                SELECT {_ROW_SQL}, filename FROM (
                    SELECT filename, unnest(rows, recursive := true) FROM {SURVEY}
                    WHERE list_contains($files, filename))
                ORDER BY list_position($files, filename), rn"""  # noqa: S608
            params = {}
        else:
            select = f"SELECT {_ROW_SQL}, filename FROM {_read_csv('files')}"  # noqa: S608
            params = {"columns": _TEXT_COLUMNS}
        rows = FileRows(
            con,
            sources,
            select,
            params,
            width=len(FIELDS),
            stats=stats,
            skip=frozenset(i for i, file in enumerate(files) if not file.rows_kept),
            rows=[file.rows_kept for file in files],
        )
        stack.callback(rows.close)
        yield StreetReading(files, rows)


def _check_headers(sources: list[SourceFile]) -> None:
    problems = []
    for source in sources:
        with open(source.path, "rb") as file:
            first = file.readline(64 * 1024)
        try:
            header = first.decode("utf-8-sig").rstrip("\r\n")
        except UnicodeDecodeError:
            header = None
        if header is None or header != HEADER:
            shown = "not UTF-8 text" if header is None else f'"{header[:200]}"'
            message = (
                "the file is empty"
                if not first
                else f'the header is {shown}, not the police.uk street header "{HEADER}"'
            )
            problems.append(Problem(source.name, message, line=1))
    if problems:
        raise ImportRefused(problems)


@dataclasses.dataclass(frozen=True)
class _Keep:
    """The rows to keep: an SQL condition (with its parameters) and the same test for a row as
    Python's csv module reads it."""

    sql: str
    params: dict
    codes: frozenset[str]
    prefix: str

    def row(self, row: list[str]) -> bool:
        if not self.codes and not self.prefix:
            return True
        code, name = (row[INDEX[n]] if INDEX[n] < len(row) else "" for n in LSOA_COLUMNS)
        return code in self.codes or bool(self.prefix and name.startswith(self.prefix))


LSOA_COLUMNS = ("lsoa_code", "lsoa_name")


def _keep_condition(lsoa_codes: Sequence[str], prefix: str) -> _Keep:
    terms, params = [], {}
    if lsoa_codes:
        terms.append("list_contains($codes, lsoa_code)")
        params["codes"] = list(lsoa_codes)
    if prefix.strip():
        terms.append("starts_with(lsoa_name, $prefix)")
        params["prefix"] = prefix.strip() + " "
    sql = "coalesce(" + " OR ".join(terms) + ", false)" if terms else "true"
    return _Keep(sql, params, frozenset(lsoa_codes), params.get("prefix", ""))


def _any(scope: str) -> str:
    """A bad row's condition, for the checks of `scope`."""
    conditions = [f"({condition})" for _, condition, _, of in CHECKS if of == scope]
    return " OR ".join(conditions) or "false"


def _survey(con, files: list[StreetFile], keep: _Keep, *, gather: bool = True) -> None:
    """One pass of DuckDB over every file: for each file, month and force, the rows, the rows in
    the area and the rows failing a check, filled in `files`; the rows in the area left in the
    table SURVEY if `gather` (else every row is kept, and checked in the pass). Refuses the
    files if anything is wrong."""
    sources = [file.source for file in files]
    raw = ", ".join(["rn", *(name for _, name, _ in COLUMNS)])

    # Every row is counted and the rows kept gathered in one pass; the checks of every row are
    # made in it, those on the month and force on its counts, and those of the rows kept on the
    # rows gathered (DuckDB works out an aggregate's input for every row, even one its FILTER
    # leaves out: made in the pass, the checks of the 2% kept would cost as much as checking
    # every row).
    # `rn` numbers the rows in the files' order: DuckDB reads in parallel, and the rows come
    # into the lists in no order.
    # The SQL is this module's; the files, codes and prefix are parameters.
    row_bad = _any("row") if gather else f"{_any('row')} OR {_any('kept')}"
    rows = f"list(struct_pack({raw})) FILTER (WHERE kept)" if gather else "NULL"
    number = "row_number() OVER () AS rn," if gather else ""

    def survey(rejects: bool) -> str:
        return f"""
            CREATE OR REPLACE TABLE {SURVEY} AS
            SELECT filename, month, reported_by, count(*) AS n,
                   count(*) FILTER (WHERE kept) AS k, count(*) FILTER (WHERE {row_bad}) AS bad,
                   {rows} AS rows
            FROM (SELECT {number} *, {keep.sql} AS kept
                  FROM {_read_csv("files", rejects=rejects)})
            GROUP BY ALL"""  # noqa: S608

    grouped = f"coalesce({_any('group')}, false)"
    kept_bad = f"""
        SELECT count(*) FROM (SELECT unnest(rows, recursive := true) FROM {SURVEY})
        WHERE {_any("kept")}"""  # noqa: S608
    params = {
        **keep.params,
        "files": [str(source.path) for source in sources],
        "columns": _TEXT_COLUMNS,
    }
    rejects = False
    try:
        try:
            con.execute(survey(rejects=False), params)
        except duckdb.Error:
            # A row DuckDB cannot read, or worse. DuckDB noting such rows costs the pass about
            # a tenth, so only now: again, noting every one.
            rejects = True
            con.execute(survey(rejects=True), params)
        surveyed = con.execute(
            f"SELECT filename, month, reported_by, n, k, bad + {grouped}::INTEGER FROM {SURVEY}"  # noqa: S608
        ).fetchall()
        bad_kept = con.execute(kept_bad).fetchone()[0] if gather else 0
    except duckdb.Error as error:
        names = {str(source.path): source.name for source in sources}
        raise ImportRefused(duckdb_problem(error, names)) from None
    problems = _rejected_rows(con, sources) if rejects else []
    if problems or bad_kept or any(bad for *_, bad in surveyed):
        found, total = _find_bad_values(con, sources, keep)
        problems = sorted(problems + found, key=lambda p: (p.source, p.line or 0))
        raise ImportRefused(problems, total=len(problems) - len(found) + total)

    by_path = {str(file.source.path): file for file in files}
    holders: dict[tuple[datetime.date, str], list[str]] = defaultdict(list)
    months: dict[str, Counter[datetime.date]] = defaultdict(Counter)
    # No row failed a check: every month is YYYY-MM and every force is given.
    for path, month_text, force, read, kept, _ in sorted(surveyed):
        file = by_path[path]
        file.rows_read += read
        file.rows_kept += kept
        month = datetime.date(int(month_text[:4]), int(month_text[5:7]), 1)
        file.scope.append((month, force))
        months[path][month] += read
        holders[(month, force)].append(file.source.name)
    one_month = [
        problem
        for file in files
        if (problem := _one_month_problem(file, months[str(file.source.path)]))
    ]
    if one_month:
        raise ImportRefused(one_month)
    twice = [
        Problem(
            " and ".join(names),
            f"{force}'s {month:%Y-%m} is in more than one file: import one of them",
        )
        for (month, force), names in holders.items()
        if len(names) > 1
    ]
    if twice:
        raise ImportRefused(twice)


def _rejected_rows(con, sources: list[SourceFile]) -> list[Problem]:
    """The rows DuckDB could not split into the twelve columns, by line."""
    if not con.execute("SELECT count(*) FROM reject_errors").fetchone()[0]:
        return []  # the usual answer, at half the cost of the query below
    names = {str(source.path): source.name for source in sources}
    rejected = con.execute(
        """
        SELECT scans.file_path, errors.line_byte_position, errors.column_name,
               errors.error_type, errors.error_message
        FROM reject_errors AS errors JOIN reject_scans AS scans USING (scan_id, file_id)
        ORDER BY scans.file_path, errors.line_byte_position, errors.column_idx
        """
    ).fetchall()
    positions: dict[str, list[int]] = defaultdict(list)
    for path, position, *_ in rejected:
        positions[path].append(position)
    lines = {path: lines_at(Path(path), found) for path, found in positions.items()}
    problems: list[Problem] = []
    seen: set[tuple[str, int]] = set()
    for path, position, column, kind, message in rejected:
        if (path, position) in seen:
            continue  # DuckDB notes a short row once for each column missing
        seen.add((path, position))
        if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
            found = message.rsplit(":", 1)[-1].strip()
            text = f"the row has {found} columns, not {len(COLUMNS)}"
        else:
            text = f"{kind.lower()}: {message}" + (f" ({LABELS[column]})" if column else "")
        problems.append(Problem(names.get(path, path), text, line=lines[path][position]))
    return problems


def _find_bad_values(con, sources: list[SourceFile], keep: _Keep) -> tuple[list[Problem], int]:
    """Which values fail which check (DuckDB), then on which lines (a second pass in Python
    over the files concerned). Returns the problems found (some) and how many there are."""
    # The SQL is this module's (CHECKS); the files, codes and prefix are parameters.
    union = " UNION ALL ".join(
        f"SELECT filename, {INDEX[name]}, coalesce({name}, ''), {i} FROM rows "  # noqa: S608
        f"WHERE {f'({keep.sql}) AND ' if scope == 'kept' else ''}({condition})"
        for i, (name, condition, _, scope) in enumerate(CHECKS)
    )
    # Rows DuckDB rejected are skipped here; they are reported already.
    with_rows = """WITH rows AS (
        SELECT * FROM read_csv(
            $files, columns = $columns, header = true, auto_detect = false, delim = ',',
            quote = '"', escape = '"', strict_mode = true, null_padding = false,
            filename = true, ignore_errors = true))"""
    params = {"files": [str(s.path) for s in sources], "columns": _TEXT_COLUMNS}
    params.update({name: value for name, value in keep.params.items() if f"${name}" in union})
    distinct = f"{with_rows} SELECT DISTINCT * FROM ({union}) ORDER BY ALL LIMIT 10000"  # noqa: S608
    bad = con.execute(distinct, params).fetchall()
    if not bad:
        return [], 0
    wanted: dict[str, dict[int, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    kept_only: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for path, index, value, check in bad:
        message = CHECKS[check][2].format(value=value[:100])
        wanted[path][index].setdefault(value, message)
        if CHECKS[check][3] == "kept":
            kept_only[path].add((index, value))
    problems: list[Problem] = []
    for source in sources:
        path = str(source.path)
        if path in wanted:
            match = values_matcher(wanted[path])
            if kept_only[path]:
                match = _kept_only(match, wanted[path], kept_only[path], keep)
            problems += find_lines(source.path, source.name, match, limit=PROBLEMS_SHOWN)
    count = f"{with_rows} SELECT count(*) FROM ({union})"  # noqa: S608
    total = con.execute(count, params).fetchone()[0]
    return problems, total


def _kept_only(match, wanted, kept_only, keep: _Keep):
    """`match`, but a value failing a check of the rows kept only counts in a row kept."""

    def matched(row: list[str]) -> list[str]:
        found = match(row)
        if found and not keep.row(row):
            dropped = {
                wanted[index][value]
                for index, value in kept_only
                if (row[index] if index < len(row) else "") == value
            }
            found = [message for message in found if message not in dropped]
        return found

    return matched


# A police.uk street file is named for its month: "2018-01-city-of-london-street.csv".
_NAMED_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])-")
# How many lines of another month a refusal names (then "and N more").
LINES_SHOWN = 5


def named_month(name: str) -> datetime.date | None:
    """The month a file's name gives (the file's own name, not its folder's or archive's)."""
    found = _NAMED_MONTH.match(re.split(r"[/\\:]", name)[-1])
    return datetime.date(int(found[1]), int(found[2]), 1) if found else None


def _one_month_problem(file: StreetFile, months: Counter[datetime.date]) -> Problem | None:
    """A street file holds one month, and an import replaces every month a file holds: a row of
    another month (a copy edited, or two files joined) would replace that month's crimes with
    itself. Refuses a file with no rows, a file with rows of a month its name does not give, and
    a file whose name gives no month with rows of more than one month."""
    name = file.source.name
    if not months:
        return Problem(name, "the file has no crimes in it, only the header")
    named = named_month(name)
    if named is None and len(months) == 1:
        return None
    if named is not None and set(months) == {named}:
        return None
    # The month the file is for: its name's, or failing that the month most of its rows are of.
    month = named or max(months, key=lambda m: (months[m], -m.toordinal()))
    others = sorted(m for m in months if m != month)
    wrong = sum(months[m] for m in others)
    texts = {f"{m:%Y-%m}" for m in others}
    lines = find_lines(
        file.source.path,
        name,
        lambda row: ["other month"] if len(row) > 1 and row[INDEX["month"]] in texts else [],
        limit=LINES_SHOWN,
    )
    are = "are" if wrong != 1 else "is"
    rows = f"{wrong:,} row{'s' if wrong != 1 else ''} {are} of " + ", ".join(
        f"{m:%Y-%m}" for m in others
    )
    where = lines_text([problem.line for problem in lines if problem.line], wrong)
    if named is not None:
        said = f"its name says {month:%Y-%m}, but {rows}"
    else:
        said = f"most of its rows are of {month:%Y-%m}, but {rows}"
    return Problem(
        name,
        f"a police.uk street file holds one month, and importing it replaces every month in it: "
        f"{said} ({where})",
    )
