from django.apps import AppConfig


class PlacesConfig(AppConfig):
    """Places of concern (from surveys, walkabouts, audits and partner intelligence) and the
    hotspots map."""

    name = "cspboard.places"
    label = "places"
    verbose_name = "Places"

    def ready(self):
        # Imported here: the sections read models, loaded only once the app registry is ready.
        from cspboard.boards.contributions import register_board_section
        from cspboard.performance.contributions import register_hotspot_overlay

        from .board_sections import board_places_section
        from .map_layers import places_overlay

        register_board_section(board_places_section)
        register_hotspot_overlay(places_overlay)
