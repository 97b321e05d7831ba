"""`cspboard actions extract FILE`: the JSON it prints and the errors it gives."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.people.models import PersonAlias
from cspboard.people.tests.factories import OrganisationFactory, PersonFactory

from .docx import make_docx, para, run, table

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "cspboard.actions" not in settings.INSTALLED_APPS,
        reason='the "actions" command needs "cspboard.actions" in INSTALLED_APPS',
    ),
]

MINUTES = """Present: Jonathon Toy (JT), Ilirjeta Buzoku, Jade Hodgson

ACTION: JT to meet with Havering Street Watch organiser.

- **ACTION** – All CSP members need to sign the ISA and return to Jeta (Outstanding)

ACTION – Steve Calder to meet with Angie Fuller by the end of February 2018.

ACTION: JH to update the action log.

Action 2 No completion date discussed.

ACTION: MPS to share the data.
"""


def extract(*args):
    out = io.StringIO()
    call_command("actions", "extract", *map(str, args), stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def register():
    toy = PersonFactory(name="Jonathon Toy")
    jeta = PersonFactory(name="Ilirjeta Buzoku")
    PersonAlias.objects.create(person=jeta, alias="Jeta", kind="short")
    steven = PersonFactory(name="Steven Calder")
    jade = PersonFactory(name="Jade Hodgson")
    john = PersonFactory(name="John Hall")
    OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    return {"toy": toy, "jeta": jeta, "steven": steven, "jade": jade, "john": john}


def test_extract_text_file(tmp_path, register):
    path = tmp_path / "minutes.txt"
    path.write_text(MINUTES, encoding="utf-8")
    data = extract(path)

    assert [a["kind"] for a in data] == ["new", "new", "new", "new", "update", "new"]
    toy = data[0]
    assert toy == {
        "text": "JT to meet with Havering Street Watch organiser.",
        "owners": [
            {
                "written": "JT",
                "person": {"id": register["toy"].pk, "name": "Jonathon Toy"},
                "status": "resolved",
                "candidates": [{"id": register["toy"].pk, "name": "Jonathon Toy"}],
                "via": "initials defined in the minutes (Jonathon Toy)",
            }
        ],
        "due": None,
        "due_text": "",
        "kind": "new",
        "number": None,
        "numbers": [],
        "status_text": "",
        "fingerprint": toy["fingerprint"],
        "source_line": "ACTION: JT to meet with Havering Street Watch organiser.",
    }
    assert data[1]["owners"][0]["status"] == "group"
    assert data[1]["status_text"] == "Outstanding"
    steve = data[2]
    assert steve["owners"][0]["person"] == {"id": register["steven"].pk, "name": "Steven Calder"}
    assert steve["due"] == "2018-02-28"
    assert steve["due_text"] == "by the end of February 2018"
    jh = data[3]["owners"][0]
    assert jh["status"] == "ambiguous"  # JH not defined in these minutes: Jade or John
    assert jh["person"] is None
    assert {c["name"] for c in jh["candidates"]} == {"Jade Hodgson", "John Hall"}
    assert (data[4]["number"], data[4]["owners"]) == (2, [])
    assert data[5]["owners"][0]["status"] == "organisation"


def test_extract_docx(tmp_path, register):
    path = tmp_path / "minutes.docx"
    path.write_bytes(
        make_docx(
            para("Jonathon Toy (JT) chaired."),
            para(run("ACTION", bold=True), run(": JT to circulate the plan by 30 June 2018.")),
            table(
                [
                    ["Discussion", "Action"],
                    ["ISA returns were reviewed.", "Jeta to chase the ISA returns"],
                ]
            ),
        )
    )
    data = extract(path)
    assert [a["text"] for a in data] == [
        "JT to circulate the plan by 30 June 2018.",
        "Jeta to chase the ISA returns",
    ]
    assert data[0]["due"] == "2018-06-30"
    assert data[1]["owners"][0]["person"]["id"] == register["jeta"].pk


def test_extract_html_with_board(tmp_path, register):
    board = BoardFactory(slug="csp")
    MembershipFactory(board=board, person=register["jade"])
    path = tmp_path / "minutes.html"
    path.write_text("<p>ACTION: JH to update the action log.</p>", encoding="utf-8")
    data = extract(path, "--board", "csp")
    owner = data[0]["owners"][0]
    assert owner["status"] == "resolved"  # only Jade is a member of the board
    assert owner["person"]["id"] == register["jade"].pk


def test_meeting_date_places_a_date_without_a_year(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("ACTION: JH to circulate the draft by 31 March.", encoding="utf-8")
    assert extract(path)[0]["due"] is None
    assert extract(path, "--meeting-date", "2017-12-13")[0]["due"] == "2018-03-31"


def test_no_actions_prints_an_empty_list(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("The board noted the report.", encoding="utf-8")
    assert extract(path) == []


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        extract(tmp_path / "nope.docx")


def test_damaged_docx(tmp_path):
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"PK\x03\x04 damaged")
    with pytest.raises(CommandError, match="not a valid DOCX"):
        extract(path)


def test_unknown_board(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("ACTION: JH to update the log.", encoding="utf-8")
    with pytest.raises(CommandError, match='No board with the slug "nope"'):
        extract(path, "--board", "nope")


def test_a_subcommand_is_required():
    with pytest.raises(CommandError):
        call_command("actions")
