from django.db import models


class PlaceKind(models.TextChoices):
    """What sort of place it is, as a partnership would describe it."""

    STREET = "street", "Street or road"
    STATION = "station", "Station or transport hub"
    TOWN_CENTRE = "town_centre", "Town centre or high street"
    PARK = "park", "Park or open space"
    ESTATE = "estate", "Estate or housing"
    VENUE = "venue", "Venue or premises"
    OTHER = "other", "Other"
