from django.apps import AppConfig


class PacksConfig(AppConfig):
    """The agenda pack and the minutes PDF, built from the record. Built PDFs are kept in the
    documents store, keyed by what went into them; `PackBuild` rows follow builds under way."""

    name = "cspboard.packs"
    label = "packs"
    verbose_name = "Agenda packs"

    def ready(self):
        # Imported here: models and the receivers that name them load only once the app
        # registry is ready.
        from django.db.models.signals import post_save

        from cspboard.documents.models import Document
        from cspboard.meetings import signals as record

        from . import signals

        post_save.connect(
            signals.on_document_saved, sender=Document, dispatch_uid="packs_convert_paper"
        )

        record.agenda_published.connect(signals.on_agenda_published, dispatch_uid="packs_freeze")
        record.items_withheld.connect(signals.on_items_withheld, dispatch_uid="packs_withdraw")
        record.minutes_published.connect(
            signals.on_minutes_published, dispatch_uid="packs_minutes_freeze"
        )
