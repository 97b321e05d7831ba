"""Resolving owners as written to people, on plain objects (no database)."""

import pytest

from cspboard.actions.owners import (
    AMBIGUOUS,
    GROUP,
    ORGANISATION,
    RESOLVED,
    UNKNOWN,
    CandidatePerson,
    initials_defined,
    resolve_owners,
)

JETA = CandidatePerson(
    1, "Ilirjeta Buzoku", aliases=(("Jeta", "short"), ("Jeta Buzoku", "spelling"))
)
STEVE_CALDER = CandidatePerson(2, "Steve Calder")
JONATHON_TOY = CandidatePerson(3, "Jonathon Toy")
JADE_HODGSON = CandidatePerson(4, "Jade Hodgson")
JOHN_HALL = CandidatePerson(5, "John Hall")
GHANI = CandidatePerson(6, "Syed Ghani", honorific="Cllr")
MAUREEN_WORBY = CandidatePerson(7, "Maureen Worby", honorific="Cllr")
DIANE_WORBY = CandidatePerson(8, "Diane Worby")
STUART_BELL = CandidatePerson(9, "Stuart Bell")
ALISON_STUART = CandidatePerson(10, "Alison Stuart")
CLARE = CandidatePerson(11, "Clare Brutton")
JANE = CandidatePerson(12, "Jane Scotchbrook", honorific="Detective Superintendent")
LAILA = CandidatePerson(13, "Laila M. Butt", honorific="Cllr")
ANGELA = CandidatePerson(14, "Angela D'Urso")

PEOPLE = [
    JETA,
    STEVE_CALDER,
    JONATHON_TOY,
    JADE_HODGSON,
    GHANI,
    MAUREEN_WORBY,
    DIANE_WORBY,
    STUART_BELL,
    ALISON_STUART,
    CLARE,
    JANE,
    LAILA,
    ANGELA,
]


def resolve(written, people=PEOPLE, **kwargs):
    (match,) = resolve_owners([written], people=people, **kwargs)
    return match


@pytest.mark.parametrize(
    ("written", "person"),
    [
        ("Jeta", JETA),  # a short alias
        ("Jeta Buzoku", JETA),  # a spelling alias
        ("Ilirjeta Buzoku", JETA),
        ("ilirjeta  BUZOKU.", JETA),  # case and punctuation
        ("Ilijeta Buzoku", JETA),  # one letter out, as the 2023 pack spells it
        ("Steven Calder", STEVE_CALDER),  # a first-name variant
        ("Stephen Calder", STEVE_CALDER),
        ("Cllr Ghani", GHANI),  # title and surname
        ("Councillor Syed Ghani", GHANI),
        ("Supt. Jane Scotchbrook", JANE),
        ("Spt.Int. Jane Scotchbrook", JANE),
        ("Cllr Laila Butt", LAILA),  # middle initial left out
        ("Angela d'Urso", ANGELA),
        ("Clare", CLARE),  # a first name naming one candidate
        ("Jonathon Toy (JT)", JONATHON_TOY),
    ],
)
def test_resolved(written, person):
    match = resolve(written)
    assert match.status == RESOLVED, match
    assert match.person_id == person.pk
    assert match.written == written
    assert match.via


def test_initials_defined_in_the_minutes():
    minutes = "<p>Jonathon Toy (JT) advised the first meeting was held.</p>"
    match = resolve("JT", initials=initials_defined(minutes))
    assert (match.status, match.person_id) == (RESOLVED, JONATHON_TOY.pk)
    assert "defined in the minutes" in match.via


def test_two_people_with_the_same_initials_are_asked_about():
    match = resolve("JH", people=[JADE_HODGSON, JOHN_HALL, JETA])
    assert match.status == AMBIGUOUS
    assert match.person_id is None
    assert match.candidates == (JADE_HODGSON.pk, JOHN_HALL.pk)


def test_initials_the_minutes_define_settle_it():
    initials = initials_defined("It was agreed that Jade Hodgson (JH) will be notified.")
    match = resolve("JH", people=[JADE_HODGSON, JOHN_HALL], initials=initials)
    assert (match.status, match.person_id) == (RESOLVED, JADE_HODGSON.pk)


def test_initials_recorded_as_an_alias_come_before_name_initials():
    jade = CandidatePerson(4, "Jade Hodgson", aliases=(("JH", "initials"),))
    match = resolve("JH", people=[jade, JOHN_HALL])
    assert (match.status, match.person_id) == (RESOLVED, jade.pk)


def test_two_aliases_with_the_same_initials_are_ambiguous():
    jade = CandidatePerson(4, "Jade Hodgson", aliases=(("JH", "initials"),))
    john = CandidatePerson(5, "John Hall", aliases=(("JH", "initials"),))
    assert resolve("JH", people=[jade, john]).candidates == (4, 5)


@pytest.mark.parametrize(
    ("written", "candidates"),
    [
        ("Councillor Worby", (MAUREEN_WORBY.pk,)),  # the title picks the councillor
        ("Worby", (MAUREEN_WORBY.pk, DIANE_WORBY.pk)),
        ("Stuart", (STUART_BELL.pk, ALISON_STUART.pk)),  # a first name and a surname
    ],
)
def test_surnames_and_first_names_shared(written, candidates):
    match = resolve(written)
    assert match.candidates == candidates
    assert match.status == (RESOLVED if len(candidates) == 1 else AMBIGUOUS)


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("the police", ORGANISATION),
        ("MET", ORGANISATION),
        ("The collective", ORGANISATION),
        ("YOS management board", ORGANISATION),
        ("Refuge", ORGANISATION),
        ("Partners", GROUP),
        ("Members", GROUP),
        ("All CSP members", GROUP),
        ("all partners", GROUP),
        ("CSP Board Chairs", GROUP),
        ("Restorative Justice", UNKNOWN),
        ("Yasir", UNKNOWN),
        ("XY", UNKNOWN),
    ],
)
def test_bodies_groups_and_unknowns(written, status):
    match = resolve(written)
    assert match.status == status
    assert match.person_id is None


def test_organisations_from_the_register():
    match = resolve("Victim Support", organisations=["Victim Support", "MPS"])
    assert match.status == ORGANISATION


def test_order_is_kept():
    matches = resolve_owners(
        ["JT", "Steven Calder"], people=PEOPLE, initials={"JT": "Jonathon Toy"}
    )
    assert [m.person_id for m in matches] == [JONATHON_TOY.pk, STEVE_CALDER.pk]


def test_initials_defined():
    text = (
        "Jonathon Toy (JT) agreed. Michael Fajobi (MF) presented. 0 (SN) pointed out. "
        "Hazel North-Stephens (HNS) opened. Crime and Disorder Strategic Assessment (CDSA). "
        "Steve Thompson (ST) confirmed. Stephen Thompson (ST) again."
    )
    assert initials_defined(text) == {
        "JT": "Jonathon Toy",
        "MF": "Michael Fajobi",
        "HNS": "Hazel North-Stephens",
        "ST": "Steve Thompson",
    }


def test_initials_defined_for_two_people_are_left_out():
    text = "Jade Hodgson (JH) and later John Hall (JH)."
    assert "JH" not in initials_defined(text)
