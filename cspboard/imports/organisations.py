"""Which organisation in the register a document or an answer names, without guessing: its
name or short name written alone ("Thames Valley Police"), or standing as words of their own
within a role ("Representative of the Thames Valley Police"). The register is read once."""

from __future__ import annotations

import re

from cspboard.people.models import Organisation


def words(text: str) -> str:
    text = " ".join(re.sub(r"[^\w&]+", " ", text.casefold()).split())
    return text.removeprefix("the ")


class OrganisationMatcher:
    def __init__(self):
        self._organisations: list[tuple[str, Organisation]] | None = None

    @property
    def organisations(self) -> list[tuple[str, Organisation]]:
        """Each organisation under its name and short name, longest first."""
        if self._organisations is None:
            named = []
            for organisation in Organisation.objects.all():
                for name in (organisation.name, organisation.short_name):
                    if len(words(name)) >= 2:
                        named.append((words(name), organisation))
            self._organisations = sorted(named, key=lambda pair: -len(pair[0]))
        return self._organisations

    def organisation(self, written: str, role: str = "") -> Organisation | None:
        """The organisation `written` names (the whole of it), else one the role names as
        words of its own."""
        if written:
            bare = words(written)
            for name, organisation in self.organisations:
                if name == bare:
                    return organisation
        if role:
            padded = f" {words(role)} "
            for name, organisation in self.organisations:
                if f" {name} " in padded:
                    return organisation
        return None
