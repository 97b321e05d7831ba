from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "cspboard.meetings"
    label = "meetings"
