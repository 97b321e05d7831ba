from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "cspboard.meetings"
    label = "meetings"

    def ready(self):
        # The pack contributions' system check (packs.E001) registers on import.
        from . import contributions  # noqa: F401
