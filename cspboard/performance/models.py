"""Performance data: areas, police.uk street crimes, the Met's recorded-crime counts, and the
board's indicators with their monthly figures, ratings and commentary.

Crime rows are copies of published open data, written only by the imports in `services.py`
(`street_crimes_import`, `crime_counts_import`); an indicator reads them through `selectors.py`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .choices import (
    AreaKind,
    DataSource,
    GeographyLevel,
    MeasureKind,
    Rating,
    Series,
    TargetKind,
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


# Indicators --------------------------------------------------------------------------------------


class Indicator(models.Model):
    """A key performance indicator of a board, owned by one of its subgroups, with the seeds'
    one-page fields, how its figure is measured, where the figures come from and its target.

    The RAG rule: for a reduction (or increase) target, green when the year-to-date change is
    `green_percent` or more better, red when it is more than `red_percent` worse, amber between;
    for a ceiling, red above the ceiling pro-rated to date, amber within `green_percent` below it;
    for a range, amber when outside it by no more than `red_percent` points, red beyond that.
    """

    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="indicators")
    subgroup = models.ForeignKey(
        "boards.Board",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subgroup_indicators",
        help_text="The subgroup the indicator is reported under.",
    )
    number = models.CharField(max_length=10, blank=True, help_text='As printed: "1a", "8".')
    name = models.CharField(max_length=300)
    short_name = models.CharField(
        max_length=120,
        blank=True,
        help_text='What the sentences call it: "total burglary" ("In comparison total burglary '
        'across London is up 13.0%").',
    )
    slug = models.SlugField(max_length=80)
    position = models.PositiveIntegerField(default=0, help_text="Its place in the report.")
    unit = models.CharField(
        max_length=40, default="offences", help_text='What is counted, plural: "offences".'
    )
    source = models.TextField(blank=True)
    definition = models.TextField(blank=True)
    how_it_works = models.TextField(blank=True)
    what_good_looks_like = models.TextField(blank=True)
    why_important = models.TextField(blank=True)
    issues_to_consider = models.TextField(blank=True)
    lead_officer = models.CharField(max_length=200, blank=True)
    in_development = models.BooleanField(
        default=False, help_text="Listed as in development, with no figures."
    )

    measure = models.CharField(max_length=20, choices=MeasureKind, default=MeasureKind.COUNT)
    rate_per = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a rate: per 1,000 or 100,000 population."
    )
    population_area = models.ForeignKey(
        "Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    population_label = models.CharField(
        max_length=100,
        blank=True,
        help_text='Which of the area\'s populations a rate divides by ("10-17 year olds"); '
        "blank for all residents.",
    )
    year_to_date_figures = models.BooleanField(
        default=False,
        help_text="Each month's figure is already the financial year to date, as published "
        "(the MARAC repeat rate), not the month's own.",
    )

    data_source = models.CharField(max_length=20, choices=DataSource, default=DataSource.ENTERED)
    area = models.ForeignKey(
        "Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text="For police.uk street crimes: the area counted.",
    )
    crime_types = models.JSONField(
        default=list, blank=True, help_text="For police.uk street crimes: the crime types."
    )
    count_level = models.CharField(
        max_length=10, choices=GeographyLevel, blank=True, help_text="For recorded-crime counts."
    )
    count_area_name = models.CharField(
        max_length=AREA_NAME_LENGTH,
        blank=True,
        help_text="For recorded-crime counts: a borough's name, or a ward's or LSOA's code.",
    )
    count_major_categories = models.JSONField(default=list, blank=True)
    count_categories = models.JSONField(
        default=list, blank=True, help_text="Minor categories; none of either means all crime."
    )
    benchmark_count_area_name = models.CharField(
        max_length=AREA_NAME_LENGTH,
        blank=True,
        help_text="For recorded-crime counts: the place whose counts are the benchmark.",
    )

    target_kind = models.CharField(max_length=20, choices=TargetKind, default=TargetKind.REDUCTION)
    target_value = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="A ceiling's figure."
    )
    range_low = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    range_high = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    green_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(5))
    red_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(5))
    benchmark_label = models.CharField(
        max_length=100, blank=True, help_text='The benchmark\'s place: "London".'
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["board_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["board", "slug"], name="performance_indicator_slug")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()

    def clean(self) -> None:
        """Each choice needs the fields it reads: a rate its population, a street-crime figure
        its area and crime types, a ceiling its figure, a range both ends."""
        errors: dict[str, str] = {}
        if self.subgroup_id and self.board_id and self.subgroup.parent_id != self.board_id:
            errors["subgroup"] = "Choose one of the board's own subgroups."
        if self.measure == MeasureKind.RATE:
            if not self.rate_per:
                errors["rate_per"] = "Give the population a rate is per (1,000 or 100,000)."
            if not self.population_area_id:
                errors["population_area"] = "Choose the area whose population a rate divides by."
        if self.data_source == DataSource.STREET_CRIMES:
            if not self.area_id:
                errors["area"] = "Choose the area whose street crimes are counted."
            if not self.crime_types:
                errors["crime_types"] = "Choose the crime types counted."
        if self.data_source == DataSource.CRIME_COUNTS:
            if not self.count_level:
                errors["count_level"] = "Choose the level of the recorded-crime counts."
            if not self.count_area_name.strip():
                errors["count_area_name"] = "Give the borough's name, or the ward's or LSOA's code."
        for name in ("crime_types", "count_major_categories", "count_categories"):
            value = getattr(self, name)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors[name] = "Give a list of names."
        if self.target_kind == TargetKind.CEILING and self.target_value is None:
            errors["target_value"] = "Give the most there should be in the year."
        if self.target_kind == TargetKind.RANGE:
            if self.range_low is None or self.range_high is None:
                errors["range_low"] = "Give both ends of the range."
            elif self.range_low > self.range_high:
                errors["range_high"] = "The top of the range is below its bottom."
        for name in ("green_percent", "red_percent", "target_value"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = "This cannot be negative."
        if errors:
            raise ValidationError(errors)


class Measurement(models.Model):
    """One month's figure of an indicator's own series or its benchmark's. For a percentage the
    value is the numerator and `denominator` the denominator; with no denominator the value is
    the percentage as published."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    series = models.CharField(max_length=10, choices=Series, default=Series.LOCAL)
    month = models.DateField(help_text="The first day of the month.")
    value = models.DecimalField(max_digits=14, decimal_places=4)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator_id", "series", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "series", "month"], name="performance_measurement_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.month:%Y-%m} ({self.series}): {self.value}"


class Population(models.Model):
    """An area's population in a year (mid-year estimate or census), which rates divide by."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField()
    population = models.PositiveIntegerField()
    label = models.CharField(
        max_length=100, blank=True, help_text='Blank for all residents, or "10-17 year olds".'
    )
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["area_id", "label", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "label", "year"], name="performance_population_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.label or 'residents'} {self.year}: {self.population:,}"


class RatingOverride(models.Model):
    """The analyst's own rating of an indicator for a month, replacing the computed one; the
    report shows the reason beside it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="overrides")
    month = models.DateField()
    rating = models.CharField(max_length=10, choices=Rating, blank=True)
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "month"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "month"], name="performance_override_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.month:%Y-%m}: {self.get_rating_display()}"


class Commentary(models.Model):
    """The analyst's commentary on an indicator for a month (actions to sustain or improve), and
    the benchmark's change as published when its figures are not held."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="commentaries")
    month = models.DateField()
    text = models.TextField(blank=True)
    benchmark_percent_change = models.DecimalField(
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="The benchmark's year-to-date change as published (13.0 for up 13.0%), used "
        "when the benchmark's own figures are not entered.",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["indicator_id", "month"]
        verbose_name_plural = "commentaries"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "month"], name="performance_commentary_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.month:%Y-%m} commentary"


# The report a meeting saw ------------------------------------------------------------------------


class ReportPublication(models.Model):
    """The analyst's commentary and rating overrides of a board's month as published.

    `Commentary` and `RatingOverride` rows are drafts: only officers and analysts of the board
    see them until the month's commentary is published (by the analyst, or by publishing the
    agenda whose pack carries the month's report). Publishing copies them here; the public
    report reads the latest publication of its month. `content` maps each indicator's id (as
    text) to {"commentary", "benchmark_percent_change", "rating", "reason"} (rating None when
    the calculated rating stands).
    """

    board = models.ForeignKey(
        "boards.Board", on_delete=models.CASCADE, related_name="performance_publications"
    )
    month = models.DateField(help_text="The first day of the report's month.")
    content = models.JSONField(default=dict)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The meeting whose agenda published it, when it was not the analyst.",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["board_id", "month", "published_at", "id"]
        indexes = [
            models.Index(fields=["board", "month"], name="performance_publication_month"),
        ]

    def __str__(self) -> str:
        return f"{self.board} {self.month:%Y-%m} commentary published {self.published_at:%Y-%m-%d}"


class MeetingReport(models.Model):
    """The month of the performance report a meeting's agenda pack carries, as an officer or
    analyst chose it when building the agenda (without one, the month is worked out from the
    meeting's dates: `pack.meeting_report_month`)."""

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="performance_report_choice"
    )
    month = models.DateField(help_text="The first day of the report's month.")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["meeting_id"]

    def __str__(self) -> str:
        return f"{self.meeting}: report to {self.month:%B %Y}"


class ReportSnapshot(models.Model):
    """The performance report as an agenda pack carried it when the agenda was published: the
    month and, for each indicator, its figures, rating and sentence (`indicators` maps the
    indicator's id, as text, to {"slug", "name", "figures", "rating", "sentence"}). The live
    report compares its figures with the latest snapshot of its month, to say which were
    revised since the board saw them."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="performance_snapshots"
    )
    board = models.ForeignKey(
        "boards.Board", on_delete=models.CASCADE, related_name="performance_snapshots"
    )
    month = models.DateField(help_text="The first day of the report's month.")
    published_on = models.DateField(help_text="The day the agenda was published.")
    indicators = models.JSONField(default=dict)
    taken_at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["board_id", "month", "published_on", "id"]
        indexes = [
            models.Index(fields=["board", "month"], name="performance_snapshot_month"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: report to {self.month:%B %Y} as published {self.published_on}"


# The report as stored, ready to serve ------------------------------------------------------------


class ReportDataVersion(models.Model):
    """A counter moved in the same transaction as any change to what performance reports read:
    `key` is "board:<id>" for a board's own rows (its indicators, figures, commentary, overrides,
    publications, its and its subgroups' names), or "shared" for the rows every board may read
    (areas, populations, street crimes, recorded-crime counts). A stored report is current while
    both counters it was computed at stand (`stored.data_version`)."""

    key = models.CharField(max_length=40, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class StoredReport(models.Model):
    """A board's performance report for a month, computed (in the worker, or by the first page
    to need it) and kept ready to serve: every indicator's figures, rating and sentence, the SVG
    charts, the months with figures, the page's report rendered (`body`: the revisions since
    a pack carried the month and the officers' links are in it), and the PDF once made.
    `viewer` says whose report it is: the published commentary (everyone) or the drafts (the
    board's officers and analysts), so drafts never reach the public. `version` is the data
    version it was computed at; a row whose version is not the current one is never served
    (`stored.py`)."""

    PUBLISHED, DRAFTS = "published", "drafts"

    board = models.ForeignKey(
        "boards.Board", on_delete=models.CASCADE, related_name="stored_performance_reports"
    )
    month = models.DateField(help_text="The first day of the report's month.")
    viewer = models.CharField(
        max_length=10, choices=[(PUBLISHED, "Published"), (DRAFTS, "Drafts")], default=PUBLISHED
    )
    version = models.CharField(max_length=80)
    content = models.JSONField(default=dict)
    body = models.TextField(blank=True, help_text="The page's report, rendered.")
    pdf = models.BinaryField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["board_id", "month", "viewer"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "month", "viewer"], name="performance_stored_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.board} {self.month:%Y-%m} ({self.viewer}) at {self.version}"
