import datetime

import pytest
from django.contrib.auth import get_user_model

from cspboard.boards.services import membership_add
from cspboard.boards.tests.factories import BoardFactory
from cspboard.core.exceptions import RecordInUse
from cspboard.documents.models import Document
from cspboard.meetings.services import agenda_item_add, attendance_record, declaration_record
from cspboard.meetings.tests.factories import MeetingFactory
from cspboard.people.models import Person, PersonAlias
from cspboard.people.selectors import person_references
from cspboard.people.services import PersonInUse, person_alias_add, person_create, person_delete
from cspboard.people.tests.factories import PersonFactory, UserFactory

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
        from cspboard.documents.tests.factories import make_document

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


def test_person_delete_removes_someone_entered_by_mistake_with_their_aliases_and_log_in():
    clerk = UserFactory()
    user = UserFactory()
    person = person_create(name="Mistaken Entry", by=clerk)
    person.user = user
    person.save()
    person_alias_add(person=person, alias="ME")
    pk = person.pk
    person_delete(person=person, by=clerk)
    assert not Person.objects.filter(pk=pk).exists()
    assert not PersonAlias.objects.exists()
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    deleted = Person.history.filter(id=pk).latest()
    assert deleted.history_type == "-" and deleted.history_user == clerk


def test_a_site_administrators_log_in_is_not_deleted_with_a_person():
    person = PersonFactory(user=UserFactory(is_superuser=True))
    with pytest.raises(RecordInUse, match="site administrator"):
        person_delete(person=person)
    assert Person.objects.filter(pk=person.pk).exists()
