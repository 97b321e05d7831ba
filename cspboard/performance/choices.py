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
