"""Writes for performance data, one module a part: open data (`data.py`: areas, the imports of
police.uk street crimes and of the Met's recorded-crime counts), a board's indicators
(`indicators.py`: their figures, ratings, commentary and populations) and the report a meeting
saw (`publication.py`). Import them from here: `from cspboard.performance.services import X`.
"""

from ..importers.base import ImportRefused
from .data import area_create, area_lsoas_set, crime_counts_import, street_crimes_import
from .indicators import (
    MeasurementRow,
    commentary_set,
    indicator_create,
    indicator_update,
    measurements_import,
    measurements_save,
    population_set,
    rating_override_clear,
    rating_override_set,
)
from .publication import meeting_report_publish, meeting_report_set, report_commentary_publish

__all__ = [
    "ImportRefused",
    "MeasurementRow",
    "area_create",
    "area_lsoas_set",
    "commentary_set",
    "crime_counts_import",
    "indicator_create",
    "indicator_update",
    "measurements_import",
    "measurements_save",
    "meeting_report_publish",
    "meeting_report_set",
    "population_set",
    "rating_override_clear",
    "rating_override_set",
    "report_commentary_publish",
    "street_crimes_import",
]
