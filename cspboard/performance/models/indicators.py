"""A board's indicators (their one-page fields, measure, source, target and RAG thresholds), their
monthly figures, the populations rates are given per, and the analysts' overrides and commentary
(drafts until published)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from ..choices import (
    DataSource,
    GeographyLevel,
    MeasureKind,
    Rating,
    Series,
    TargetKind,
)
from .data import AREA_NAME_LENGTH, Area


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
