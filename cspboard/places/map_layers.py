"""The places of concern on the hotspots map, drawn into the page performance owns through
`cspboard.performance.contributions` (registered in `PlacesConfig.ready`): the board's places
with a point that the viewer may see (`selectors.places_for_map`, the one access rule)."""

from __future__ import annotations

from cspboard.performance.contributions import HotspotOverlay, MapMarker

from .selectors import places_for_map


def places_overlay(board, *, access) -> HotspotOverlay:
    return HotspotOverlay(
        key="places",
        title="Places of concern",
        markers=[
            MapMarker(
                name=place.name,
                url=place.url,
                latitude=place.latitude,
                longitude=place.longitude,
                kind=place.kind,
                detail=place.latest,
            )
            for place in places_for_map(access, board)
        ],
    )
