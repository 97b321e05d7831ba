"""What the board's page and the person's page show of the record above boards.

Registries in boards, filled by the apps above it in their AppConfig.ready (meetings: the board's
meetings and attendance record, the person's meetings and attendance), so that boards draws
those pages without importing them. With nothing registered the pages show neither.

A provider returns one `Section`: the template to include where the page draws its sections, and
what that template reads (`section.data`). It fetches through its own app's selectors, taking
the viewer and applying that app's access rule (`cspboard.meetings.permissions`), so a page shows
nobody more than the rule allows. The board page's body is kept in the cache once for each
audience (signed in or not, officer of the board or not): a board section must draw the same for
everyone in one audience.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cspboard.people.models import Person

    from .models import Board, Membership


@dataclass(frozen=True)
class Section:
    """One part of a page, drawn by the app that registered it."""

    template: str  # included with `section` in its context
    data: Any  # what the template reads, as `section.data`


@dataclass(frozen=True)
class Alternate:
    """A feed of the board's page, advertised in its head as `<link rel="alternate">`."""

    title: str
    href: str
    content_type: str  # "application/rss+xml", "application/atom+xml"


BoardSectionProvider = Callable[..., Section]
BoardAlternatesProvider = Callable[["Board"], list[Alternate]]
PersonSectionProvider = Callable[..., Section]

_board_sections: list[BoardSectionProvider] = []
_person_sections: list[PersonSectionProvider] = []
_board_alternates: list[BoardAlternatesProvider] = []


def register_board_section(provider: BoardSectionProvider) -> None:
    """`provider(board, memberships, *, user, today)`: a section of the board's page, after its
    subgroups. `memberships` are all of the board's, with their people and organisations."""
    if provider not in _board_sections:
        _board_sections.append(provider)


def board_sections(
    board: Board, memberships: list[Membership], *, user, today: datetime.date
) -> list[Section]:
    return [provider(board, memberships, user=user, today=today) for provider in _board_sections]


def register_person_section(provider: PersonSectionProvider) -> None:
    """`provider(person, *, user, today)`: a section of the person's page, after their roles."""
    if provider not in _person_sections:
        _person_sections.append(provider)


def person_sections(person: Person, *, user, today: datetime.date) -> list[Section]:
    return [provider(person, user=user, today=today) for provider in _person_sections]


def register_board_alternates(provider: BoardAlternatesProvider) -> None:
    """`provider(board)`: feeds of the board (the same for every reader), linked from the
    head of its page."""
    if provider not in _board_alternates:
        _board_alternates.append(provider)


def board_alternates(board: Board) -> list[Alternate]:
    return [link for provider in _board_alternates for link in provider(board)]
