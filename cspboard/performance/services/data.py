"""Writes for open data: areas and their LSOAs, and the imports of police.uk street crimes and of
the Met's recorded-crime counts.

Imports are all or nothing: every file is read and checked first (a wrong file is refused with
its name and line numbers, before anything is written), then one transaction replaces what the
files cover. A dry run does the same work and rolls it back. Progress goes to `progress`, one
line a file (or every 100,000 counts).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Sequence
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cspboard.boards.models import Board
from cspboard.core.cache import DATA, bump_generation

from ..changes import data_changed
from ..choices import AreaKind
from ..importers.base import (
    ImportRefused,
    Problem,
    Progress,
    all_or_nothing,
    insert_rows,
    no_progress,
)
from ..importers.counts import read_crime_counts
from ..importers.street import read_street_files
from ..models import (
    Area,
    AreaLsoa,
    CrimeCount,
    CrimeImport,
    StreetCrime,
)
from ..selectors import area_street_filter


@transaction.atomic
def area_create(
    *,
    name: str,
    slug: str,
    kind: str = AreaKind.CUSTOM,
    board: Board | None = None,
    code: str = "",
    lsoa_name_prefix: str = "",
    lsoas: Iterable[tuple[str, str] | str] = (),
) -> Area:
    """An area, with its LSOAs as codes or (code, name) pairs and/or an LSOA-name prefix."""
    area = Area(
        name=name,
        slug=slug,
        kind=kind,
        board=board,
        code=code,
        lsoa_name_prefix=lsoa_name_prefix.strip(),
    )
    area.full_clean()
    area.save()
    area_lsoas_set(area=area, lsoas=lsoas)  # says the shared data changed
    return area


@transaction.atomic
def area_lsoas_set(*, area: Area, lsoas: Iterable[tuple[str, str] | str]) -> list[AreaLsoa]:
    """Make `lsoas` (codes, or (code, name) pairs) the area's whole list."""
    rows: dict[str, AreaLsoa] = {}
    for item in lsoas:
        code, name = (item, "") if isinstance(item, str) else item
        code = code.strip()
        if not code:
            raise ValidationError({"lsoas": "An LSOA code is empty."})
        rows[code] = AreaLsoa(area=area, lsoa_code=code, lsoa_name=name.strip())
    AreaLsoa.objects.filter(area=area).delete()
    bump_generation(DATA)  # bulk_create sends no signals; any board's report may use the area
    data_changed(shared=True)
    return AreaLsoa.objects.bulk_create(rows.values(), batch_size=500)


# police.uk street crimes -------------------------------------------------------------------------


@dataclasses.dataclass
class StreetFileImported:
    source: str
    months: list[datetime.date]
    forces: list[str]
    rows_read: int
    rows_kept: int
    rows_replaced: int


@dataclasses.dataclass
class StreetImportReport:
    files: list[StreetFileImported]
    dry_run: bool

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_kept(self) -> int:
        return sum(f.rows_kept for f in self.files)

    @property
    def rows_replaced(self) -> int:
        return sum(f.rows_replaced for f in self.files)


def street_crimes_import(
    *,
    paths: Sequence[str | Path],
    area: Area | None = None,
    lsoa_name_prefix: str = "",
    by=None,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> StreetImportReport:
    """Import police.uk street-level crime files (CSV files, folders of them, zip archives).

    Keeps the rows in `area` (its LSOAs, or its LSOA-name prefix), or whose LSOA name starts with
    `lsoa_name_prefix`; every row when neither is given. Each file's months are replaced for its
    force ("Reported by") within that area, so importing a month again never doubles it. Raises
    ImportRefused, naming files and lines, if any file is wrong: then nothing is written.
    """
    lsoa_name_prefix = lsoa_name_prefix.strip()
    if area is not None and lsoa_name_prefix:
        raise ValueError("Give an area or an LSOA name prefix, not both.")
    codes: list[str] = []
    if area is not None:
        codes = list(area.lsoas.values_list("lsoa_code", flat=True))
        if not codes and not area.lsoa_name_prefix:
            raise ImportRefused(Problem(area.slug, "the area has no LSOAs and no name prefix"))
    prefix = area.lsoa_name_prefix if area is not None else lsoa_name_prefix
    scope = area_street_filter(area, lsoa_name_prefix)
    started = timezone.now()
    imported: list[StreetFileImported] = []
    log: list[CrimeImport] = []
    reader = read_street_files(paths, lsoa_codes=codes, lsoa_name_prefix=prefix, progress=progress)
    with reader as reading:
        count = len(reading.files)
        progress(
            f"Checked {count} file{'s' if count != 1 else ''}: {reading.rows_read:,} rows, "
            f"{reading.rows_kept:,} in the area."
        )
        with all_or_nothing(dry_run=dry_run):
            for number, file in enumerate(reading.files, start=1):
                replaced = 0
                for month, force in file.scope:
                    existing = StreetCrime.objects.filter(scope, month=month, reported_by=force)
                    # A raw delete: the project's post_delete listener (cache invalidation in
                    # core) would otherwise make Django fetch every row to send its signal.
                    replaced += existing._raw_delete(existing.db)
                insert_rows(StreetCrime, reading.fields, reading.rows(file))
                done = StreetFileImported(
                    source=file.source.name,
                    months=file.months,
                    forces=file.forces,
                    rows_read=file.rows_read,
                    rows_kept=file.rows_kept,
                    rows_replaced=replaced,
                )
                imported.append(done)
                log.append(
                    CrimeImport(
                        source=done.source[:500],
                        month=done.months[0] if done.months else None,
                        reported_by=", ".join(done.forces)[:100],
                        area=area,
                        lsoa_name_prefix=lsoa_name_prefix,
                        rows_read=done.rows_read,
                        rows_kept=done.rows_kept,
                        rows_replaced=replaced,
                        started_at=started,
                        finished_at=timezone.now(),
                        by=by,
                    )
                )
                months = ", ".join(f"{m:%Y-%m}" for m in done.months) or "no rows"
                progress(
                    f"[{number}/{count}] {done.source}: {months}, {done.rows_kept:,} of "
                    f"{done.rows_read:,} rows kept, {done.rows_replaced:,} replaced"
                )
            CrimeImport.objects.bulk_create(log)
            data_changed(shared=True)  # once: the reports are refreshed after the commit
    return StreetImportReport(files=imported, dry_run=dry_run)


# London Datastore recorded-crime counts ----------------------------------------------------------


@dataclasses.dataclass
class CountsImportReport:
    source: str
    level: str
    areas: int
    months: list[datetime.date]
    counts_written: int
    counts_replaced: int
    dry_run: bool


def crime_counts_import(
    *,
    path: str | Path,
    level: str | None = None,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> CountsImportReport:
    """Import one of the Met's recorded-crime files as the London Datastore publishes them (one
    row per place and offence category, one column per month YYYYMM), CSV or Parquet.

    Each (place, month) in the file replaces what is stored for that place and month at that
    level: importing a file again, or a later file overlapping it, never doubles a count.
    """
    with read_crime_counts(path, level=level) as reading:
        progress(
            f"Checked {reading.source}: {reading.level} level, {reading.areas:,} places, "
            f"{len(reading.months)} months, {reading.total:,} counts."
        )
        replaced = written = 0
        with all_or_nothing(dry_run=dry_run):
            for key_field, keys in reading.area_keys():
                for start in range(0, len(keys), 500):
                    existing = CrimeCount.objects.filter(
                        level=reading.level,
                        month__in=reading.months,
                        **{f"{key_field}__in": keys[start : start + 500]},
                    )
                    if key_field == "area_name":
                        existing = existing.filter(area_code="")
                    replaced += existing._raw_delete(existing.db)
            for batch in reading.batches():
                insert_rows(CrimeCount, reading.fields, batch)
                written += len(batch)
                progress(f"  {written:,} of {reading.total:,} counts written")
            data_changed(shared=True)  # once: the reports are refreshed after the commit
    return CountsImportReport(
        source=reading.source,
        level=reading.level,
        areas=reading.areas,
        months=reading.months,
        counts_written=written,
        counts_replaced=replaced,
        dry_run=dry_run,
    )
