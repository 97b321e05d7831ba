from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    """Performance data: police.uk street crimes and the Met's recorded-crime counts, by area."""

    name = "cspboard.performance"
    label = "performance"
    verbose_name = "Performance"
