from django.apps import AppConfig


class ActionsConfig(AppConfig):
    """The action log: actions named in minutes, their owners, updates, reminders and imports."""

    name = "cspboard.actions"
    label = "actions"
    verbose_name = "Actions"

    def ready(self):
        # Imported here, not at the top: models may be imported only once the app registry is
        # ready, and these modules import models.
        from cspboard.meetings import contributions, signals
        from cspboard.meetings.models import AgendaItem

        from .pack import ACTION_LOG
        from .selectors import outstanding_actions_as_at
        from .services import proposals_refresh

        # The meeting page shows the log as at the meeting under its action-log item.
        contributions.register_action_log(outstanding_actions_as_at)
        # The pack carries the log as at its meeting under its action-log item.
        contributions.register_pack_section(ACTION_LOG)

        def on_item_minutes_saved(sender, *, item, **kwargs):
            # Each ACTION line becomes a proposal for the officer to confirm (once per line).
            proposals_refresh(item=item)

        signals.item_minutes_saved.connect(
            on_item_minutes_saved, sender=AgendaItem, dispatch_uid="actions_propose", weak=False
        )
