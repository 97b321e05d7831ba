"""Every change to the funded services record: streams, awards, their amounts and measures, and
the quarterly returns (asked for, submitted by the provider's link, reviewed by the officer).

Keyword-only and atomic; views, the demo loader and the scheduled reminders call these alike.
Forms check input and who may act; these check the record's own rules and raise
`ValidationError` (by field) or `NotAllowed` with a message fit to show.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cspboard.core.cache import bump_board_generation
from cspboard.core.exceptions import NotAllowed
from cspboard.meetings.choices import SecurityMarking
from cspboard.reports import deadlines

from . import notifications
from .choices import (
    RETURN_DUE_WORKING_DAYS,
    AwardStatus,
    MeasureKind,
    ReturnNoticeKind,
    ReturnStatus,
    StreamKind,
)
from .models import (
    Award,
    AwardAmount,
    FundingStream,
    Measure,
    QuarterlyReturn,
    ReturnFigure,
    quarter_dates,
)

AWARD_FIELDS = (
    "stream",
    "provider",
    "service_name",
    "description",
    "commissioning_lead",
    "commissioning_lead_text",
    "starts_on",
    "ends_on",
    "status",
    "contact_name",
    "contact_email",
    "security_marking",
    "schedule_12a_paragraph",
)


def _shown(board_id: int) -> None:
    """Retire the board's cached pages and packs (core.cache): its page links to its funded
    services, and its packs carry the funding summary. (Funding's own pages are never cached.)"""
    bump_board_generation(board_id)


def _check_award(award: Award) -> None:
    errors = {}
    if award.starts_on and award.ends_on and award.ends_on < award.starts_on:
        errors["ends_on"] = "The end date must be on or after the start date."
    withheld = award.security_marking in (SecurityMarking.PROTECTED, SecurityMarking.RESTRICTED)
    if withheld and award.schedule_12a_paragraph is None:
        errors["schedule_12a_paragraph"] = (
            "Choose the Schedule 12A paragraph that allows a restricted award to be withheld."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def funding_stream_create(
    *,
    board,
    name: str,
    short_name: str = "",
    funder: str = "",
    kind: str = StreamKind.CORE_FUND,
    description: str = "",
    by=None,
) -> FundingStream:
    name = name.strip()
    if FundingStream.objects.filter(board=board, name__iexact=name).exists():
        raise ValidationError({"name": "The board already has a funding stream of that name."})
    stream = FundingStream.objects.create(
        board=board,
        name=name,
        short_name=short_name.strip(),
        funder=funder.strip(),
        kind=kind,
        description=description,
    )
    _shown(board.pk)
    return stream


@transaction.atomic
def award_create(
    *,
    stream: FundingStream,
    provider,
    service_name: str,
    description: str = "",
    commissioning_lead=None,
    commissioning_lead_text: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    status: str = AwardStatus.PROPOSED,
    contact_name: str = "",
    contact_email: str = "",
    security_marking: str = SecurityMarking.UNRESTRICTED,
    schedule_12a_paragraph: int | None = None,
    by=None,
) -> Award:
    award = Award(
        stream=stream,
        provider=provider,
        service_name=service_name.strip(),
        description=description,
        commissioning_lead=commissioning_lead,
        commissioning_lead_text=commissioning_lead_text.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        security_marking=security_marking,
        schedule_12a_paragraph=schedule_12a_paragraph,
    )
    _check_award(award)
    award.save()
    _shown(stream.board_id)
    return award


@transaction.atomic
def award_update(*, award: Award, by=None, **changes) -> Award:
    """Change the award's details (any of AWARD_FIELDS)."""
    unknown = set(changes) - set(AWARD_FIELDS)
    if unknown:
        raise TypeError(f"award_update() cannot change {', '.join(sorted(unknown))}")
    stream = changes.get("stream")
    if stream is not None and stream.board_id != award.stream.board_id:
        raise ValidationError({"stream": "Choose one of this board's funding streams."})
    for name, value in changes.items():
        setattr(award, name, value.strip() if isinstance(value, str) else value)
    _check_award(award)
    award.save(update_fields=[*changes, "updated_at"])
    _shown(award.stream.board_id)
    return award


@transaction.atomic
def award_amount_set(*, award: Award, financial_year: int, amount: Decimal, by=None) -> AwardAmount:
    """What the award pays in a financial year (replacing that year's amount)."""
    if amount < 0:
        raise ValidationError({"amount": "The amount cannot be negative."})
    row, _ = AwardAmount.objects.update_or_create(
        award=award, financial_year=financial_year, defaults={"amount": amount}
    )
    _shown(award.stream.board_id)
    return row


@transaction.atomic
def measure_add(
    *,
    award: Award,
    name: str,
    kind: str = MeasureKind.OUTPUT,
    unit: str = "",
    annual_target: Decimal | None = None,
    quarterly_target: Decimal | None = None,
    by=None,
) -> Measure:
    errors = {}
    for field, value in (("annual_target", annual_target), ("quarterly_target", quarterly_target)):
        if value is not None and value < 0:
            errors[field] = "A target cannot be negative."
    if errors:
        raise ValidationError(errors)
    position = award.measures.count() + 1
    _shown(award.stream.board_id)
    return Measure.objects.create(
        award=award,
        kind=kind,
        name=name.strip(),
        unit=unit.strip(),
        annual_target=annual_target,
        quarterly_target=quarterly_target,
        position=position,
    )


def default_due_on(financial_year: int, quarter: int) -> datetime.date:
    """RETURN_DUE_WORKING_DAYS working days after the quarter ends."""
    _, end = quarter_dates(financial_year, quarter)
    return deadlines.working_days_after(end, RETURN_DUE_WORKING_DAYS)


@transaction.atomic
def return_request(
    *,
    award: Award,
    financial_year: int,
    quarter: int,
    due_on: datetime.date | None = None,
    today: datetime.date | None = None,
    by=None,
) -> QuarterlyReturn:
    """Ask the provider for a quarter's return by `due_on` (by default RETURN_DUE_WORKING_DAYS
    working days after the quarter ends, or the next working day when that has passed); e-mail
    them a signed link when the award has a contact address."""
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": "Choose a quarter from 1 to 4."})
    if award.status == AwardStatus.PROPOSED:
        raise NotAllowed("Returns are asked for once the award is made, not while proposed.")
    if QuarterlyReturn.objects.filter(
        award=award, financial_year=financial_year, quarter=quarter
    ).exists():
        raise ValidationError({"quarter": "That quarter's return has already been asked for."})
    today = today or timezone.localdate()
    if due_on is None:
        due_on = max(default_due_on(financial_year, quarter), deadlines.next_working_day(today))
    quarterly_return = QuarterlyReturn.objects.create(
        award=award,
        financial_year=financial_year,
        quarter=quarter,
        due_on=due_on,
        requested_at=timezone.now(),
    )
    notifications.send(quarterly_return, ReturnNoticeKind.REQUESTED)
    return quarterly_return


def _figure(value, label: str, errors: dict, field: str) -> Decimal | None:
    if value is None or value == "":
        errors[field] = f"Enter {label}."
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        errors[field] = f"Enter {label} as a number, like 12 or 12.5."
        return None
    if not number.is_finite() or number < 0:
        errors[field] = f"Enter {label} as a number of 0 or more."
        return None
    if abs(number) >= Decimal("1e10"):
        errors[field] = f"{label[0].upper()}{label[1:]} is too large."
        return None
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def return_submit(
    *,
    quarterly_return: QuarterlyReturn,
    figures: dict[int, object],
    spend,
    progress: str,
    challenges: str = "",
    case_study: str = "",
    submitted_by: str = "",
) -> QuarterlyReturn:
    """The provider's return, through their link (no account): a figure for every measure of
    the award, the quarter's spend, and their progress. Refused unless the return is open."""
    locked = QuarterlyReturn.objects.select_for_update().get(pk=quarterly_return.pk)
    if not locked.is_open:
        raise NotAllowed("This return has already been sent.")
    errors: dict[str, str] = {}
    measures = list(locked.award.measures.all())
    values = {}
    for measure in measures:
        values[measure.pk] = _figure(
            figures.get(measure.pk), f"the figure for “{measure.name}”", errors, f"m{measure.pk}"
        )
    spent = _figure(spend, "the quarter's spend", errors, "spend")
    if not progress.strip():
        errors["progress"] = "Say what the service did this quarter."
    if errors:
        raise ValidationError(errors)
    ReturnFigure.objects.filter(quarterly_return=locked).delete()
    ReturnFigure.objects.bulk_create(
        ReturnFigure(quarterly_return=locked, measure_id=pk, value=value)
        for pk, value in values.items()
    )
    locked.spend = spent
    locked.progress = progress.strip()
    locked.challenges = challenges.strip()
    locked.case_study = case_study.strip()
    locked.submitted_by = submitted_by.strip()
    locked.submitted_at = timezone.now()
    locked.status = ReturnStatus.SUBMITTED
    locked.save(
        update_fields=[
            "spend",
            "progress",
            "challenges",
            "case_study",
            "submitted_by",
            "submitted_at",
            "status",
        ]
    )
    return locked


@transaction.atomic
def return_review(
    *, quarterly_return: QuarterlyReturn, accept: bool, comment: str = "", by
) -> QuarterlyReturn:
    """The officer accepts a submitted return, or sends it back with a comment, which opens
    the provider's link again and tells them what to change."""
    locked = (
        QuarterlyReturn.objects.select_for_update()
        .select_related("award", "award__stream", "award__stream__board")
        .get(pk=quarterly_return.pk)
    )
    if locked.status != ReturnStatus.SUBMITTED:
        raise NotAllowed("Only a submitted return can be reviewed.")
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationError({"comment": "Say what the provider needs to change."})
    locked.status = ReturnStatus.ACCEPTED if accept else ReturnStatus.RETURNED
    locked.review_comment = comment
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at"])
    if accept:
        _shown(locked.award.stream.board_id)  # the funding summary counts accepted returns
    if not accept:
        notifications.send(locked, ReturnNoticeKind.RETURNED, extra=locked.reviewed_at.isoformat())
    return locked
