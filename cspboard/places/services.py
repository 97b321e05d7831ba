"""The one write path for places of concern: places, what was found at them, and the actions
that answer it. Keyword-only and atomic; views, the demo loader and any command call these."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from cspboard.actions.models import ActionItem
from cspboard.boards.models import Board
from cspboard.core.cache import bump_board_generation
from cspboard.core.exceptions import NotAllowed
from cspboard.meetings.choices import WITHHELD_MARKINGS, SecurityMarking
from cspboard.people.models import Organisation
from cspboard.performance.models import Area

from .choices import FindingSource, PlaceKind
from .models import Place, PlaceAction, PlaceFinding

SLUG_LENGTH = 80
RESERVED_SLUGS = {"add"}  # the place list's own pages


def _as_user(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def _check_marking(marking: str, paragraph: int | None, what: str) -> None:
    if marking not in SecurityMarking.values:
        raise ValidationError({"security_marking": "Choose a security marking from the list."})
    if paragraph is not None and not 1 <= paragraph <= 7:
        raise ValidationError(
            {"schedule_12a_paragraph": "Schedule 12A paragraph must be a number from 1 to 7."}
        )
    if marking in WITHHELD_MARKINGS and paragraph is None:
        raise ValidationError(
            {
                "schedule_12a_paragraph": f"A {marking} {what} needs the Schedule 12A paragraph "
                "that allows it to be withheld."
            }
        )


def _coordinate(value, name: str, label: str, limit: int) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ValidationError({name: f"Enter the {label} as a number, like 51.539."}) from None
    if not -limit <= number <= limit:
        raise ValidationError({name: f"The {label} must be between -{limit} and {limit}."})
    return number


def check_point(latitude, longitude) -> tuple[Decimal | None, Decimal | None]:
    """Both coordinates or neither, each on the earth; returned as stored (6 places)."""
    lat = _coordinate(latitude, "latitude", "latitude", 90)
    lon = _coordinate(longitude, "longitude", "longitude", 180)
    if lat is None and lon is not None:
        raise ValidationError(
            {"latitude": "Enter the latitude as well as the longitude, or neither."}
        )
    if lon is None and lat is not None:
        raise ValidationError(
            {"longitude": "Enter the longitude as well as the latitude, or neither."}
        )
    return lat, lon


def _check_area(board: Board, area: Area | None) -> None:
    if area is None:
        return
    allowed = {board.pk, board.parent_id, None}
    if area.board_id not in allowed:
        raise ValidationError({"area": "Choose one of this board's areas."})


def _unique_slug(board: Board, wanted: str, name: str, exclude: int | None = None) -> str:
    taken = Place.objects.filter(board=board).exclude(pk=exclude)
    if wanted:
        slug = slugify(wanted)[:SLUG_LENGTH]
        if not slug:
            raise ValidationError({"slug": "Enter a short name of letters, numbers and hyphens."})
        if slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{slug}” is kept for the site's own pages."})
        if taken.filter(slug=slug).exists():
            raise ValidationError({"slug": f"This board already has a place at “{slug}”."})
        return slug
    base = slugify(name)[: SLUG_LENGTH - 4] or "place"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def place_create(
    *,
    board: Board,
    name: str,
    slug: str = "",
    kind: str = PlaceKind.OTHER,
    description: str = "",
    latitude=None,
    longitude=None,
    area: Area | None = None,
    security_marking: str = SecurityMarking.UNRESTRICTED,
    schedule_12a_paragraph: int | None = None,
    by=None,
) -> Place:
    """A new place of concern on the board. The slug is made from the name unless given."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter the place's name."})
    if kind not in PlaceKind.values:
        raise ValidationError({"kind": "Choose what sort of place it is."})
    lat, lon = check_point(latitude, longitude)
    _check_area(board, area)
    _check_marking(security_marking, schedule_12a_paragraph, "place")
    place = Place(
        board=board,
        name=name,
        slug=_unique_slug(board, slug.strip(), name),
        kind=kind,
        description=description.strip(),
        latitude=lat,
        longitude=lon,
        area=area,
        security_marking=security_marking,
        schedule_12a_paragraph=schedule_12a_paragraph,
    )
    place._history_user = _as_user(by)
    place.save()
    bump_board_generation(board.pk)
    return place


PLACE_FIELDS = (
    "name",
    "slug",
    "kind",
    "description",
    "latitude",
    "longitude",
    "area",
    "security_marking",
    "schedule_12a_paragraph",
)


@transaction.atomic
def place_update(*, place: Place, by=None, **changes) -> Place:
    """Change a place's name, slug, kind, description, point, area or marking (only those
    given)."""
    unknown = set(changes) - set(PLACE_FIELDS)
    if unknown:
        raise TypeError(f"place_update() got unexpected fields: {', '.join(sorted(unknown))}")
    place = Place.objects.select_for_update().get(pk=place.pk)
    values = {field: getattr(place, field) for field in PLACE_FIELDS}
    values.update(changes)
    name = (values["name"] or "").strip()
    if not name:
        raise ValidationError({"name": "Enter the place's name."})
    if values["kind"] not in PlaceKind.values:
        raise ValidationError({"kind": "Choose what sort of place it is."})
    lat, lon = check_point(values["latitude"], values["longitude"])
    _check_area(place.board, values["area"])
    _check_marking(values["security_marking"], values["schedule_12a_paragraph"], "place")
    slug = (values["slug"] or "").strip()
    if slug != place.slug:
        slug = _unique_slug(place.board, slug, name, exclude=place.pk)
    place.name = name
    place.slug = slug
    place.kind = values["kind"]
    place.description = (values["description"] or "").strip()
    place.latitude, place.longitude = lat, lon
    place.area = values["area"]
    place.security_marking = values["security_marking"]
    place.schedule_12a_paragraph = values["schedule_12a_paragraph"]
    place._history_user = _as_user(by)
    place.save(update_fields=[*PLACE_FIELDS, "updated_at"])
    bump_board_generation(place.board_id)
    return place


def _check_finding(
    *, source: str, found_on, organisation: Organisation | None, reported_by: str, text: str
) -> None:
    if source not in FindingSource.values:
        raise ValidationError({"source": "Choose how it was found."})
    if not isinstance(found_on, datetime.date):
        raise ValidationError({"found_on": "Enter the date it was found."})
    if found_on > timezone.localdate():
        raise ValidationError({"found_on": "The date it was found must be today or in the past."})
    if not text.strip():
        raise ValidationError({"text": "Enter what was found."})
    if organisation is None and not reported_by.strip():
        raise ValidationError(
            {"reported_by": "Choose the organisation that reported it, or say who did."}
        )


@transaction.atomic
def finding_add(
    *,
    place: Place,
    source: str,
    found_on: datetime.date,
    text: str,
    reported_by_organisation: Organisation | None = None,
    reported_by: str = "",
    security_marking: str = SecurityMarking.UNRESTRICTED,
    schedule_12a_paragraph: int | None = None,
    by=None,
) -> PlaceFinding:
    """Record what was found at a place. Partner intelligence may be withheld (a PROTECTED or
    RESTRICTED marking with its Schedule 12A paragraph)."""
    _check_finding(
        source=source,
        found_on=found_on,
        organisation=reported_by_organisation,
        reported_by=reported_by,
        text=text,
    )
    _check_marking(security_marking, schedule_12a_paragraph, "finding")
    finding = PlaceFinding(
        place=place,
        source=source,
        found_on=found_on,
        text=text.strip(),
        reported_by_organisation=reported_by_organisation,
        reported_by=reported_by.strip(),
        security_marking=security_marking,
        schedule_12a_paragraph=schedule_12a_paragraph,
    )
    finding._history_user = _as_user(by)
    finding.save()
    bump_board_generation(place.board_id)
    return finding


FINDING_FIELDS = (
    "source",
    "found_on",
    "text",
    "reported_by_organisation",
    "reported_by",
    "security_marking",
    "schedule_12a_paragraph",
)


@transaction.atomic
def finding_update(*, finding: PlaceFinding, by=None, **changes) -> PlaceFinding:
    """Correct what a finding says (only the fields given)."""
    unknown = set(changes) - set(FINDING_FIELDS)
    if unknown:
        raise TypeError(f"finding_update() got unexpected fields: {', '.join(sorted(unknown))}")
    finding = PlaceFinding.objects.select_related("place").select_for_update().get(pk=finding.pk)
    values = {field: getattr(finding, field) for field in FINDING_FIELDS}
    values.update(changes)
    _check_finding(
        source=values["source"],
        found_on=values["found_on"],
        organisation=values["reported_by_organisation"],
        reported_by=values["reported_by"] or "",
        text=values["text"] or "",
    )
    _check_marking(values["security_marking"], values["schedule_12a_paragraph"], "finding")
    for field, value in values.items():
        setattr(finding, field, value.strip() if isinstance(value, str) else value)
    finding._history_user = _as_user(by)
    finding.save(update_fields=[*FINDING_FIELDS, "updated_at"])
    bump_board_generation(finding.place.board_id)
    return finding


def _check_action_board(place: Place, action: ActionItem) -> None:
    boards = Board.objects.filter(Q(pk=place.board_id) | Q(parent_id=place.board_id))
    if not boards.filter(pk=action.board_id).exists():
        raise ValidationError(
            {"action": "Choose an action on this board's log (or one of its subgroups')."}
        )


@transaction.atomic
def place_action_link(*, place: Place, action: ActionItem, by=None) -> PlaceAction:
    """Link an action on the board's log (or a subgroup's) to the place it answers."""
    _check_action_board(place, action)
    if PlaceAction.objects.filter(place=place, action=action).exists():
        raise NotAllowed(f"Action {action.number} is already linked to {place.name}.")
    link = PlaceAction(place=place, action=action)
    link._history_user = _as_user(by)
    link.save()
    bump_board_generation(place.board_id)
    return link


@transaction.atomic
def place_action_unlink(*, place: Place, action: ActionItem, by=None) -> None:
    """Remove the link (the action itself stays on the log)."""
    link = PlaceAction.objects.filter(place=place, action=action).first()
    if link is None:
        raise NotAllowed(f"Action {action.number} is not linked to {place.name}.")
    link._history_user = _as_user(by)
    link.delete()
    bump_board_generation(place.board_id)
