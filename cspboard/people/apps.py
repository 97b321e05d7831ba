from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "cspboard.people"
    label = "people"
