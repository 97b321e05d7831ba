"""Matching a name as written ("JH", "Steve Calder", "Cllr Ghani", "Jeta") to people in the
register: the one matcher that the minutes' action owners, the action log's Lead column, the
command line and a meeting's guests all use. Pure functions over plain `CandidatePerson`s: no ORM
here (`people.selectors.candidates` makes them from people and their aliases).

`match_person(written, people)` gives the people a name can be and how they were found, in this
order: the full name or any alias (case, punctuation and titles such as "Cllr", "Supt", "Dr"
ignored); initials recorded as an alias, then the initials of people's names; a first-name
variant ("Steve"/"Steven"/"Stephen") with the same surname; a first name or a surname alone when
it names one candidate only; a spelling one letter out. Two or more people found by a step are
all returned: nothing is guessed.
"""

import dataclasses
import re
import unicodedata
from collections.abc import Iterable

HONORIFICS = frozenset(
    """cllr councillor cll supt superintendent chief det detective ds dci dc insp inspector
    sgt sergeant pc dr mr mrs ms miss mx prof professor sir dame rev spt int""".split()
)

# How a match was made, for matches strong enough to act on without asking (a guest's name).
BY_NAME = "name"
BY_NAME_FORM = "first name (or a form of it) and surname"

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
            (BY_NAME, lambda e: bare in e.forms),
            (
                BY_NAME_FORM,
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
        for via, test in steps:  # BY_NAME and BY_NAME_FORM first
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


def match_person(written: str, people: Iterable[CandidatePerson]) -> tuple[tuple[int, ...], str]:
    """The ids of the people `written` can be, and how they were found; ((), "") for none.
    Initials ("JH") are matched by the initials recorded for people, then their names' initials.
    """
    register = _Register(people)
    core = re.sub(r"\s*\([^)]*\)\s*", " ", written).strip()
    if _is_initials(core):
        key = core.strip(" .")
        found = register.by_initials(key)
        return found if found[0] else register.by_computed_initials(key)
    return register.by_name(core)
