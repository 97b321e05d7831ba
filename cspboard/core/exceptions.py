"""Errors the services raise for the people using them, each with a message fit to show."""


class EditConflict(Exception):
    """Someone else saved this record since it was opened: the save is refused, nothing lost."""

    def __init__(self, message: str, *, current, current_version: int):
        super().__init__(message)
        self.current = current
        self.current_version = current_version


class RecordInUse(Exception):
    """A record others refer to cannot be deleted; the message names the safe alternative."""


class NotAllowed(Exception):
    """The step is not possible in the record's present state (e.g. publishing a draft twice)."""
