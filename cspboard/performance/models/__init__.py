"""Performance data: areas, police.uk street crimes, the Met's recorded-crime counts, and the
board's indicators with their monthly figures, ratings and commentary.

Crime rows are copies of published open data, written only by the imports in `services.py`
(`street_crimes_import`, `crime_counts_import`); an indicator reads them through `selectors.py`.

One module a part: open data (`data.py`), indicators and their figures (`indicators.py`), the
report a meeting saw (`publication.py`), the report stored ready to serve (`stored.py`). Every
model is imported here, for Django and for `from cspboard.performance.models import X`.
"""

from .data import (
    AREA_NAME_LENGTH,
    CATEGORY_LENGTH,
    CRIME_ID_LENGTH,
    CRIME_TYPE_LENGTH,
    FORCE_LENGTH,
    LOCATION_LENGTH,
    LSOA_CODE_LENGTH,
    LSOA_NAME_LENGTH,
    OUTCOME_LENGTH,
    Area,
    AreaLsoa,
    CrimeCount,
    CrimeImport,
    StreetCrime,
)
from .indicators import (
    Commentary,
    Indicator,
    Measurement,
    Population,
    RatingOverride,
)
from .publication import (
    MeetingReport,
    ReportPublication,
    ReportSnapshot,
)
from .stored import (
    ReportDataVersion,
    StoredReport,
)

__all__ = [
    "CRIME_ID_LENGTH",
    "FORCE_LENGTH",
    "LOCATION_LENGTH",
    "LSOA_CODE_LENGTH",
    "LSOA_NAME_LENGTH",
    "CRIME_TYPE_LENGTH",
    "OUTCOME_LENGTH",
    "AREA_NAME_LENGTH",
    "CATEGORY_LENGTH",
    "Area",
    "AreaLsoa",
    "StreetCrime",
    "CrimeImport",
    "CrimeCount",
    "Indicator",
    "Measurement",
    "Population",
    "RatingOverride",
    "Commentary",
    "ReportPublication",
    "MeetingReport",
    "ReportSnapshot",
    "ReportDataVersion",
    "StoredReport",
]
