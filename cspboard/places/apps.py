from django.apps import AppConfig


class PlacesConfig(AppConfig):
    """Places of concern (from surveys, walkabouts, audits and partner intelligence) and the
    hotspots map."""

    name = "cspboard.places"
    label = "places"
    verbose_name = "Places"
