from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "cspboard.meetings"
    label = "meetings"

    def ready(self):
        from cspboard.boards import contributions as boards

        # The pack contributions' system check (packs.E001) registers on import.
        from . import contributions  # noqa: F401
        from .board_sections import board_meetings_section
        from .person_sections import person_attendance_section

        # The board's page and the person's page (boards') show their meetings and attendance.
        boards.register_board_section(board_meetings_section)
        boards.register_person_section(person_attendance_section)
