"""Who an action's text names to act, as written: "JT and TB to compile ...", "Agreed that the
police would meet ...", a Lead cell "Jonathon Toy/ Dan James". Nothing is resolved here
(`owners.py` matches the names to people). Pure: no database, no Django."""

import re

from cspboard.people.names import HONORIFICS

# The last word of a phrase naming a group or a body rather than a person.
GROUP_HEADS = frozenset(
    """members partners agencies board boards chairs leads team teams group groups subgroup
    subgroups sub-group sub-groups service services police council collective panel officers
    commissioners representatives reps attendees everyone all colleagues organisations
    partnership unit directorate department secretariat office executive committee forum trust
    network""".split()
)

# Words that open an instruction ("Review and transform ...", "Take out reference to ..."):
# a sentence opening with one names no owner.
IMPERATIVES = frozenset(
    """add agree amend arrange ask book bring check circulate clarify close collate compile
    complete confirm consider contact continue create defer deliver develop discuss distribute
    draft email ensure escalate explore feed feedback find follow identify include invite
    liaise link look make map meet monitor note organise plan prepare present produce provide
    put raise re-circulate recirculate refer remove report request review revise schedule seek
    send set share speak submit take update write""".split()
)

_PARTICLES = frozenset("de da van von le la al bin del di du st".split())
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,2}['’][A-Z][\w'’-]*)$")
_INITIALS = re.compile(r"^[A-Z]{2,5}$")

# Between an owner and what they are to do: "JH to update", "All CSP members need to sign",
# "the police would meet", "Matthew Cole will chair".
_LINK = re.compile(
    r"\s(?:needs?\s+to|are\s+to|is\s+to|(?:has|have)\s+agreed\s+to|agreed\s+to|will|would|should"
    r"|shall|must|to)\s+(?P<next>[\w'’-]+)",
    re.I,
)
_AGREED_THAT = re.compile(r"^(?:it\s+was\s+)?agreed\s+(?:that\s+)?", re.I)
_ABBREVIATIONS = re.compile(
    r"\b(?:Supt|Insp|Det|Cllr|Dr|Mr|Mrs|Ms|St|No|e\.g|i\.e|etc|approx|Spt|Int)\.$", re.I
)


def _sentences(text: str) -> list[str]:
    parts: list[str] = []
    current = ""
    for piece in re.split(r"(?<=[.!?])\s+", text):
        current = f"{current} {piece}".strip() if current else piece
        if not _ABBREVIATIONS.search(current):
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return parts


def _tokens(phrase: str) -> list[str]:
    return [t for t in re.split(r"\s+", phrase.strip()) if t]


def _is_person_like(phrase: str) -> bool:
    """Initials ("JH", "MET"), or a name ("Clare", "Hazel North-Stephens", "Cllr Laila Butt",
    "Councillor Worby", "Angela d'Urso") of at most four words after any title."""
    tokens = _tokens(phrase)
    if not tokens:
        return False
    if len(tokens) == 1 and _INITIALS.match(tokens[0]):
        return True
    while tokens and tokens[0].strip(".").casefold() in HONORIFICS:
        tokens = tokens[1:]
    if not tokens or len(tokens) > 4:
        return False
    if tokens[0].casefold() in IMPERATIVES:
        return False
    return all(_NAME_TOKEN.match(t) or t.casefold() in _PARTICLES for t in tokens)


def _is_group_like(phrase: str) -> bool:
    """A body or a group: "Partners", "All CSP members", "the police", "YOS management board"."""
    tokens = _tokens(phrase)
    if not tokens or len(tokens) > 5:
        return False
    if tokens[0].casefold() in IMPERATIVES:
        return False
    head = tokens[-1].strip(".,;:'’").casefold()
    return head in GROUP_HEADS


def _owner_items(subject: str) -> tuple[str, ...]:
    """Split "Jane Scotchbrook/Tim Barfoot", "JT and TB", "Dan James, Jonathon Toy and Jade
    Hodgson" into owners; () unless every part names someone. A role before a name ("Cabinet
    member, Cllr Laila Butt") is dropped."""
    subject = re.sub(r"\s*\([A-Z]{2,5}\)", "", subject)  # "Jonathon Toy (JT)" -> "Jonathon Toy"
    subject = subject.strip(" ,;:-–—*")
    if not subject or len(subject) > 90:
        return ()
    parts = [p.strip(" ,;") for p in re.split(r"\s*/\s*|\s*[,;&]\s*|\s+and\s+", subject)]
    parts = [p for p in parts if p]
    if not parts:
        return ()
    valid = [_is_person_like(p) or _is_group_like(p) for p in parts]
    if all(valid):
        return tuple(parts)
    if (
        "/" not in subject
        and " and " not in subject
        and valid[-1]
        and _is_person_like(parts[-1])
        and len(_tokens(parts[-1])) >= 2
        and all(len(_tokens(p)) <= 3 for p in parts[:-1])
    ):
        return (parts[-1],)
    return ()


_COLON_OWNER = re.compile(
    r"^\s*(?:[-–—•·▪‣◦*]\s+)?\(?(?P<subject>[^:\n()]{2,90}?)\)?\s*(?::|\s[-–—])\s+"
    r"(?P<next>[a-z][\w'’-]*)"
)
# After "Owner:", words that do not open an instruction ("Police: the figures ...").
_NOT_AN_OPENING = frozenset(
    """the a an this that these those it its they we he she there all no not to of for and or
    in on at by with was were is are has have had""".split()
)


def owners_before_colon(text: str) -> tuple[str, ...]:
    """ "Michael Osei: circulate the ...", "Sgt Amy Price / Ade Coker: arrange ...", "(JT):
    send ...", "Ann Lee – write to ...": owners written before a colon or a dash, the action
    after it opening in lower case; ()
    for any other text. Every part must name someone (a heading such as "Update: ..." does
    not)."""
    match = _COLON_OWNER.match(text)
    if not match or match.group("next").casefold() in _NOT_AN_OPENING:
        return ()
    subject = re.sub(r"\s*\([A-Z]{2,5}\)", "", match.group("subject")).strip()
    return owner_phrase(subject)


def owner_phrase(phrase: str) -> tuple[str, ...]:
    """The owners a phrase names when every part of it names someone ("Sgt Amy Price / Ade
    Coker", "JT, KL", "All partners"): initials, a name of two words or more, or a group; ()
    otherwise."""
    parts = [p.strip(" ,;") for p in re.split(r"\s*/\s*|\s*[,;&]\s*|\s+and\s+", phrase)]
    parts = [p for p in parts if p]
    if not parts or not all(
        _INITIALS.match(p) or _is_group_like(p) or (_is_person_like(p) and len(_tokens(p)) >= 2)
        for p in parts
    ):
        return ()
    return tuple(parts)


def owners_in(text: str) -> tuple[str, ...]:
    """The owners an action's text names, as written; () when it names nobody (an instruction,
    or a passive "... to be presented to the board")."""
    before_colon = owners_before_colon(text)
    if before_colon:
        return before_colon
    for sentence in _sentences(text):
        sentence = _AGREED_THAT.sub("", sentence.strip())
        match = _LINK.search(sentence)
        if not match or match.group("next").casefold() in ("be", "been"):
            continue
        owners = _owner_items(sentence[: match.start()])
        if owners:
            return owners
    return ()


def names_someone_to_act(text: str) -> bool:
    """ "JS to update Chair ...": opens with initials or a person's full name, then "to". Stricter
    than `owners_in`, for a bold line with no label, which may as well be a heading ("Actions to
    Sustain or improve performance", "One action organisations should take")."""
    match = re.match(r"^(?P<subject>.{2,60}?)\s+to\s+[a-z]", text)
    if not match:
        return False
    owners = _owner_items(match.group("subject"))
    return bool(owners) and all(
        _INITIALS.match(o) or (_is_person_like(o) and len(_tokens(o)) >= 2) for o in owners
    )


def split_owner_cell(text: str) -> tuple[str, ...]:
    """A Lead column's cell: "Jonathon Toy/ Dan James/ Jade Hodgson" -> three owners."""
    parts = re.split(r"\s*/\s*|\s*[,;&]\s*|\s+and\s+|\n", text)
    return tuple(p.strip(" .") for p in parts if p.strip(" ."))
