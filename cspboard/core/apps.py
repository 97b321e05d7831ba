from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class CoreConfig(AppConfig):
    default = True  # of the two configurations here
    name = "cspboard.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Cache invalidation only: no rule of the record lives in a signal.
        from .cache import on_record_change

        post_save.connect(on_record_change, dispatch_uid="cspboard-record-save")
        post_delete.connect(on_record_change, dispatch_uid="cspboard-record-delete")
        m2m_changed.connect(on_record_change, dispatch_uid="cspboard-record-m2m")
