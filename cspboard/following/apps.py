from django.apps import AppConfig


class FollowingConfig(AppConfig):
    """Following a board from outside: RSS and Atom feeds of what it published, the sitemap,
    and e-mail alerts to confirmed subscribers (double opt-in, one-click unsubscribe)."""

    name = "cspboard.following"
    label = "following"
    verbose_name = "Following the boards"

    def ready(self):
        # Imported here: the receivers and sections name models, loaded only once the app
        # registry is ready.
        from cspboard.boards import contributions as boards
        from cspboard.meetings import signals as record
        from cspboard.packs import announcements as packs

        from . import receivers
        from .board_sections import board_feeds, board_following_section

        boards.register_board_section(board_following_section)
        boards.register_board_alternates(board_feeds)
        record.agenda_published.connect(receivers.on_agenda_published, dispatch_uid="following")
        record.minutes_published.connect(receivers.on_minutes_published, dispatch_uid="following")
        packs.supplement_published.connect(receivers.on_supplement, dispatch_uid="following")
        packs.agenda_revised.connect(receivers.on_agenda_revised, dispatch_uid="following")
