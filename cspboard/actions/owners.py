"""Resolving the owners minutes name ("JH", "Steve Calder", "Jeta", "Cllr Ghani", "the police")
to people in the register. Pure functions over plain objects: no ORM here
(`owner_matching.py` turns people into `CandidatePerson`s).

A written owner is matched, in this order, by: the full name or any alias (case, punctuation
and titles such as "Cllr", "Supt", "Dr" ignored); for initials, first the initials the minutes
define ("Jonathon Toy (JT)"), then initials recorded as an alias, then a known organisation's
acronym, then the initials of people's names; a first-name variant ("Steve"/"Steven"/"Stephen")
with the same surname; first and last names with a middle name or initial left out; a first
name or a surname alone when it names one candidate only; a spelling one letter out. Whenever a
step finds two or more people the owner is "ambiguous" and lists them all: nothing is guessed.
"""

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence

from cspboard.people.names import (  # noqa: F401 (the matcher's names, used here and by callers)
    HONORIFICS,
    CandidatePerson,
    _bare,
    _canonical,
    _is_initials,
    _Register,
    _title,
    first_names_match,
    initials_of,
    normalise_name,
)

from .owner_phrases import GROUP_HEADS

RESOLVED = "resolved"
AMBIGUOUS = "ambiguous"
UNKNOWN = "unknown"
ORGANISATION = "organisation"
GROUP = "group"

# Bodies minutes often name as owners. Extended by the register's organisations when given.
ORGANISATION_WORDS = frozenset(
    """police met mps council lbbd probation nps crc yos yjs nelft lfb cab cvs mopac nhs icb
    dwp las vru refuge""".split()
)
# Owners that stand for many people rather than one body.
GROUP_WORDS = frozenset(
    """members partners agencies chairs leads attendees everyone all colleagues representatives
    commissioners officers""".split()
)


@dataclasses.dataclass(frozen=True)
class OwnerMatch:
    written: str
    status: str  # resolved | ambiguous | unknown | organisation | group
    person_id: int | None = None
    candidates: tuple[int, ...] = ()
    via: str = ""  # how the match was made, for the officer checking it


_DEFINITION = re.compile(
    r"(?P<name>(?:[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?\s+){0,4}[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?)"
    r"\s*\((?P<initials>[A-Z]{2,5})\)"
)


def initials_defined(text: str) -> dict[str, str]:
    """Initials the minutes define: "Jonathon Toy (JT)" -> {"JT": "Jonathon Toy"}.

    Only when the initials are those of the words just before the bracket. Initials defined
    for two different people in the same minutes are left out, so they are never guessed."""
    plain = re.sub(r"<[^>]+>", " ", text).replace("**", " ")
    found: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for match in _DEFINITION.finditer(plain):
        initials = match.group("initials")
        words = match.group("name").split()
        for count in range(1, len(words) + 1):
            candidate = " ".join(words[-count:])
            if initials_of(candidate) == initials:
                bare = _bare(candidate)
                if not bare:
                    break
                key = _canonical(bare)
                found.setdefault(initials, set()).add(key)
                names.setdefault(initials, " ".join(w for w in candidate.split()))
                break
    return {i: names[i] for i, keys in found.items() if len(keys) == 1}


def _body_kind(written: str, organisations: set[str]) -> str | None:
    """ORGANISATION or GROUP when the owner is a body or many people, else None."""
    bare = _bare(written)
    if not bare:
        return None
    if bare in organisations:
        return ORGANISATION
    tokens = bare.split()
    words = set(tokens)
    if tokens[-1] in GROUP_WORDS or tokens[0] == "all":
        return GROUP
    if words & ORGANISATION_WORDS or tokens[-1] in GROUP_HEADS:
        return ORGANISATION
    return None


def _match(status: str, written: str, ids: Sequence[int] = (), via: str = "") -> OwnerMatch:
    if status == RESOLVED:
        return OwnerMatch(written, RESOLVED, ids[0], tuple(ids), via)
    return OwnerMatch(written, status, None, tuple(ids), via)


def _decide(written: str, ids: tuple[int, ...], via: str) -> OwnerMatch | None:
    if len(ids) == 1:
        return _match(RESOLVED, written, ids, via)
    if len(ids) > 1:
        return _match(AMBIGUOUS, written, ids, via)
    return None


def resolve_owners(
    owners_written: Iterable[str],
    *,
    people: Iterable[CandidatePerson],
    initials: Mapping[str, str] | None = None,
    organisations: Iterable[str] = (),
) -> list[OwnerMatch]:
    """One `OwnerMatch` per owner as written, in order.

    `people` are the candidates (a meeting's attendance and its board's members, or the whole
    register); `initials` those the minutes define (`initials_defined`); `organisations` the
    names and short names of bodies in the register, so that "MPS" or "Refuge" is recognised."""
    register = _Register(people)
    initials = dict(initials or {})
    known_bodies = {_bare(o) for o in organisations if _bare(o)}
    matches = []
    for written in owners_written:
        written = written.strip()
        core = re.sub(r"\s*\([^)]*\)\s*", " ", written).strip()
        match: OwnerMatch | None = None
        if _is_initials(core):
            key = core.strip(" .")
            if key in initials:
                ids, via = register.by_name(initials[key])
                match = _decide(written, ids, f"initials defined in the minutes ({initials[key]})")
            if match is None:
                match = _decide(written, *register.by_initials(key))
            if match is None and _body_kind(core, known_bodies):
                match = _match(_body_kind(core, known_bodies), written)
            if match is None:
                match = _decide(written, *register.by_computed_initials(key))
        else:
            match = _decide(written, *register.by_name(core))
            if match is None and _body_kind(core, known_bodies):
                match = _match(_body_kind(core, known_bodies), written)
        matches.append(match or _match(UNKNOWN, written))
    return matches
