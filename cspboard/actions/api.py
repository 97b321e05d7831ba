"""What other capabilities may use of the action log (the contract in pyproject.toml lists who
may import this module): the pack reads the log as at its meeting, and the board's RAG
settings before it takes its fingerprint. Nothing else of the actions app is public."""

from .selectors import outstanding_actions_as_at
from .services import action_settings_for

__all__ = ["action_settings_for", "outstanding_actions_as_at"]
