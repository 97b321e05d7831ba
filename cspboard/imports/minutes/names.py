"""People's names as minutes write them, and the posts and bodies written beside them.

Minutes list people as "Jonathon Toy (JT), Director of Community Safety, LBBD", "Cllr Worby
(Chair)", "Supt. Jane Scotchbrook", "Rita Giles MBE"; these helpers tell a name from a post or
an organisation without knowing who anyone is (matching to people happens when the draft is
written). Pure functions over short strings: every input is cut to a bounded length first.
"""

from __future__ import annotations

import html
import re

MAX_PIECE = 300  # longer than any name with its post and organisation

_TAG = re.compile(r"<[^<>]{0,200}>")
_MARKS = re.compile(r"\*\*|__")


MAX_LINE = 20_000  # of a line, read at all: a longer "line" is a file without line breaks


def plain(text: str) -> str:
    """A line without HTML tags, Markdown emphasis or entities, its spaces collapsed."""
    text = _TAG.sub(" ", text[:MAX_LINE])
    text = _MARKS.sub("", html.unescape(text))
    return " ".join(text.split())


# Titles written before a name, kept as part of it ("Cllr Worby", "Chief Supt Stuart Bell").
# Longest first, so "Chief Superintendent" wins over "Chief".
_HONORIFICS = sorted(
    """Cllr Councillor Cllrs Mr Mrs Ms Miss Mx Dr Doctor Prof Professor Rev Revd Reverend Sir Dame
    Lord Lady Baroness Baron Mayor Alderman Supt Superintendent Spt.Int Spt Int Insp Inspector
    Sgt Sergeant PC PCSO DC DS DI DCI DSupt Det Detective Chief Ch Assistant Commander Deputy
    Commissioner""".split(),
    key=len,
    reverse=True,
)
_HONORIFIC_WORDS = frozenset(h.casefold() for h in _HONORIFICS)
# Of those, the ones that are a title on their own ("Cllr Worby"), not only part of one
# ("Chief" in "Chief Executive" is a post).
_TITLE_ALONE = frozenset(
    """cllr councillor mr mrs ms miss mx dr doctor prof professor rev revd reverend sir dame lord
    lady baroness supt superintendent spt.int insp inspector sgt sergeant pc pcso dc ds di dci
    dsupt det detective""".split()
)
POST_NOMINALS = frozenset("MBE OBE CBE KBE DBE QPM JP DL BEM KC QC MP CB".split())

# Words that start a post rather than continue a name: "Jonathan Toy Director of Enforcement".
ROLE_WORDS = frozenset(
    """director head manager officer lead leader chair chairman chairperson vice executive
    coordinator co-ordinator advisor adviser assistant principal senior team service services
    partnership cabinet member portfolio holder commissioner consultant specialist analyst
    administrator secretary clerk governance support strategic operational operations
    programme project policy community safety designated borough area representative rep
    interim acting deputy superintendent inspector commander chief ceo coo cfo mayor
    safeguarding business public health trustee volunteer nurse doctor constable sergeant
    councillor editor founder champion worker practitioner navigator therapist ambassador
    superintendant inspector agent""".split()
)
# Words that mark an organisation: "Metropolitan Police Service", "Be First Ltd".
ORG_WORDS = frozenset(
    """council police service services nhs trust brigade probation borough authority agency
    department office ltd limited plc cic group board partnership association forum
    foundation charity university college school schools hospital icb ccg crc cvs
    commission committee network housing fire met mopac victim support youth zone centre center
    project projects collective hub society institute alliance church""".split()
)

# Words of an item's title or a heading, never of a name: "Domestic Abuse Update" after a
# list of people is the next item, not another person. (Names such as Young, Grant or Hope
# are left out on purpose.)
NOT_NAME_WORDS = frozenset(
    """update updates report reports plan plans strategy review minutes welcome introductions
    introduction apologies declarations declaration meeting business performance violence
    action actions log agenda item items presentation summary overview budget funding
    programme forward assessment matters arising date next any other questions close closed
    notes risk register terms reference data priorities delivery approval standing crime
    abuse domestic knife anti social behaviour serious hate children adults women girls
    against strategic needs annual quarterly monthly financial reducing reoffending drugs
    alcohol misuse exploitation fund stop search charter workshop summit the this that these
    our their with within from into onto about noted agreed""".split()
)
_INITIALS = re.compile(r"^[A-Z][A-Za-z]?[A-Z]{1,3}$")  # JT, AB, HNS
_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "da", "di", "la", "le", "du", "bin", "al"}
)


def _is_name_token(token: str) -> bool:
    """ "Anne", "D'urso", "McDonald", "Salvador-Jones", "R.": not "LBBD", "JT" or "of"."""
    token = token.rstrip(",;:")
    if not token or not token[0].isupper():
        return False
    bare = token.rstrip(".")
    if len(bare) == 1:
        return bare.isalpha()
    parts = re.split(r"['’\-]", bare)
    return all(p.isalpha() for p in parts) and any(ch.islower() for ch in bare)


def split_honorific(name: str) -> tuple[str, str]:
    """("Chief Supt", "Stuart Bell") from "Chief Supt Stuart Bell"."""
    tokens = name.split()
    count = 0
    while count < len(tokens) - 1 and tokens[count].rstrip(".").casefold() in _HONORIFIC_WORDS:
        count += 1
    # "Chief Executive", "Borough Commander" are posts, not a title before a name, unless a
    # real title is among them ("Chief Supt").
    head = [t.rstrip(".").casefold() for t in tokens[:count]]
    if count and not any(t in _TITLE_ALONE for t in head):
        return "", name
    return " ".join(tokens[:count]), " ".join(tokens[count:])


def is_initials(text: str) -> bool:
    return bool(_INITIALS.match(text.strip()))


def initials_fit(name: str, initials: str) -> bool:
    """Whether "JT" can be Jonathon Toy's initials ("HNS" Hazel North-Stephens's, "MW" Cllr
    Worby's), so that "Anne Smith (LBBD)" is read as her body, not her initials."""
    _title, bare = split_honorific(name)
    letters = [t[0] for t in re.split(r"[\s-]+", bare) if t[:1].isupper()]
    initials = initials.upper()
    if not letters or len(initials) < 2:
        return False
    if len(letters) == 1:  # a surname alone: "Cllr Worby (MW)"
        return initials[-1] == letters[0]
    return initials[0] == letters[0] and initials[-1] in letters[1:]


def is_acronym(text: str) -> bool:
    text = text.strip().strip("()")
    return 2 <= len(text) <= 10 and text.replace("&", "").replace("-", "").isupper()


def _caps_surname(token: str) -> bool:
    parts = re.split(r"['’\-]", token.rstrip(",;:"))
    return (
        len(token) >= 3
        and all(p.isalpha() and p.isupper() for p in parts)
        and token.casefold() not in ORG_WORDS
    )


def _name_tokens_ok(tokens: list[str]) -> bool:
    if not tokens or len(tokens) > 5:
        return False
    if len(tokens) == 2 and _is_name_token(tokens[0]) and _caps_surname(tokens[1]):
        return True  # "Anne SMITH", as police and some councils write names
    seen_name = 0
    for token in tokens:
        bare = token.rstrip(",;:")
        if bare in POST_NOMINALS:
            continue
        if bare.casefold() in _PARTICLES:
            continue
        if not _is_name_token(bare):
            return False
        seen_name += 1
    return seen_name >= 1


def looks_like_person(text: str) -> bool:
    """ "Anne Bristow", "Cllr Worby", "R. Zacky", "Angela D'urso", "Rita Giles MBE": a name,
    with or without a title; not a post ("Director of Community Safety") or a body ("LBBD",
    "Metropolitan Police Service")."""
    text = text.strip()
    if not text or len(text) > 80 or any(ch.isdigit() for ch in text):
        return False
    title, rest = split_honorific(text)
    tokens = rest.split()
    if not _name_tokens_ok(tokens):
        return False
    words = {t.rstrip(".,").casefold() for t in tokens}
    if words & NOT_NAME_WORDS or (words & (ORG_WORDS | ROLE_WORDS) and not title):
        return False
    if not title and len([t for t in tokens if t not in POST_NOMINALS]) < 2:
        return False  # a lone word ("Barnardos", "Chair") is not taken for a person
    if is_acronym(rest) and not title:
        return False
    return True


def has_role_word(text: str) -> bool:
    return any(w.strip("(),.").casefold() in ROLE_WORDS for w in text.split())


def looks_like_org(text: str) -> bool:
    text = text.strip()
    if is_acronym(text):
        return True
    words = {w.strip("(),.").casefold() for w in text.split()}
    return bool(words & ORG_WORDS) and not bool(words & ROLE_WORDS - ORG_WORDS)


def cut_name(text: str) -> tuple[str, str]:
    """A name run on into its post ("Jonathan Toy Director of Enforcement") as (name, post).
    The name keeps its title and post-nominals; the post is "" when there is none."""
    text = text.strip()
    title, rest = split_honorific(text)
    tokens = rest.split()
    for index in range(2, min(len(tokens), 6)):
        if tokens[index].rstrip(",;:").casefold() not in ROLE_WORDS:
            continue
        words = {t.rstrip(".,").casefold() for t in tokens[:index]}
        if _name_tokens_ok(tokens[:index]) and not words & (ORG_WORDS | ROLE_WORDS):
            name = " ".join(filter(None, [title, " ".join(tokens[:index])]))
            return name, " ".join(tokens[index:])
        break
    return text, ""
