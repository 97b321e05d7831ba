from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The search of the record: one entry per thing a reader can find (a board, a person, a
    meeting, an item, its minutes, a decision, a paper, an action), kept by signals, matched by
    SQLite FTS5 or PostgreSQL full-text search, and filtered by the record's one access rule."""

    name = "cspboard.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from . import signals

        signals.connect()
