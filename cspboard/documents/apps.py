from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "cspboard.documents"
    label = "documents"
