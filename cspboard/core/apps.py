from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


def create_cache_table(sender, using="default", verbosity=1, **kwargs) -> None:
    """After `migrate`: the table of CACHES' DatabaseCache, if one is configured (nothing
    otherwise; an existing table is left alone)."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=max(0, verbosity - 1))


class CoreConfig(AppConfig):
    default = True  # of the two configurations here
    name = "cspboard.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from .cache import forget_generations, on_record_change

        # Cache invalidation only: no rule of the record lives in a signal.
        post_save.connect(on_record_change, dispatch_uid="cspboard-record-save")
        post_delete.connect(on_record_change, dispatch_uid="cspboard-record-delete")
        m2m_changed.connect(on_record_change, dispatch_uid="cspboard-record-m2m")
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="cspboard-cache-table")
        # The counters a request read serve that request only.
        request_started.connect(forget_generations, dispatch_uid="cspboard-forget-generations")
        request_finished.connect(forget_generations, dispatch_uid="cspboard-forget-after")
