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


class FindingSource(models.TextChoices):
    """How the partnership came to know what it found at a place."""

    SURVEY = "survey", "Survey"
    WALKABOUT = "walkabout", "Councillors' walkabout"
    EVA = "eva", "Environmental Visual Audit"
    PARTNER_INTELLIGENCE = "partner_intelligence", "Partner intelligence"
    POLICE_DATA = "police_data", "Police data"
    OTHER = "other", "Other"
