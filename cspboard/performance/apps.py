from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    """Performance data: police.uk street crimes and the Met's recorded-crime counts, by area."""

    name = "cspboard.performance"
    label = "performance"
    verbose_name = "Performance"

    def ready(self) -> None:
        from cspboard.meetings.signals import agenda_published

        from .receivers import agenda_published as publish_report

        # Connected before the packs app's receivers (INSTALLED_APPS lists performance first),
        # so the month's commentary is published before a pack is made from it.
        agenda_published.connect(publish_report, dispatch_uid="performance_agenda_published")
