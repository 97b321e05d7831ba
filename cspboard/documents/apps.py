from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "cspboard.documents"
    label = "documents"

    def ready(self):
        # Imported here: models load only once the app registry is ready.
        from cspboard.meetings import contributions

        from .contributions import PAPERS_HISTORY, item_papers_prefetch

        # The meeting page lists each item's papers; its history lists their changes.
        contributions.register_item_papers(item_papers_prefetch)
        contributions.register_history(PAPERS_HISTORY)
