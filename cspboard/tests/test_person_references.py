"""Deleting a person is refused while any app of the record refers to them (memberships,
attendance, presentations, declarations, papers, chairing): the references are counted by kind."""

import datetime

import pytest

from cspboard.boards.services import membership_add
from cspboard.boards.tests.factories import BoardFactory
from cspboard.documents.models import Document
from cspboard.documents.tests.factories import make_document
from cspboard.meetings.services import agenda_item_add, attendance_record, declaration_record
from cspboard.meetings.tests.factories import MeetingFactory
from cspboard.people.models import Person
from cspboard.people.selectors import person_references
from cspboard.people.services import PersonInUse, person_delete
from cspboard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def refer_by(kind, person):
    board = BoardFactory()
    meeting = MeetingFactory(board=board)
    if kind == "membership":
        membership_add(person=person, board=board, start=datetime.date(2020, 1, 1))
    elif kind == "attendance":
        attendance_record(meeting=meeting, person=person)
    elif kind == "presentation":
        agenda_item_add(meeting=meeting, number="1", title="Report", presenters=[person])
    elif kind == "declaration":
        declaration_record(meeting=meeting, person=person, text="Trustee of a charity")
    elif kind == "paper":
        item = agenda_item_add(meeting=meeting, number="1", title="Report")
        document = make_document(item)
        Document.objects.filter(pk=document.pk).update(author_person=person)
    elif kind == "chair":
        MeetingFactory(board=board, chair=person)


@pytest.mark.parametrize(
    "kind, words",
    [
        ("membership", "1 membership"),
        ("attendance", "1 attendance record"),
        ("presentation", "1 presentation"),
        ("declaration", "1 declaration of interest"),
        ("paper", "1 paper they wrote"),
        ("chair", "1 meeting they chaired"),
    ],
)
def test_person_delete_is_refused_while_the_record_refers_to_them(kind, words):
    person = PersonFactory(name="Rita Referred")
    refer_by(kind, person)
    with pytest.raises(PersonInUse) as error:
        person_delete(person=person)
    message = str(error.value)
    assert message.startswith("Rita Referred cannot be deleted: the record refers to them")
    assert words in message
    assert "End the membership instead" in message
    assert Person.objects.filter(pk=person.pk).exists()


def test_references_are_counted_by_kind():
    person = PersonFactory()
    for _ in range(2):
        refer_by("membership", person)
    refer_by("attendance", person)
    assert [str(r) for r in person_references(person)] == ["2 memberships", "1 attendance record"]
