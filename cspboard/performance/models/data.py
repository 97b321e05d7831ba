"""Open data and where it applies: areas (a borough, ward or place as LSOAs or an LSOA-name
prefix), police.uk street crimes and the log of their imports, and the Met's recorded-crime
counts. Crime rows are copies of published open data, written only by the imports in
`services` (`street_crimes_import`, `crime_counts_import`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..choices import (
    AreaKind,
    GeographyLevel,
)

# Field sizes, shared with the importers, which refuse a longer value with its line number.
CRIME_ID_LENGTH = 64
FORCE_LENGTH = 100
LOCATION_LENGTH = 200
LSOA_CODE_LENGTH = 12
LSOA_NAME_LENGTH = 100
CRIME_TYPE_LENGTH = 100
OUTCOME_LENGTH = 200
AREA_NAME_LENGTH = 100
CATEGORY_LENGTH = 100


class Area(models.Model):
    """A place indicators are reported for: a borough, a ward, a town centre or any list of LSOAs.

    Street crimes are in the area when their LSOA code is one of the area's (`lsoas`), or when
    their LSOA name starts with `lsoa_name_prefix` and a space: police.uk names LSOAs after their
    borough ("Barking and Dagenham 016A"), so a borough needs no list. Either or both may be set.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=AreaKind.choices, default=AreaKind.CUSTOM)
    board = models.ForeignKey(
        "boards.Board", null=True, blank=True, on_delete=models.SET_NULL, related_name="areas"
    )
    code = models.CharField(
        max_length=LSOA_CODE_LENGTH,
        blank=True,
        help_text="The ONS code of a borough or ward (E09000002), when it has one.",
    )
    lsoa_name_prefix = models.CharField(
        max_length=LSOA_NAME_LENGTH,
        blank=True,
        help_text='LSOAs whose police.uk name starts with this and a space ("Barking and '
        'Dagenham" takes in "Barking and Dagenham 016A").',
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AreaLsoa(models.Model):
    """One LSOA of an area (2011 or 2021 code: police.uk moved to 2021 codes during 2023)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="lsoas")
    lsoa_code = models.CharField(max_length=LSOA_CODE_LENGTH)
    lsoa_name = models.CharField(max_length=LSOA_NAME_LENGTH, blank=True)

    class Meta:
        ordering = ["area_id", "lsoa_code"]
        constraints = [
            models.UniqueConstraint(fields=["area", "lsoa_code"], name="performance_area_lsoa_once")
        ]

    def __str__(self) -> str:
        return f"{self.lsoa_code} {self.lsoa_name}".strip()


class StreetCrime(models.Model):
    """One row of a police.uk street-level crime file, as published.

    Anti-social behaviour rows have no crime ID, some rows have no location (no coordinates and
    no LSOA), and the same crime ID can appear more than once: rows are kept as they are.
    Importing a force's month again replaces that force's rows for the month.
    """

    month = models.DateField(help_text="The first day of the month the crime was recorded in.")
    crime_id = models.CharField(max_length=CRIME_ID_LENGTH, blank=True)
    reported_by = models.CharField(max_length=FORCE_LENGTH)
    falls_within = models.CharField(max_length=FORCE_LENGTH)
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    location = models.CharField(max_length=LOCATION_LENGTH, blank=True)
    lsoa_code = models.CharField(max_length=LSOA_CODE_LENGTH, blank=True)
    lsoa_name = models.CharField(max_length=LSOA_NAME_LENGTH, blank=True)
    crime_type = models.CharField(max_length=CRIME_TYPE_LENGTH)
    last_outcome = models.CharField(max_length=OUTCOME_LENGTH, blank=True)
    context = models.TextField(blank=True)

    class Meta:
        ordering = ["month", "id"]
        indexes = [
            models.Index(fields=["month", "crime_type"], name="performance_crime_month_type"),
            models.Index(fields=["lsoa_code", "month"], name="performance_crime_lsoa_month"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.crime_type}, {self.location or 'no location'}"


class CrimeImport(models.Model):
    """The log of street-crime imports: one row for each file imported."""

    source = models.CharField(max_length=500, help_text="The file, or archive and member.")
    month = models.DateField(null=True, blank=True, help_text="The file's month (its first).")
    reported_by = models.CharField(max_length=FORCE_LENGTH, blank=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    lsoa_name_prefix = models.CharField(max_length=LSOA_NAME_LENGTH, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_kept = models.PositiveIntegerField(default=0)
    rows_replaced = models.PositiveIntegerField(
        default=0, help_text="Rows of earlier imports of the same month and force removed."
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_at", "source"]

    def __str__(self) -> str:
        return f"{self.source}: {self.rows_kept} of {self.rows_read} rows"


class CrimeCount(models.Model):
    """A monthly count of recorded crime in one category, as the London Datastore publishes it.

    Wards and LSOAs are known by their ONS code (ward names repeat across boroughs); boroughs by
    name, since the borough files carry no code. `borough` is the ward's borough name, or the
    LSOA's borough code, as the files give them.
    """

    level = models.CharField(max_length=10, choices=GeographyLevel.choices)
    area_code = models.CharField(max_length=LSOA_CODE_LENGTH, blank=True)
    area_name = models.CharField(max_length=AREA_NAME_LENGTH)
    borough = models.CharField(max_length=AREA_NAME_LENGTH, blank=True)
    major_category = models.CharField(max_length=CATEGORY_LENGTH)
    minor_category = models.CharField(max_length=CATEGORY_LENGTH)
    month = models.DateField(help_text="The first day of the month.")
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["level", "area_name", "month", "major_category", "minor_category"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "area_code", "major_category", "minor_category", "month"],
                condition=~Q(area_code=""),
                name="performance_count_once_by_code",
            ),
            models.UniqueConstraint(
                fields=["level", "area_name", "major_category", "minor_category", "month"],
                condition=Q(area_code=""),
                name="performance_count_once_by_name",
            ),
        ]
        indexes = [
            models.Index(fields=["level", "month"], name="performance_count_level_month"),
        ]

    def __str__(self) -> str:
        return f"{self.area_name} {self.month:%Y-%m} {self.minor_category}: {self.count}"
