"""The partnership's plans: a plan (CSP Plan, VRU Violence Reduction Action Plan, Serious
Violence Duty strategy, an inspection response) of a board or subgroup, in versions (one a
year, as the annual refresh makes them), each with its priorities, objectives and actions, and
each action's dated progress updates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cspboard.meetings.choices import WITHHELD_MARKINGS
from cspboard.meetings.permissions import marking_visible_q, plan_version_visible_q
from cspboard.meetings.withholding import Withholdable

from .choices import OPEN_ACTION_STATUSES, PlanActionStatus, PlanKind, VersionStatus


class PlanQuerySet(models.QuerySet):
    def visible_to(self, access) -> PlanQuerySet:
        """Plans with at least one version the viewer may read (the plans rule in
        cspboard.meetings.permissions)."""
        versions = PlanVersion.objects.filter(
            plan_version_visible_q(access, "plan__board_id")
        ).values("plan_id")
        return self.filter(pk__in=versions)


class Plan(models.Model):
    """A plan of a board or subgroup (its owner), known by its title across its versions."""

    board = models.ForeignKey("boards.Board", on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=30, choices=PlanKind.choices, default=PlanKind.OTHER)
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["board_id", "title"]
        constraints = [
            models.UniqueConstraint(fields=["board", "slug"], name="plan_slug_once_per_board")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.board.slug, self.slug])


class PlanVersionQuerySet(models.QuerySet):
    def visible_to(self, access) -> PlanVersionQuerySet:
        """Published and superseded versions for everyone; drafts for the board's officers and
        members (cspboard.meetings.permissions.plan_version_visible_q)."""
        return self.filter(plan_version_visible_q(access, "plan__board_id"))


class PlanVersion(models.Model):
    """One period of a plan ("2023/24"): a draft until published, superseded when the next
    year's version is published, and readable at its own address for good."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    label = models.CharField(max_length=40, help_text='The period, as the plan names it: "2023/24"')
    slug = models.SlugField(max_length=40)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refreshed_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["plan_id", "-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="plan_version_slug_once"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="published"),
                name="plan_one_published_version",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="plan_version_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.label}"

    def get_absolute_url(self) -> str:
        return reverse(
            "plans:version_detail", args=[self.plan.board.slug, self.plan.slug, self.slug]
        )

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Priority(models.Model):
    """One of a version's priorities ("Violence against women and girls"), in its order."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="priorities")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["version_id", "position", "pk"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title


class Objective(models.Model):
    """An objective under a priority, where the plan breaks its priorities down."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["priority_id", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class PlanActionQuerySet(models.QuerySet):
    def visible_to(self, access) -> PlanActionQuerySet:
        """Actions of versions the viewer may read, not withheld unless they see the board's
        withheld material (the plans rule and the withheld rule)."""
        board = "version__plan__board_id"
        return self.filter(
            plan_version_visible_q(access, board, "version__status")
            & marking_visible_q(access, board)
        )


class PlanAction(Withholdable):
    """An action of a plan version: what is to be done, by which lead organisation with which
    supporting ones, by when, how it stands, and what measures it (indicators), where (places)
    and which actions on the board's log carry it."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="actions")
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    position = models.PositiveIntegerField(default=0)
    reference = models.CharField(
        max_length=20, blank=True, help_text='As the plan numbers it: "M1"'
    )
    description = models.TextField()
    mandated = models.BooleanField(
        default=False, help_text="A mandated action of the VRU's Violence Reduction Action Plan"
    )
    lead_organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_actions_led",
    )
    supporting_organisations = models.ManyToManyField(
        "people.Organisation", blank=True, related_name="plan_actions_supported"
    )
    lead_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_actions_led",
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=PlanActionStatus.choices, default=PlanActionStatus.NOT_STARTED
    )
    rag_override = models.CharField(
        max_length=1, blank=True, help_text="R, A or G where the plan's owner rated it by hand"
    )
    indicators = models.ManyToManyField(
        "performance.Indicator", blank=True, related_name="plan_actions"
    )
    places = models.ManyToManyField("places.Place", blank=True, related_name="plan_actions")
    action_items = models.ManyToManyField(
        "actions.ActionItem", blank=True, related_name="plan_actions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = PlanActionQuerySet.as_manager()

    class Meta:
        ordering = ["version_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "reference"],
                condition=~Q(reference=""),
                name="plan_action_reference_once_per_version",
            ),
            models.CheckConstraint(
                condition=Q(schedule_12a_paragraph__isnull=True)
                | Q(schedule_12a_paragraph__gte=1, schedule_12a_paragraph__lte=7),
                name="plan_action_schedule_12a_paragraph_1_to_7",
            ),
            models.CheckConstraint(
                condition=~Q(security_marking__in=WITHHELD_MARKINGS)
                | Q(schedule_12a_paragraph__isnull=False),
                name="plan_action_withheld_marking_needs_paragraph",
            ),
            models.CheckConstraint(
                condition=Q(rag_override__in=["", "R", "A", "G"]),
                name="plan_action_rag_override_r_a_g",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.description[:60]}".strip()

    def get_absolute_url(self) -> str:
        version = self.version
        return reverse(
            "plans:action_detail",
            args=[version.plan.board.slug, version.plan.slug, version.slug, self.pk],
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES


class PlanActionUpdate(models.Model):
    """A dated progress update on a plan action, and its status that day: kept as its history,
    so a progress report as at a date reads the updates made by then."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(help_text="The day the progress is reported as at")
    status = models.CharField(max_length=20, choices=PlanActionStatus.choices)
    text = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action_id", "-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.on:%Y-%m-%d}"
