"""Reading the Met's recorded-crime counts as the London Datastore publishes them, with DuckDB.

The files are wide: one row per place and offence category, one column per month (`YYYYMM`):

- borough: `majortext, minortext, boroughname, 201004, ...`
- ward: `wardname, wardcode, majortext, minortext, lookup_boroughname, ...`
- LSOA: `lsoa_code, lsoa_name, borough, major_category, minor_category, ...`

Column names are matched whatever their case, spaces or underscores ("Major Category" is
`major_category`). Any other column is refused, as is a month column that is not a month, a
count that is not a whole number from 0, an empty place or category, and a place and category
given twice; CSV problems are named by line (line 1 is the header), Parquet ones by row. An empty
cell is a month with no figure and is not stored. `read_crime_counts` yields a `CountsReading`
that unpivots the rows (one count per place, category and month) in batches; it writes nothing.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import duckdb

from .. import models
from ..choices import GeographyLevel
from .base import (
    PROBLEMS_SHOWN,
    ImportRefused,
    Problem,
    duckdb_problem,
    find_lines,
    lines_at,
    values_matcher,
)
from .sources import literal_path

BATCH = 100_000
LARGEST_COUNT = 2_147_483_647

# A column's normalised name -> its part.
ROLES = {
    "majortext": "major",
    "majorcategory": "major",
    "minortext": "minor",
    "minorcategory": "minor",
    "boroughname": "borough_name",
    "lookupboroughname": "borough_name",
    "borough": "borough",
    "wardname": "ward_name",
    "wardcode": "ward_code",
    "lsoaname": "lsoa_name",
    "lsoacode": "lsoa_code",
}
MONTH_COLUMN = re.compile(r"^\d{6}$")


def _normalise(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lower())


def _month(name: str) -> datetime.date | None:
    if not MONTH_COLUMN.match(name.strip()):
        return None
    year, month = int(name[:4]), int(name[4:6])
    if not (1 <= month <= 12 and year >= 1900):
        return None
    return datetime.date(year, month, 1)


class CountsReading:
    """The checked counts of one file, held by DuckDB until the `with` block ends."""

    fields = [
        "level",
        "area_code",
        "area_name",
        "borough",
        "major_category",
        "minor_category",
        "month",
        "count",
    ]

    def __init__(self, con, *, source: str, level: str, months, areas: int, total: int):
        self._con = con
        self.source = source
        self.level = level
        self.months: list[datetime.date] = months
        self.areas = areas
        self.total = total

    def area_keys(self) -> Iterator[tuple[str, list[str]]]:
        """The places in the file, as the CrimeCount field that names them and its values."""
        field = "area_name" if self.level == GeographyLevel.BOROUGH else "area_code"
        keys = self._con.execute(f"SELECT DISTINCT {field} FROM counts").fetchall()  # noqa: S608
        yield field, sorted(key for (key,) in keys)

    def batches(self) -> Iterator[list[tuple]]:
        """Every count as a tuple of `fields`' values, in batches."""
        result = self._con.execute(
            """
            SELECT $level, area_code, area_name, borough, major_category, minor_category,
                   CAST(strptime(month, '%Y%m') AS DATE),
                   CAST(CAST(value AS DOUBLE) AS BIGINT)
            FROM counts
            """,
            {"level": self.level},
        )
        while batch := result.fetchmany(BATCH):
            yield batch


@contextlib.contextmanager
def read_crime_counts(path: str | Path, *, level: str | None = None) -> Iterator[CountsReading]:
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise ImportRefused(Problem(source, "no such file"))
    parquet = path.suffix.lower() == ".parquet"
    folder = tempfile.TemporaryDirectory(prefix="cspboard-counts-")
    con = duckdb.connect()
    try:
        path = literal_path(path, Path(folder.name), ".parquet" if parquet else ".csv")
        columns = _load(con, path, source, parquet)
        level, parts = _level_and_parts(columns, source, level)
        months = {name: month for name in columns if (month := _month(name))}
        _unpivot(con, parts, months, parquet)
        _check(con, path, source, parquet, columns, parts, months, level)
        total, areas = con.execute(
            "SELECT count(*), count(DISTINCT (area_code, area_name)) FROM counts"
        ).fetchone()
        if not total:
            raise ImportRefused(Problem(source, "the file has no counts in it"))
        yield CountsReading(
            con,
            source=source,
            level=level,
            months=sorted(set(months.values())),
            areas=areas,
            total=total,
        )
    finally:
        con.close()
        folder.cleanup()


def _load(con, path: Path, source: str, parquet: bool) -> list[str]:
    """The file into the table `wide` (a CSV all as text), with each row's number; returns the
    file's column names in order."""
    try:
        if parquet:
            con.execute(
                "CREATE TEMP TABLE wide AS SELECT * FROM read_parquet($path, file_row_number=true)",
                {"path": str(path)},
            )
            columns = [row[0] for row in con.execute("DESCRIBE wide").fetchall()]
            return [name for name in columns if name != "file_row_number"]
        with open(path, "rb") as file:
            first = file.readline(1024 * 1024)
        try:
            header = next(csv.reader([first.decode("utf-8-sig")]), None)
        except UnicodeDecodeError:
            raise ImportRefused(Problem(source, "the header is not UTF-8 text", line=1)) from None
        except csv.Error as error:
            raise ImportRefused(
                Problem(source, f"the header cannot be read: {error}", line=1)
            ) from None
        if not header:
            raise ImportRefused(Problem(source, "the file is empty", line=1))
        if len(set(header)) != len(header):
            raise ImportRefused(Problem(source, "the header names a column twice", line=1))
        con.execute(
            """
            CREATE TEMP TABLE wide AS SELECT * FROM read_csv(
                $path, columns = $columns, header = true, auto_detect = false,
                delim = ',', quote = '"', escape = '"', strict_mode = true,
                null_padding = false, store_rejects = true, rejects_limit = 1000
            )
            """,
            {"path": str(path), "columns": {name: "VARCHAR" for name in header}},
        )
    except duckdb.Error as error:
        kind = "Parquet" if parquet else "CSV"
        raise ImportRefused(duckdb_problem(error, {str(path): source}, kind=kind)) from None
    rejected = con.execute(
        """
        SELECT line_byte_position, first(error_type ORDER BY column_idx),
               first(error_message ORDER BY column_idx)
        FROM reject_errors GROUP BY line_byte_position ORDER BY line_byte_position
        """
    ).fetchall()
    if rejected:
        lines = lines_at(path, [position for position, _, _ in rejected])
        raise ImportRefused(
            [
                Problem(source, _rejected(kind, message, len(header)), line=lines[position])
                for position, kind, message in rejected
            ]
        )
    return header


def _rejected(kind: str, message: str, columns: int) -> str:
    if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        return f"the row has {message.rsplit(':', 1)[-1].strip()} columns, not {columns}"
    return f"{kind.lower()}: {message}"


def _level_and_parts(columns: list[str], source: str, asked: str | None):
    """Which level the file is at, and which column plays each part (area code, area name,
    borough, major and minor category)."""
    roles: dict[str, str] = {}
    unknown = []
    for name in columns:
        role = ROLES.get(_normalise(name))
        if role and role not in roles:
            roles[role] = name
        elif not _month(name):
            unknown.append(name)
    if unknown:
        listed = ", ".join(f'"{name}"' for name in unknown)
        raise ImportRefused(
            Problem(source, f"columns {listed} are neither places, categories nor months YYYYMM")
        )
    found = (
        GeographyLevel.LSOA
        if "lsoa_code" in roles
        else GeographyLevel.WARD
        if "ward_code" in roles
        else GeographyLevel.BOROUGH
    )
    if asked and asked != found:
        raise ImportRefused(Problem(source, f"this is a {found} file, not a {asked} file"))
    needed = {"major", "minor"} | {
        GeographyLevel.LSOA: {"lsoa_code"},
        GeographyLevel.WARD: {"ward_code", "ward_name"},
        GeographyLevel.BOROUGH: {"borough_name"},
    }[found]
    if "borough_name" not in roles and found == GeographyLevel.BOROUGH and "borough" in roles:
        roles["borough_name"] = roles.pop("borough")
    missing = sorted(needed - roles.keys())
    if missing:
        raise ImportRefused(Problem(source, f"no column for {', '.join(missing)}", line=1))
    if not any(_month(name) for name in columns):
        raise ImportRefused(Problem(source, "no month columns (YYYYMM)", line=1))

    def column(role: str) -> str | None:
        return roles.get(role)

    if found == GeographyLevel.LSOA:
        parts = {
            "area_code": column("lsoa_code"),
            "area_name": column("lsoa_name") or column("lsoa_code"),
            "borough": column("borough") or column("borough_name"),
        }
    elif found == GeographyLevel.WARD:
        parts = {
            "area_code": column("ward_code"),
            "area_name": column("ward_name"),
            "borough": column("borough_name") or column("borough"),
        }
    else:
        parts = {"area_code": None, "area_name": column("borough_name"), "borough": None}
    parts |= {"major_category": column("major"), "minor_category": column("minor")}
    return str(found), parts


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _unpivot(con, parts: dict[str, str | None], months: dict[str, datetime.date], parquet):
    """The table `counts`: one row per place, category and month with a figure (UNPIVOT leaves
    out empty cells), each with its row's number in a Parquet file."""
    labels = ", ".join(
        f"coalesce(CAST({_quoted(column)} AS VARCHAR), '') AS {part}" if column else f"'' AS {part}"
        for part, column in parts.items()
    )
    values = ", ".join(f"CAST({_quoted(name)} AS VARCHAR) AS {_quoted(name)}" for name in months)
    row_number = "file_row_number" if parquet else "NULL::BIGINT AS file_row_number"
    month_list = ", ".join(_quoted(name) for name in months)
    # The file's column names go in quoted (_quoted); no value is written into the SQL.
    unpivot = f"""
        CREATE TEMP TABLE counts AS
        SELECT * FROM (
            UNPIVOT (SELECT {row_number}, {labels}, {values} FROM wide)
            ON {month_list} INTO NAME month VALUE value
        )"""  # noqa: S608
    con.execute(unpivot)


def _check(con, path, source, parquet, columns, parts, months, level) -> None:
    """Refuse bad counts, empty or overlong labels, and a place and category given twice."""
    index = {name: i for i, name in enumerate(columns)}
    checks: list[tuple[str, str, str]] = [
        (
            "value",
            f"""TRY_CAST(value AS DOUBLE) IS NULL OR TRY_CAST(value AS DOUBLE) < 0
                OR TRY_CAST(value AS DOUBLE) > {LARGEST_COUNT}
                OR TRY_CAST(value AS DOUBLE) <> floor(TRY_CAST(value AS DOUBLE))""",
            "the count for {month} is {value!r}, not a whole number from 0",
        )
    ]
    lengths = {
        "area_code": models.LSOA_CODE_LENGTH,
        "area_name": models.AREA_NAME_LENGTH,
        "borough": models.AREA_NAME_LENGTH,
        "major_category": models.CATEGORY_LENGTH,
        "minor_category": models.CATEGORY_LENGTH,
    }
    for part, column in parts.items():
        if not column:
            continue
        if part != "borough":
            checks.append((part, f"{part} = ''", f"{column} is empty"))
        checks.append(
            (part, f"length({part}) > {lengths[part]}", f"{column} is longer than {lengths[part]}")
        )
    # Conditions and names are this module's constants.
    union = " UNION ALL ".join(
        f"""SELECT DISTINCT file_row_number, '{target}', {target}, month, {i}
            FROM counts WHERE {condition}"""  # noqa: S608
        for i, (target, condition, _) in enumerate(checks)
    )
    bad = con.execute(f"SELECT * FROM ({union}) ORDER BY ALL LIMIT 10000").fetchall()  # noqa: S608
    twice = con.execute(
        """
        SELECT area_code, area_name, major_category, minor_category,
               list(DISTINCT file_row_number ORDER BY file_row_number)
        FROM counts GROUP BY area_code, area_name, major_category, minor_category, month
        HAVING count(*) > 1 LIMIT 100
        """
    ).fetchall()
    twice = list({row[:4]: row for row in twice}.values())
    if not bad and not twice:
        return
    problems: list[Problem] = []
    if parquet:
        for row, _, value, month, check in bad:
            message = checks[check][2].format(month=month, value=value)
            problems.append(Problem(source, message, row=row + 1))
        for code, name, major, minor, rows in twice:
            place = name or code
            rows_text = ", ".join(str(r + 1) for r in rows)
            problems.append(
                Problem(source, f"{place}, {major} / {minor} is given twice (rows {rows_text})")
            )
    else:
        wanted: dict[int, dict[str, str]] = defaultdict(dict)
        for _, target, value, month, check in bad:
            column = month if target == "value" else parts[target]
            message = checks[check][2].format(month=month, value=value)
            wanted[index[column]].setdefault(value, message)
        match = values_matcher(wanted)
        duplicated = {(code, name, major, minor) for code, name, major, minor, _ in twice}
        key_columns = [parts["area_code"], parts["area_name"], parts["major_category"]]
        key_columns.append(parts["minor_category"])

        def match_all(row: list[str]) -> list[str]:
            found = match(row)
            key = tuple(row[index[c]] if c and index[c] < len(row) else "" for c in key_columns)
            if key in duplicated:
                found.append(f"{key[1] or key[0]}, {key[2]} / {key[3]} is given more than once")
            return found

        problems = find_lines(path, source, match_all, limit=PROBLEMS_SHOWN)
    raise ImportRefused(problems, total=len(bad) + len(twice))
