from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "cspboard.boards"
    label = "boards"
