"""The actions minutes propose, with their owners resolved: what `cspboard actions extract`
prints, and what saving minutes will offer the officer to create."""

import dataclasses
import datetime
from collections.abc import Iterable, Sequence

from .extraction import ProposedAction, extract_actions
from .owners import CandidatePerson, OwnerMatch, initials_defined, resolve_owners


@dataclasses.dataclass(frozen=True)
class Proposal:
    action: ProposedAction
    owners: tuple[OwnerMatch, ...]


def propose_actions(
    text: str,
    *,
    matcher=None,
    people: Sequence[CandidatePerson] = (),
    organisations: Iterable[str] = (),
    meeting_date: datetime.date | None = None,
) -> list[Proposal]:
    """Every action in the minutes `text`, its owners resolved with the initials the minutes
    themselves define: by `matcher` (`owner_matching.OwnerMatcher`, as saving minutes and the
    command line do), or, with no matcher, against `people` alone."""
    initials = initials_defined(text)
    organisations = list(organisations)

    def owners(written: Sequence[str]) -> tuple[OwnerMatch, ...]:
        if matcher is not None:
            return tuple(matcher.match(written, initials=initials))
        return tuple(
            resolve_owners(written, people=people, initials=initials, organisations=organisations)
        )

    return [
        Proposal(action=action, owners=owners(action.owners_written))
        for action in extract_actions(text, meeting_date=meeting_date)
    ]


def proposal_as_json(proposal: Proposal, *, names: dict[int, str]) -> dict:
    """A proposal as plain JSON-able data; `names` gives each candidate's name by id."""

    def person(pk: int) -> dict:
        return {"id": pk, "name": names.get(pk, "")}

    action = proposal.action
    return {
        "text": action.text,
        "owners": [
            {
                "written": match.written,
                "person": person(match.person_id) if match.person_id is not None else None,
                "status": match.status,
                "candidates": [person(pk) for pk in match.candidates],
                "via": match.via,
            }
            for match in proposal.owners
        ],
        "due": action.due.isoformat() if action.due else None,
        "due_text": action.due_text,
        "kind": action.kind,
        "number": action.number,
        "numbers": list(action.numbers),
        "status_text": action.status_text,
        "fingerprint": action.fingerprint,
        "source_line": action.source_line,
    }
