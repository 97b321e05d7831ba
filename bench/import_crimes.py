"""A year of police.uk street files through the real import, against DuckDB alone reading them.

    .venv/bin/python bench/import_crimes.py [--rounds R] [--year YYYY] [--data FOLDER]
    .venv/bin/python bench/import_crimes.py --whole-force [--rounds R] [--borough NAME]

The import (`street_crimes_import`: header and value checks, the area filter, one transaction
replacing the months, the log) writes into a throwaway SQLite database; DuckDB alone reads the
same twelve files with the same explicit column list and counts the rows by month and crime
type. Rounds alternate, each from a fresh DuckDB connection and, for the import, an emptied
table. It prints rows a second for both and the ratio of the medians (goal: 0.5 or more), then
checks that the stored counts by month and crime type equal DuckDB's. For scale it also times
only the writing of the same rows, read and checked beforehand, the way the import writes them:
no import can beat that. Nothing is left behind.

`--whole-force` is the Met's case instead: a year of whole-force monthly files (built from the
shared 2023-01 Met sample's rows, spread over London's LSOAs, about 1.1 million rows), imported
for one borough (an area by LSOA-name prefix, about 2 to 3% of the rows), against DuckDB alone
reading the same files, keeping the same LSOAs and counting them by month and crime type.
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
DATA = Path(os.environ.get("POLICE_UK_DATA", BENCH_DIR.parent.parent / "shared/data/police-uk"))
SETTINGS = os.environ.get("DJANGO_SETTINGS_MODULE", "cspboard.settings")

COLUMNS = [
    "crime_id",
    "month",
    "reported_by",
    "falls_within",
    "longitude",
    "latitude",
    "location",
    "lsoa_code",
    "lsoa_name",
    "crime_type",
    "last_outcome",
    "context",
]


def duckdb_counts(files: list[str], *, detect: bool = False) -> list[tuple]:
    """DuckDB alone: read the files and count rows by month and crime type."""
    import duckdb

    con = duckdb.connect()
    try:
        if detect:
            sql = """SELECT "Month", "Crime type", count(*) FROM read_csv($files)
                     GROUP BY ALL ORDER BY ALL"""
            return con.execute(sql, {"files": files}).fetchall()
        sql = """SELECT month, crime_type, count(*) FROM read_csv(
                     $files, columns = $columns, header = true, auto_detect = false)
                 GROUP BY ALL ORDER BY ALL"""
        columns = {name: "VARCHAR" for name in COLUMNS}
        return con.execute(sql, {"files": files, "columns": columns}).fetchall()
    finally:
        con.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds of each (7)")
    parser.add_argument("--year", type=int, default=2019, help="City of London year (2019)")
    parser.add_argument("--data", type=Path, default=DATA, help="the police-uk folder")
    parser.add_argument("--profile", action="store_true", help="cProfile one import")
    parser.add_argument(
        "--database-url",
        help="a throwaway database to use instead of SQLite (scripts/with-postgres.sh sets "
        'DATABASE_URL: pass --database-url "$DATABASE_URL"); its tables are emptied',
    )
    parser.add_argument(
        "--whole-force",
        action="store_true",
        help="a year of whole-force Met files built from the 2023-01 sample, for one borough",
    )
    parser.add_argument(
        "--borough",
        default="Barking and Dagenham",
        help="--whole-force: the area's LSOA-name prefix (Barking and Dagenham)",
    )
    parser.add_argument(
        "--rows-per-file",
        type=int,
        default=91_500,
        help="--whole-force: rows in each monthly file (91,500: 1,098,000 a year)",
    )
    parser.add_argument("--seed", type=int, default=2023, help="--whole-force: for the rows")
    args = parser.parse_args(argv)
    if args.whole_force:
        return whole_force(args)

    files = sorted(
        str(path)
        for path in args.data.glob(f"{args.year}-*/{args.year}-*-city-of-london-street.csv")
    )
    if len(files) != 12:
        parser.error(f"found {len(files)} City of London street files for {args.year}, not 12")

    tmp = Path(tempfile.mkdtemp(prefix="cspboard-bench-crimes-"))
    try:
        sys.path.insert(0, str(BENCH_DIR))
        from common import bench_environment

        env = bench_environment(tmp)
        env["DJANGO_SETTINGS_MODULE"] = SETTINGS
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        os.environ.clear()
        os.environ.update(env)
        import django
        import duckdb

        django.setup()
        from django.core.management import call_command
        from django.db import connection, transaction

        from cspboard.performance.importers.base import FlatRows, insert_rows
        from cspboard.performance.importers.street import (
            _ROW_SQL,
            _TEXT_COLUMNS,
            FIELDS,
            _read_csv,
            read_street_files,
        )
        from cspboard.performance.models import CrimeImport, StreetCrime
        from cspboard.performance.services import street_crimes_import

        call_command("migrate", verbosity=0, interactive=False)

        def empty() -> None:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {StreetCrime._meta.db_table}")
                cursor.execute(f"DELETE FROM {CrimeImport._meta.db_table}")

        def run_import():
            return street_crimes_import(paths=files, by=None)

        # The floor: the same rows, read and checked already, written the import's way.
        with read_street_files(files) as reading:
            ready = [reading.rows(file) for file in reading.files]

        def write_only() -> None:
            with transaction.atomic():
                for block in ready:
                    insert_rows(StreetCrime, FIELDS, FlatRows(block.values, block.width, False))

        def pipelined_without_checks() -> None:
            """The best a row-storing import could do here: no header or value checks, no
            survey, no log; one DuckDB connection reads three files a query in a thread while
            this one writes the rows in one transaction, the import's way."""
            ready: queue.Queue = queue.Queue()
            select = f"SELECT {_ROW_SQL} FROM {_read_csv('files')}"  # noqa: S608

            def read() -> None:
                con = duckdb.connect()
                try:
                    for start in range(0, len(files), 3):
                        result = con.execute(
                            select, {"files": files[start : start + 3], "columns": _TEXT_COLUMNS}
                        )
                        columns = [column.tolist() for column in result.fetchnumpy().values()]
                        values = [None] * (len(columns[0]) * len(columns))
                        for position, column in enumerate(columns):
                            values[position :: len(columns)] = column
                        ready.put(FlatRows(values, len(columns), False))
                    ready.put(None)
                except BaseException as error:  # handed to the writer
                    ready.put(error)
                finally:
                    con.close()

            reader = threading.Thread(target=read)
            reader.start()
            try:
                with transaction.atomic():
                    while (block := ready.get()) is not None:
                        if isinstance(block, BaseException):
                            raise block
                        insert_rows(StreetCrime, FIELDS, block)
            finally:
                reader.join()

        expected = duckdb_counts(files)
        rows = sum(count for _, _, count in expected)
        print(f"{len(files)} files, {rows:,} rows, {len(expected)} (month, crime type) pairs")
        where = f"{connection.vendor} {connection.settings_dict['NAME']}"
        print(f"database: {where}; {os.cpu_count()} cores; load {_loadavg()}\n")

        if args.profile:
            import cProfile
            import pstats

            empty()
            profiler = cProfile.Profile()
            profiler.runcall(run_import)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

        duck, imports, reimports, detected, writes, ideal = [], [], [], [], [], []
        print("  round   DuckDB rows/s   import rows/s   re-import rows/s   ratio")
        for number in range(1, args.rounds + 1):
            began = time.perf_counter()
            duckdb_counts(files)
            duck.append(time.perf_counter() - began)

            empty()
            began = time.perf_counter()
            write_only()
            writes.append(time.perf_counter() - began)

            empty()
            began = time.perf_counter()
            pipelined_without_checks()
            ideal.append(time.perf_counter() - began)

            empty()
            began = time.perf_counter()
            report = run_import()
            imports.append(time.perf_counter() - began)
            assert report.rows_kept == rows

            began = time.perf_counter()
            report = run_import()  # the same months again: replaced, not doubled
            reimports.append(time.perf_counter() - began)
            assert report.rows_replaced == rows

            began = time.perf_counter()
            duckdb_counts(files, detect=True)
            detected.append(time.perf_counter() - began)
            print(
                f"  {number:5}   {rows / duck[-1]:13,.0f}   {rows / imports[-1]:13,.0f}"
                f"   {rows / reimports[-1]:16,.0f}   {duck[-1] / imports[-1]:5.2f}"
            )

        stored = sorted(
            (f"{m:%Y-%m}", t, c)
            for m, t, c in _stored_counts(StreetCrime).values_list("month", "crime_type", "n")
        )
        assert stored == sorted(expected), "stored counts differ from DuckDB's"
        assert StreetCrime.objects.count() == rows

        d, i, r = (statistics.median(x) for x in (duck, imports, reimports))
        print(f"\n  median   DuckDB alone         {rows / d:10,.0f} rows/s  ({d * 1000:6.1f} ms)")
        print(f"  median   import (new months)  {rows / i:10,.0f} rows/s  ({i * 1000:6.1f} ms)")
        print(f"  median   re-import (replace)  {rows / r:10,.0f} rows/s  ({r * 1000:6.1f} ms)")
        dd, w = statistics.median(detected), statistics.median(writes)
        print(f"  (DuckDB sniffing each file's columns instead: {rows / dd:,.0f} rows/s)")
        print(
            f"  (only writing the rows, read and checked already: {rows / w:,.0f} rows/s,"
            f" {w * 1000:.1f} ms: the ratio cannot pass {d / w:.2f})"
        )
        p = statistics.median(ideal)
        print(
            f"  (no checks at all, reading in a thread while writing: {rows / p:,.0f} rows/s,"
            f" {p * 1000:.1f} ms, ratio {d / p:.2f})"
        )
        print(
            f"\n  ratio import / DuckDB alone: {d / i:.2f}; re-import: {d / r:.2f}"
            f"  goal >= 0.5: {'met' if d / i >= 0.5 else 'not met'}"
        )
        print("  stored counts by month and crime type equal DuckDB's: yes")
        print(f"  load {_loadavg()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


# The Met's whole-force files ------------------------------------------------------------------

MET_SAMPLE = Path("2023-01") / "2023-01-metropolitan-street-sample.csv"
# London's LSOAs (code, name and borough, ONS mid-2019 estimates), when the data folder has them.
LONDON_LSOAS = Path("reference") / "london-mid2019-pop.csv"


def london_lsoas(data: Path, sample_rows: list[list[str]]) -> list[tuple[str, str]]:
    """London's LSOAs as police.uk names them ("Barking and Dagenham 016A"): from the ONS file
    in the data folder, or failing that the ones the Met sample has."""
    import csv

    path = data / LONDON_LSOAS
    if path.is_file():
        with open(path, newline="", encoding="utf-8-sig") as file:
            found = [(row["LSOA11CD"], row["LSOA11NM"]) for row in csv.DictReader(file)]
        if found:
            return found
    return sorted({(row[7], row[8]) for row in sample_rows if row[7]})


def build_met_year(data: Path, folder: Path, *, rows_per_file: int, seed: int) -> list[str]:
    """Twelve monthly Met files, 2023-01 to 2023-12, as police.uk names them and lays them out
    in its archives (`2023-05/2023-05-metropolitan-street.csv`): the sample's rows taken in turn,
    each given the file's month and, when it has an LSOA, one of London's LSOAs at random (rows
    with no location keep none)."""
    import csv
    import random

    with open(data / MET_SAMPLE, newline="", encoding="utf-8-sig") as file:
        reader = csv.reader(file)
        header = next(reader)
        sample = list(reader)
    lsoas = london_lsoas(data, sample)
    chosen = random.Random(seed)
    files = []
    for number in range(1, 13):
        month = f"2023-{number:02d}"
        path = folder / month / f"{month}-metropolitan-street.csv"
        path.parent.mkdir(parents=True)
        with open(path, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(header)
            start = (number - 1) * rows_per_file
            for index in range(start, start + rows_per_file):
                row = list(sample[index % len(sample)])
                row[1] = month
                if row[7]:
                    row[7], row[8] = lsoas[chosen.randrange(len(lsoas))]
                writer.writerow(row)
        files.append(str(path))
    return files


def duckdb_area_counts(files: list[str], prefix: str) -> list[tuple]:
    """DuckDB alone: read the files, keep the rows whose LSOA name starts with `prefix` and a
    space (the area's rule), and count them by month and crime type."""
    import duckdb

    con = duckdb.connect()
    try:
        sql = """SELECT month, crime_type, count(*) FROM read_csv(
                     $files, columns = $columns, header = true, auto_detect = false)
                 WHERE starts_with(lsoa_name, $prefix)
                 GROUP BY ALL ORDER BY ALL"""
        columns = {name: "VARCHAR" for name in COLUMNS}
        params = {"files": files, "columns": columns, "prefix": prefix + " "}
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _setup_django(tmp: Path, database_url: str | None) -> None:
    sys.path.insert(0, str(BENCH_DIR))
    from meeting_page import bench_environment

    env = bench_environment(tmp)
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    if database_url:
        env["DATABASE_URL"] = database_url
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def whole_force(args) -> int:
    if not (args.data / MET_SAMPLE).is_file():
        sys.exit(f"the Met sample is not in {args.data}: {MET_SAMPLE}")
    tmp = Path(tempfile.mkdtemp(prefix="cspboard-bench-met-"))
    try:
        began = time.perf_counter()
        files = build_met_year(
            args.data, tmp / "met", rows_per_file=args.rows_per_file, seed=args.seed
        )
        built = time.perf_counter() - began
        size = sum(os.path.getsize(f) for f in files) / 1e6
        _setup_django(tmp, args.database_url)
        from django.db import connection

        from cspboard.performance.models import Area, CrimeImport, StreetCrime
        from cspboard.performance.services import area_create, street_crimes_import

        Area.objects.filter(slug="bench-borough").delete()  # a database used before
        area = area_create(
            name=args.borough, slug="bench-borough", kind="borough", lsoa_name_prefix=args.borough
        )

        def empty() -> None:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {StreetCrime._meta.db_table}")
                cursor.execute(f"DELETE FROM {CrimeImport._meta.db_table}")

        def run_import():
            return street_crimes_import(paths=files, area=area, by=None)

        expected = duckdb_area_counts(files, args.borough)
        kept = sum(count for _, _, count in expected)
        read = args.rows_per_file * len(files)
        print(
            f"{len(files)} whole-force files ({size:,.0f} MB, built in {built:.1f} s), "
            f"{read:,} rows; {kept:,} in {args.borough} ({kept / read:.1%})"
        )
        where = f"{connection.vendor} {connection.settings_dict['NAME']}"
        print(f"database: {where}; {os.cpu_count()} cores; load {_loadavg()}\n")

        if args.profile:
            import cProfile
            import pstats

            empty()
            profiler = cProfile.Profile()
            profiler.runcall(run_import)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

        duck, imports, reimports = [], [], []
        print("  round   DuckDB rows/s   import rows/s   re-import rows/s   ratio")
        for number in range(1, args.rounds + 1):
            began = time.perf_counter()
            duckdb_area_counts(files, args.borough)
            duck.append(time.perf_counter() - began)

            empty()
            began = time.perf_counter()
            report = run_import()
            imports.append(time.perf_counter() - began)
            assert (report.rows_read, report.rows_kept) == (read, kept)

            began = time.perf_counter()
            report = run_import()  # the same months again: replaced, not doubled
            reimports.append(time.perf_counter() - began)
            assert report.rows_replaced == kept
            print(
                f"  {number:5}   {read / duck[-1]:13,.0f}   {read / imports[-1]:13,.0f}"
                f"   {read / reimports[-1]:16,.0f}   {duck[-1] / imports[-1]:5.2f}"
            )

        stored = sorted(
            (f"{m:%Y-%m}", t, c)
            for m, t, c in _stored_counts(StreetCrime).values_list("month", "crime_type", "n")
        )
        assert stored == expected, "stored counts differ from DuckDB's"
        assert StreetCrime.objects.count() == kept

        d, i, r = (statistics.median(x) for x in (duck, imports, reimports))
        print("\n  (rows/s: rows read, the whole force's)")
        print(f"  median   DuckDB alone         {read / d:10,.0f} rows/s  ({d * 1000:6.1f} ms)")
        print(f"  median   import (new months)  {read / i:10,.0f} rows/s  ({i * 1000:6.1f} ms)")
        print(f"  median   re-import (replace)  {read / r:10,.0f} rows/s  ({r * 1000:6.1f} ms)")
        print(
            f"\n  ratio import / DuckDB alone: {d / i:.2f}; re-import: {d / r:.2f}"
            f"  goal >= 0.5: {'met' if d / i >= 0.5 else 'not met'}"
        )
        print("  stored counts by month and crime type equal DuckDB's: yes")
        print(f"  load {_loadavg()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _stored_counts(model):
    from django.db.models import Count

    return model.objects.values("month", "crime_type").annotate(n=Count("id"))


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
