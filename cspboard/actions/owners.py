"""Resolving the owners minutes name ("JH", "Steve Calder", "Jeta", "Cllr Ghani", "the police")
to people in the register. Pure functions over plain objects: no ORM here (`selectors.py` turns
people into `CandidatePerson`s).

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
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from .extraction import GROUP_HEADS, HONORIFICS

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

# Forms of one first name. Two names are variants when they share a group; "Chris" is in two
# groups, so it matches Christopher and Christine, which do not match each other.
_NAME_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "steve steven stephen stevie",
        "jon jonathan jonathon jonny",
        "dan daniel danny",
        "dave david",
        "mike michael mick",
        "matt matthew mathew",
        "tom thomas tommy",
        "nick nicholas nicolas",
        "andy andrew",
        "tony anthony",
        "rob robert bob bobby robbie",
        "will william bill billy",
        "jim james jimmy jamie",
        "pete peter",
        "ben benjamin",
        "sam samuel",
        "sam samantha",
        "alex alexander",
        "alex alexandra",
        "chris christopher",
        "chris christine christina",
        "joe joseph",
        "jo joanne joanna",
        "ed edward eddie",
        "greg gregory",
        "tim timothy",
        "phil philip phillip",
        "rich richard rick",
        "ken kenneth",
        "liz elizabeth beth lizzie",
        "kate katherine catherine kathryn katie cathy kathy katharine",
        "jen jenny jennie jennifer",
        "sue susan suzanne",
        "angie angela",
        "becky rebecca",
        "debbie deborah debra",
        "vicky vikki victoria",
        "maggie margaret",
        "jackie jacqueline",
        "jess jessica",
        "abi abigail abby",
        "ali alison allison",
        "val valerie",
        "fran frances francesca",
    )
)


@dataclasses.dataclass(frozen=True)
class CandidatePerson:
    """Someone an owner may be: a person in the register with the forms the minutes use."""

    pk: int
    name: str
    aliases: tuple[tuple[str, str], ...] = ()  # (alias, kind): kind initials|spelling|short|formal
    honorific: str = ""


@dataclasses.dataclass(frozen=True)
class OwnerMatch:
    written: str
    status: str  # resolved | ambiguous | unknown | organisation | group
    person_id: int | None = None
    candidates: tuple[int, ...] = ()
    via: str = ""  # how the match was made, for the officer checking it


def normalise_name(text: str) -> str:
    """Lower case, accents, apostrophes and punctuation gone, hyphens as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’`]", "", text.casefold())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_SUFFIXES = frozenset("mbe obe cbe qpm kpm".split())


def _bare(text: str) -> str:
    """A name without titles, post-nominals, a bracketed aside or a leading "the"."""
    text = re.sub(r"\([^)]*\)", " ", text)
    tokens = normalise_name(text).split()
    while tokens and (tokens[0] in HONORIFICS or tokens[0] == "the"):
        tokens = tokens[1:]
    while tokens and tokens[-1] in _SUFFIXES:
        tokens = tokens[:-1]
    return " ".join(tokens)


def _title(text: str) -> str:
    """The title written before a name: "Cllr", "Councillor" -> "cllr"."""
    first = normalise_name(text).split()[:1]
    if not first or first[0] not in HONORIFICS:
        return ""
    return {"councillor": "cllr", "cll": "cllr", "superintendent": "supt"}.get(first[0], first[0])


def first_names_match(a: str, b: str) -> bool:
    if a == b:
        return True
    return any(a in group and b in group for group in _NAME_GROUPS)


def _within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1


def _is_initials(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,5}", text.strip(" .")))


def initials_of(name: str) -> str:
    """ "Hazel North-Stephens" -> "HNS"; titles left out."""
    words = re.split(r"[\s-]+", re.sub(r"\([^)]*\)", " ", name).strip())
    while words and normalise_name(words[0]) in HONORIFICS:
        words = words[1:]
    return "".join(w[0] for w in words if w and w[0].isalpha()).upper()


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


def _canonical(bare: str) -> str:
    """A name with its first name replaced by the group's first form, for comparing."""
    tokens = bare.split()
    if not tokens:
        return bare
    for group in _NAME_GROUPS:
        if tokens[0] in group:
            tokens[0] = sorted(group)[0]
            break
    return " ".join(tokens)


@dataclasses.dataclass
class _Entry:
    person: CandidatePerson
    forms: set[str]  # the name and every alias, bare
    initials_aliases: set[str]
    first: str
    last: str
    title: str


class _Register:
    def __init__(self, people: Iterable[CandidatePerson]):
        self.entries: list[_Entry] = []
        for person in people:
            bare = _bare(person.name)
            tokens = bare.split()
            forms = {bare}
            initials_aliases = set()
            for alias, kind in person.aliases:
                if kind == "initials" or _is_initials(alias):
                    initials_aliases.add(alias.strip(" .").upper())
                else:
                    forms.add(_bare(alias))
            forms.discard("")
            self.entries.append(
                _Entry(
                    person=person,
                    forms=forms,
                    initials_aliases=initials_aliases,
                    first=tokens[0] if tokens else "",
                    last=tokens[-1] if tokens else "",
                    title=_title(person.honorific) if person.honorific else "",
                )
            )

    @staticmethod
    def _ids(entries: Iterable[_Entry]) -> tuple[int, ...]:
        return tuple(sorted({e.person.pk for e in entries}))

    def by_name(self, written: str) -> tuple[tuple[int, ...], str]:
        """People a written name can be, and how they were found; () when none."""
        bare = _bare(written)
        if not bare:
            return (), ""
        tokens = bare.split()
        steps = [
            ("name", lambda e: bare in e.forms),
            (
                "first name (or a form of it) and surname",
                lambda e: (
                    len(tokens) >= 2
                    and any(
                        len(f.split()) >= 2
                        and f.split()[-1] == tokens[-1]
                        and first_names_match(f.split()[0], tokens[0])
                        for f in e.forms
                    )
                ),
            ),
            (
                "first name or surname alone",
                lambda e: (
                    len(tokens) == 1
                    and (
                        e.last == tokens[0]
                        or any(first_names_match(f.split()[0], tokens[0]) for f in e.forms)
                    )
                ),
            ),
            (
                "similar spelling",
                lambda e: (
                    len(bare) >= 8
                    and any(len(f) >= 8 and _within_one_edit(f, bare) for f in e.forms)
                ),
            ),
        ]
        for via, test in steps:
            found = [e for e in self.entries if test(e)]
            if not found:
                continue
            ids = self._ids(found)
            if len(ids) > 1 and _title(written):
                titled = [e for e in found if e.title == _title(written)]
                if len(self._ids(titled)) == 1:
                    return self._ids(titled), f"{via} and title"
            return ids, via
        return (), ""

    def by_initials(self, initials: str) -> tuple[tuple[int, ...], str]:
        found = [e for e in self.entries if initials in e.initials_aliases]
        if found:
            return self._ids(found), "initials recorded for them"
        return (), ""

    def by_computed_initials(self, initials: str) -> tuple[tuple[int, ...], str]:
        found = [e for e in self.entries if initials_of(e.person.name) == initials]
        if found:
            return self._ids(found), "initials of their name"
        return (), ""


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
