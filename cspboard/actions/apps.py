from django.apps import AppConfig


class ActionsConfig(AppConfig):
    """Actions named in minutes: finding them, resolving their owners (no models yet)."""

    name = "cspboard.actions"
    label = "actions"
    verbose_name = "Actions"
