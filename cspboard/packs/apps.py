from django.apps import AppConfig
from django.db.models.signals import post_save


class PacksConfig(AppConfig):
    """The agenda pack and the minutes PDF, built from the record. Built PDFs are kept in the
    documents store, keyed by what went into them; `PackBuild` rows follow builds under way."""

    name = "cspboard.packs"
    label = "packs"
    verbose_name = "Agenda packs"

    def ready(self):
        from cspboard.meetings.models import Meeting

        from . import contributions  # noqa: F401  (registers the providers' system check)
        from .signals import agenda_published

        post_save.connect(agenda_published, sender=Meeting, dispatch_uid="packs_agenda_published")
