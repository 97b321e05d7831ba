from django.db import models


class AreaKind(models.TextChoices):
    """What sort of place an area is. A place (a town centre, an estate) is a list of LSOAs."""

    BOROUGH = "borough", "Borough"
    WARD = "ward", "Ward"
    PLACE = "place", "Place"
    CUSTOM = "custom", "Custom"


class GeographyLevel(models.TextChoices):
    """The level the Metropolitan Police's recorded-crime counts are published at."""

    BOROUGH = "borough", "Borough"
    WARD = "ward", "Ward"
    LSOA = "lsoa", "LSOA"


class MeasureKind(models.TextChoices):
    """What an indicator's figure is."""

    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage (numerator over denominator)"
    RATE = "rate", "Rate per population"


class DataSource(models.TextChoices):
    """Where an indicator's monthly figures come from."""

    ENTERED = "entered", "Entered or uploaded figures"
    STREET_CRIMES = "street_crimes", "police.uk street crimes"
    CRIME_COUNTS = "crime_counts", "Metropolitan Police recorded-crime counts"


class TargetKind(models.TextChoices):
    """What an indicator aims at, which decides how it is rated."""

    REDUCTION = "reduction", "Year-on-year reduction"
    INCREASE = "increase", "Year-on-year increase"
    CEILING = "ceiling", "No more than a figure for the year"
    RANGE = "range", "Within a range"
    MONITORING = "monitoring", "For monitoring (not rated)"


class Series(models.TextChoices):
    LOCAL = "local", "Local"
    BENCHMARK = "benchmark", "Benchmark"


class Rating(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"
    GREY = "grey", "Monitoring"
    NONE = "", "No rating"
