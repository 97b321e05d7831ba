import datetime
import textwrap

import pytest
from django.contrib.auth import get_user_model

from cspboard.boards.models import Board, Membership
from cspboard.demo.loader import DemoRefused, load_demo
from cspboard.documents.models import Document
from cspboard.documents.tests.factories import pdf_bytes
from cspboard.meetings.models import Meeting
from cspboard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def quick_pdf(**kwargs):
    return pdf_bytes(kwargs["title"] + " " + kwargs["body_markdown"][:40])


@pytest.fixture
def data_dir(tmp_path):
    (tmp_path / "meetings").mkdir()
    (tmp_path / "documents").mkdir()
    (tmp_path / "partnership.yaml").write_text(
        textwrap.dedent("""
        organisations:
          - key: lbbd
            name: London Borough of Barking and Dagenham
            kind: council
        people:
          - key: jade-hodgson
            name: Jade Hodgson
            organisation: lbbd
            aliases: [{alias: JH, kind: initials}]
          - {key: fiona-taylor, name: Fiona Taylor, organisation: lbbd}
        boards:
          - {key: vawg, name: VAWG Subgroup, parent: csp}
          - {key: csp, name: Community Safety Partnership Board, contact_officer: jade-hodgson}
        memberships:
          - {person: fiona-taylor, board: csp, role: chair, start: 2018-03-28}
    """)
    )
    (tmp_path / "meetings" / "2018-03-28.yaml").write_text(
        textwrap.dedent("""
        board: csp
        date: 2018-03-28
        start: "10:00"
        end: "13:00"
        venue: Barking Learning Centre
        chair: fiona-taylor
        status: held
        agenda_published_on: 2018-03-20
        attendance:
          - {person: fiona-taylor, status: present}
          - {name: A Guest, status: present, capacity: guest}
        items:
          - number: "1"
            title: Introductions
            standing: true
          - number: "8"
            title: Strategic Assessment
            kind: paper
            marking: RESTRICTED
            paragraph: 1
            minutes: <p>Discussed.</p><script>alert(1)</script>
            documents:
              - {title: CDSA report, source: cdsa.md, marking: RESTRICTED, paragraph: 1}
            items:
              - {number: "(i)", title: Annex}
    """)
    )
    (tmp_path / "documents" / "cdsa.md").write_text("# CDSA\n\nRestricted text.")
    return tmp_path


def test_loads_through_the_services(data_dir):
    result = load_demo(data_dir=data_dir, render_pdf=quick_pdf, today=datetime.date(2026, 1, 1))
    assert result.loaded
    assert Board.objects.get(slug="vawg").parent.slug == "csp"
    meeting = Meeting.objects.get(date=datetime.date(2018, 3, 28))
    assert meeting.start_time == datetime.time(10) and meeting.chair.name == "Fiona Taylor"
    restricted = meeting.items.get(number="8")
    assert restricted.is_withheld and "script" not in restricted.minutes
    assert restricted.subitems.get().title == "Annex"
    assert Document.objects.get().security_marking == "RESTRICTED"
    assert meeting.attendance.count() == 2
    users = get_user_model().objects.order_by("username")
    assert [u.username for u in users] == ["analyst", "member", "officer", "outsider"]
    outsider = Membership.objects.get(person__user__username="outsider")
    assert outsider.board.slug == "vawg"
    analyst = Membership.objects.get(person__user__username="analyst")
    assert (analyst.board.slug, analyst.role) == ("csp", "analyst")
    assert users.get(username="member").check_password("demo")


def test_loading_again_changes_nothing(data_dir):
    load_demo(data_dir=data_dir, render_pdf=quick_pdf)
    counts = (Meeting.objects.count(), Document.objects.count(), Membership.objects.count())
    again = load_demo(data_dir=data_dir, render_pdf=quick_pdf)
    assert not again.loaded
    assert counts == (Meeting.objects.count(), Document.objects.count(), Membership.objects.count())


def test_refuses_a_database_with_records_it_did_not_create(data_dir):
    PersonFactory(name="A real officer")
    with pytest.raises(DemoRefused):
        load_demo(data_dir=data_dir, render_pdf=quick_pdf)
    assert not get_user_model().objects.filter(username="officer").exists()


def test_refuses_a_database_with_only_an_administrator(data_dir):
    get_user_model().objects.create_superuser("admin", "a@example.org", "x")
    with pytest.raises(DemoRefused):
        load_demo(data_dir=data_dir, render_pdf=quick_pdf)


def test_bad_data_loads_nothing(data_dir):
    path = data_dir / "meetings" / "2018-03-28.yaml"
    path.write_text(path.read_text().replace("chair: fiona-taylor", "chair: nobody"))
    with pytest.raises(ValueError, match="nobody"):
        load_demo(data_dir=data_dir, render_pdf=quick_pdf)
    assert not Board.objects.exists()
