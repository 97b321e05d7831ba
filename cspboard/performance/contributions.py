"""What the hotspots map shows on top of the police.uk crimes, from the apps above performance.

A registry filled by the apps above it in their AppConfig.ready (places: the board's places of
concern), so that performance draws the map without importing them. A provider takes the board
and the viewer's `Access` and returns the layer the viewer may see, fetched through its own
app's selectors under its own access rule, or None. With nothing registered the map shows the
crimes alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cspboard.boards.access import Access
    from cspboard.boards.models import Board


@dataclass(frozen=True)
class MapMarker:
    """One point on the map, listed in the table beside it too."""

    name: str
    url: str
    latitude: float
    longitude: float
    kind: str = ""
    detail: str = ""


@dataclass(frozen=True)
class HotspotOverlay:
    """A layer of points drawn over the crimes, and listed in a table of its own."""

    key: str  # a short name for the layer, unique on the page
    title: str  # its heading and the table's caption
    markers: list[MapMarker]


HotspotOverlayProvider = Callable[..., "HotspotOverlay | None"]

_overlays: list[HotspotOverlayProvider] = []


def register_hotspot_overlay(provider: HotspotOverlayProvider) -> None:
    """`provider(board, *, access)`: a layer over the board's hotspots map, or None."""
    if provider not in _overlays:
        _overlays.append(provider)


def hotspot_overlays(board: Board, *, access: Access) -> list[HotspotOverlay]:
    found = (provider(board, access=access) for provider in _overlays)
    return [overlay for overlay in found if overlay is not None]
