"""Places of concern: where people feel unsafe or crime concentrates, as the partnership knows
them from surveys, walkabouts, audits and partner intelligence."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cspboard.meetings.choices import WITHHELD_MARKINGS
from cspboard.meetings.permissions import marking_visible_q
from cspboard.meetings.withholding import Withholdable

from .choices import PlaceKind


class PlaceQuerySet(models.QuerySet):
    def visible_to(self, access) -> PlaceQuerySet:
        """Places the viewer may see (cspboard.meetings.permissions, the withheld rule): a place
        known from partner intelligence may be withheld under Schedule 12A."""
        return self.filter(marking_visible_q(access, "board_id"))


class Place(Withholdable):
    """A place of concern held by a board: a name, where it is, and what it is.

    Its location is a point (WGS84, as police.uk gives crimes), optional: a place named in a
    survey may not yet be pinned on the map."""

    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="places")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=20, choices=PlaceKind.choices, default=PlaceKind.OTHER)
    description = models.TextField(blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    area = models.ForeignKey(
        "performance.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
        help_text="The ward or area it lies in, for its crime figures.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["board_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "slug"], name="place_slug_once_per_board"),
            models.CheckConstraint(
                condition=Q(schedule_12a_paragraph__isnull=True)
                | Q(schedule_12a_paragraph__gte=1, schedule_12a_paragraph__lte=7),
                name="place_schedule_12a_paragraph_1_to_7",
            ),
            models.CheckConstraint(
                condition=~Q(security_marking__in=WITHHELD_MARKINGS)
                | Q(schedule_12a_paragraph__isnull=False),
                name="place_withheld_marking_needs_paragraph",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="place_location_whole_and_on_earth",
            ),
        ]

    def __str__(self) -> str:
        return self.name
