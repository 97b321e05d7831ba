"""Funded services: the funding streams a board monitors (the London Crime Prevention Fund,
grant programmes), the awards made from them to providers, each award's amounts per financial
year and its output and outcome measures, and the providers' quarterly returns.

Financial years are named by the calendar year they start in (2023 is April 2023 to March
2024); quarter 1 is April to June.

Who sees what is the one rule (cspboard.meetings.permissions): an award may be withheld under
Schedule 12A (a restricted funding decision), and a proposed award is for the board's members
and officers; a return's figures are public once accepted, its narrative is for the board's
members and officers.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cspboard.meetings.choices import WITHHELD_MARKINGS
from cspboard.meetings.permissions import award_visible_q, funding_return_visible_q
from cspboard.meetings.withholding import Withholdable

from .choices import (
    AwardStatus,
    MeasureKind,
    ReturnNoticeKind,
    ReturnStatus,
    StreamKind,
)


def financial_year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def quarter_dates(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a financial year's quarter (1: April to June)."""
    start_month = 4 + 3 * (quarter - 1)
    start_year = year + (start_month - 1) // 12
    start_month = (start_month - 1) % 12 + 1
    start = datetime.date(start_year, start_month, 1)
    end_month = start_month + 3
    end_year = start_year + (end_month - 1) // 12
    end_month = (end_month - 1) % 12 + 1
    end = datetime.date(end_year, end_month, 1) - datetime.timedelta(days=1)
    return start, end


def financial_year_of(day: datetime.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


class FundingStream(models.Model):
    """A source of money the board monitors: "London Crime Prevention Fund" (LCPF), from MOPAC."""

    board = models.ForeignKey(
        "boards.Board", on_delete=models.CASCADE, related_name="funding_streams"
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    funder = models.CharField(max_length=200, blank=True, help_text="MOPAC, the Home Office...")
    kind = models.CharField(max_length=20, choices=StreamKind, default=StreamKind.CORE_FUND)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["board_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="funding_stream_name_per_board")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class AwardQuerySet(models.QuerySet):
    def visible_to(self, access) -> AwardQuerySet:
        """Awards the viewer may see (cspboard.meetings.permissions.award_visible_q)."""
        return self.filter(award_visible_q(access))


class Award(Withholdable):
    """Money from a stream to a provider for a service, over a period: "Detached outreach on
    Ilford Lane", by Box-Up. A restricted funding decision is withheld under Schedule 12A."""

    stream = models.ForeignKey(FundingStream, on_delete=models.PROTECT, related_name="awards")
    provider = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_awards",
        help_text="Blank while the provider is still to be chosen (a grant round being scored).",
    )
    service_name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    commissioning_lead = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commissioned_awards",
    )
    commissioning_lead_text = models.CharField(
        max_length=300, blank=True, help_text="Who commissions it, when not a person we hold."
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=AwardStatus, default=AwardStatus.PROPOSED)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True, help_text="Where requests for returns go.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["stream_id", "service_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(schedule_12a_paragraph__isnull=True)
                | Q(schedule_12a_paragraph__gte=1, schedule_12a_paragraph__lte=7),
                name="award_schedule_12a_paragraph_1_to_7",
            ),
            models.CheckConstraint(
                condition=~Q(security_marking__in=WITHHELD_MARKINGS)
                | Q(schedule_12a_paragraph__isnull=False),
                name="award_withheld_marking_needs_paragraph",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="award_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_name} ({self.provider_name})"

    @property
    def provider_name(self) -> str:
        return self.provider.name if self.provider_id else "Not yet chosen"

    def get_absolute_url(self) -> str:
        return reverse(
            "funding:award_detail", kwargs={"slug": self.stream.board.slug, "pk": self.pk}
        )

    @property
    def board_id(self) -> int:
        return self.stream.board_id

    @property
    def lead(self) -> str:
        if self.commissioning_lead_id:
            return self.commissioning_lead.display_name
        return self.commissioning_lead_text

    @property
    def legal_basis(self) -> str:
        from cspboard.meetings.withholding import legal_basis_text

        return legal_basis_text(self.schedule_12a_paragraph)


class AwardAmount(models.Model):
    """What the award pays in one financial year."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="amounts")
    financial_year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["award_id", "financial_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["award", "financial_year"], name="award_amount_once_per_year"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="award_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"£{self.amount:,} in {self.year_label}"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.financial_year)


class Measure(models.Model):
    """An output or outcome the provider reports each quarter, with a target for the year
    and/or each quarter: "Young people engaged", in people."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(max_length=20, choices=MeasureKind, default=MeasureKind.OUTPUT)
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=60, blank=True)
    annual_target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    quarterly_target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["award_id", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class QuarterlyReturnQuerySet(models.QuerySet):
    def visible_to(self, access) -> QuarterlyReturnQuerySet:
        """Returns whose figures the viewer may see (funding_return_visible_q)."""
        return self.filter(funding_return_visible_q(access))


class QuarterlyReturn(models.Model):
    """The provider's return for one quarter of a financial year: a figure per measure, the
    quarter's spend, and what went well and what did not."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="returns")
    financial_year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ReturnStatus, default=ReturnStatus.REQUESTED)
    requested_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.CharField(max_length=200, blank=True)
    spend = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    progress = models.TextField(blank=True)
    challenges = models.TextField(blank=True)
    case_study = models.TextField(blank=True)
    review_comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = QuarterlyReturnQuerySet.as_manager()

    class Meta:
        ordering = ["award_id", "-financial_year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["award", "financial_year", "quarter"], name="one_return_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="return_quarter_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(spend__isnull=True) | Q(spend__gte=0), name="return_spend_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award.service_name}: {self.period_label} return"

    def get_absolute_url(self) -> str:
        return reverse(
            "funding:return_review",
            kwargs={"slug": self.award.stream.board.slug, "pk": self.pk},
        )

    @property
    def period_label(self) -> str:
        return f"Quarter {self.quarter} {financial_year_label(self.financial_year)}"

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        return quarter_dates(self.financial_year, self.quarter)

    @property
    def is_open(self) -> bool:
        return self.status in (ReturnStatus.REQUESTED, ReturnStatus.RETURNED)


class ReturnFigure(models.Model):
    """The provider's figure for one measure in one quarter."""

    quarterly_return = models.ForeignKey(
        QuarterlyReturn, on_delete=models.CASCADE, related_name="figures"
    )
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="figures")
    value = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["quarterly_return_id", "measure__position", "measure_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["quarterly_return", "measure"], name="one_figure_per_measure_per_return"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value}"


class ReturnNotice(models.Model):
    """One e-mail sent to a provider about a return; the key makes sending it twice
    impossible (a new due date or a new address is a new key)."""

    quarterly_return = models.ForeignKey(
        QuarterlyReturn, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(max_length=20, choices=ReturnNoticeKind)
    key = models.CharField(max_length=300)
    recipients = models.TextField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quarterly_return", "kind", "key"], name="one_return_notice_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.quarterly_return}"
