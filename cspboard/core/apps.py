from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cspboard.core"
    label = "core"
    verbose_name = "Core"
