"""Places of concern: where people feel unsafe or crime concentrates, as the partnership knows
them from surveys, walkabouts, audits and partner intelligence."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cspboard.actions.models import ActionItem
from cspboard.meetings.choices import WITHHELD_MARKINGS
from cspboard.meetings.permissions import marking_visible_q, place_finding_visible_q
from cspboard.meetings.withholding import Withholdable

from .choices import FindingSource, PlaceKind


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
    actions = models.ManyToManyField(
        "actions.ActionItem", through="PlaceAction", related_name="places", blank=True
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

    def get_absolute_url(self) -> str:
        return reverse("places:place_detail", kwargs={"slug": self.board.slug, "place": self.slug})

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class PlaceFindingQuerySet(models.QuerySet):
    def visible_to(self, access) -> PlaceFindingQuerySet:
        """Findings the viewer may see (cspboard.meetings.permissions): hidden when the finding
        or its place is withheld, unless the viewer sees the board's withheld material."""
        return self.filter(place_finding_visible_q(access))


class PlaceFinding(Withholdable):
    """What was found at a place, by whom, when and how: a survey's answers, a councillors'
    walkabout, an Environmental Visual Audit, partner intelligence (which may be withheld), the
    police's data."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="findings")
    source = models.CharField(max_length=30, choices=FindingSource.choices)
    found_on = models.DateField(help_text="When it was found (the survey closed, the walk).")
    reported_by_organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="place_findings",
    )
    reported_by = models.CharField(
        max_length=200, blank=True, help_text="Who reported it, where no organisation is named."
    )
    text = models.TextField(help_text="What was found.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = PlaceFindingQuerySet.as_manager()

    class Meta:
        ordering = ["place_id", "-found_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(schedule_12a_paragraph__isnull=True)
                | Q(schedule_12a_paragraph__gte=1, schedule_12a_paragraph__lte=7),
                name="place_finding_schedule_12a_paragraph_1_to_7",
            ),
            models.CheckConstraint(
                condition=~Q(security_marking__in=WITHHELD_MARKINGS)
                | Q(schedule_12a_paragraph__isnull=False),
                name="place_finding_withheld_marking_needs_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place}: {self.get_source_display()}, {self.found_on:%d %B %Y}"

    @property
    def reporter(self) -> str:
        """Who reported it: the organisation, or the words given."""
        if self.reported_by_organisation_id:
            return self.reported_by_organisation.name
        return self.reported_by


class PlaceActionQuerySet(models.QuerySet):
    def visible_to(self, access) -> PlaceActionQuerySet:
        """Links the viewer may see: the place under the withheld rule, and the action under
        the action log's (`ActionItem.objects.visible_to`)."""
        return self.filter(
            place__in=Place.objects.visible_to(access),
            action__in=ActionItem.objects.visible_to(access),
        )


class PlaceAction(models.Model):
    """An action on the board's log that answers what was found at a place."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="action_links")
    action = models.ForeignKey(
        "actions.ActionItem", on_delete=models.CASCADE, related_name="place_links"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = PlaceActionQuerySet.as_manager()

    class Meta:
        ordering = ["place_id", "action_id"]
        constraints = [
            models.UniqueConstraint(fields=["place", "action"], name="place_action_once"),
        ]

    def __str__(self) -> str:
        return f"{self.place} – action {self.action_id}"
