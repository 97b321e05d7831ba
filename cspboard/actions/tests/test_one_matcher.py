"""Owners are matched one way on the web and on the command line, and a guest named at a meeting
is linked to the person in the register."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from cspboard.actions import services
from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.meetings.services import agenda_item_add, attendance_record, meeting_create
from cspboard.people.models import PersonAlias
from cspboard.people.selectors import person_for_name
from cspboard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

MINUTES = (
    "<p>ACTION: Rita Chadha to provide the address.</p>"
    "<p>ACTION: JH to update the log.</p>"
    "<p>ACTION: Jeta to circulate the plan.</p>"
)


@pytest.fixture
def minutes(tmp_path):
    board = BoardFactory(slug="csp")
    meeting = meeting_create(
        board=board, date=datetime.date(2018, 3, 28), start_time=datetime.time(10)
    )
    jade = PersonFactory(name="Jade Hodgson")
    MembershipFactory(board=board, person=jade)  # on the board, not at the meeting
    PersonAlias.objects.create(person=jade, alias="JH", kind="initials")
    rita = PersonFactory(name="Rita Chadha")  # in the register only
    jeta = PersonFactory(name="Jetmira Kola")
    PersonAlias.objects.create(person=jeta, alias="Jeta", kind="short")
    item = agenda_item_add(meeting=meeting, number="1", title="Anything", minutes=MINUTES)
    path = tmp_path / "minutes.html"
    path.write_text(MINUTES)
    return meeting, item, path, {"rita": rita.pk, "jade": jade.pk, "jeta": jeta.pk}


def test_the_web_and_the_command_line_match_owners_alike(minutes):
    _meeting, item, path, ids = minutes
    web = [
        [(o["written"], o["status"], o["person_id"]) for o in p.owners]
        for p in services.proposals_refresh(item=item)
    ]
    out = io.StringIO()
    call_command("actions", "extract", str(path), "--board", "csp", stdout=out)
    command = [
        [(o["written"], o["status"], (o["person"] or {}).get("id")) for o in p["owners"]]
        for p in json.loads(out.getvalue())
    ]
    assert (
        web
        == command
        == [
            [("Rita Chadha", "resolved", ids["rita"])],
            [("JH", "resolved", ids["jade"])],
            [("Jeta", "resolved", ids["jeta"])],
        ]
    )


def test_person_for_name_takes_names_and_aliases_never_guesses():
    tim = PersonFactory(name="Tim Barfoot", honorific="Cllr")
    PersonAlias.objects.create(person=tim, alias="TB", kind="initials")
    steven = PersonFactory(name="Steven Calder")
    PersonFactory(name="Jade Hodgson")
    PersonFactory(name="Jade Hodgson")  # two people of one name
    assert person_for_name("Cllr Tim Barfoot") == tim
    assert person_for_name("tim  barfoot") == tim
    assert person_for_name("Steve Calder") == steven
    assert person_for_name("TB") is None  # initials: a guess for a guest's name
    assert person_for_name("Barfoot") is None  # one name alone
    assert person_for_name("Tim Barfoat") is None  # a spelling one letter out
    assert person_for_name("Jade Hodgson") is None  # ambiguous
    assert person_for_name("Nobody Known") is None


def test_a_guest_in_the_register_is_linked_to_them(minutes):
    meeting, *_ = minutes
    rita = person_for_name("Rita Chadha")
    row = attendance_record(meeting=meeting, name="  Rita Chadha ", capacity="guest")
    assert row.person == rita and row.name == ""
    # Recording her again updates her row rather than adding another.
    again = attendance_record(meeting=meeting, name="Rita Chadha", status="apologies")
    assert again.pk == row.pk and again.status == "apologies"
    stranger = attendance_record(meeting=meeting, name="Sam Visitor", capacity="guest")
    assert stranger.person is None and stranger.name == "Sam Visitor"
