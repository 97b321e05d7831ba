"""`cspboard agenda-pack`, the name the documentation gives; `agenda_pack` is the same."""

from .agenda_pack import Command  # noqa: F401
