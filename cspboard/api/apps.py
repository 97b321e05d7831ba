from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only open-data API under /api/v1/ (`api.py`), with its Open Civic Data events."""

    name = "cspboard.api"
    label = "api"
    verbose_name = "Open-data API"
