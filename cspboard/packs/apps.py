from django.apps import AppConfig


class PacksConfig(AppConfig):
    """The agenda pack: one PDF per meeting, public or members', built from the record (no
    models: built packs are kept in the documents store, keyed by what went into them)."""

    name = "cspboard.packs"
    label = "packs"
    verbose_name = "Agenda packs"
