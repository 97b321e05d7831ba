from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    """Performance data: police.uk street crimes and the Met's recorded-crime counts, by area."""

    name = "cspboard.performance"
    label = "performance"
    verbose_name = "Performance"

    def ready(self) -> None:
        # Imported here: models and the receivers that name them load only once the app
        # registry is ready.
        from cspboard.meetings.signals import agenda_published

        from .receivers import agenda_published as publish_report

        # Connected before the packs app's receivers (INSTALLED_APPS lists performance first),
        # so the month's commentary is published before a pack is made from it.
        agenda_published.connect(publish_report, dispatch_uid="performance_agenda_published")

        from django.db.models.signals import post_delete, post_save

        from cspboard.boards.models import Board

        from . import models, receivers

        board_models = [
            models.Indicator,
            models.Measurement,
            models.RatingOverride,
            models.Commentary,
            models.ReportPublication,
            models.ReportSnapshot,
        ]
        shared_models = [
            models.Area,
            models.AreaLsoa,
            models.Population,
            models.StreetCrime,
            models.CrimeCount,
        ]
        for signal in (post_save, post_delete):
            for model in board_models:
                signal.connect(receivers.board_data_changed, sender=model)
            for model in shared_models:
                signal.connect(receivers.shared_data_changed, sender=model)
            signal.connect(receivers.board_changed, sender=Board)
