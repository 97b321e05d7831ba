"""The shared police.uk files the tests import, and independent counts of them (Python's csv
module, never DuckDB, for the street files)."""

import csv
import os
import pathlib
from collections import Counter

import pytest
from django.apps import apps

from cspboard.core.tests.shared_data import shared_data_missing

if not apps.is_installed("cspboard.performance"):
    # Until "cspboard.performance" is in INSTALLED_APPS its models cannot load, so these tests
    # run only with settings that add it (pytest --ds=...).
    collect_ignore_glob = ["test_*.py"]

DATA = pathlib.Path(
    os.environ.get(
        "POLICE_UK_DATA", pathlib.Path(__file__).resolve().parents[4] / "shared/data/police-uk"
    )
)
MET_SAMPLE = DATA / "2023-01" / "2023-01-metropolitan-street-sample.csv"
BOROUGH_PARQUET = DATA / "mps-london-datastore" / "recorded-crime-borough.parquet"


def city_file(month: str) -> pathlib.Path:
    return DATA / month / f"{month}-city-of-london-street.csv"


@pytest.fixture
def data():
    if not DATA.is_dir():
        shared_data_missing(f"the shared police.uk files are not here ({DATA}); set POLICE_UK_DATA")
    return DATA


@pytest.fixture
def city(data):
    """Three months of City of London street files."""
    files = [city_file(month) for month in ("2019-01", "2019-02", "2019-03")]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        shared_data_missing(f"missing shared files: {', '.join(missing)}")
    return files


@pytest.fixture
def met_sample(data):
    if not MET_SAMPLE.is_file():
        shared_data_missing(f"missing shared file: {MET_SAMPLE}")
    return MET_SAMPLE


@pytest.fixture
def borough_parquet(data):
    if not BOROUGH_PARQUET.is_file():
        shared_data_missing(f"missing shared file: {BOROUGH_PARQUET}")
    return BOROUGH_PARQUET


def csv_rows(paths):
    """Every data row of the files as dicts, read with Python's csv module."""
    for path in paths:
        with open(path, newline="", encoding="utf-8-sig") as file:
            yield from csv.DictReader(file)


def csv_counts(paths, keep=lambda row: True) -> Counter:
    """Rows by ("YYYY-MM", crime type), counted with Python's csv module."""
    return Counter((row["Month"], row["Crime type"]) for row in csv_rows(paths) if keep(row))


def stored_counts(queryset=None) -> Counter:
    from django.db.models import Count

    from cspboard.performance.models import StreetCrime

    queryset = StreetCrime.objects.all() if queryset is None else queryset
    rows = queryset.order_by().values("month", "crime_type").annotate(n=Count("id"))
    return Counter({(f"{r['month']:%Y-%m}", r["crime_type"]): r["n"] for r in rows})
