import pytest
from django.contrib.auth import get_user_model

from cspboard.core.exceptions import RecordInUse
from cspboard.people.models import Person, PersonAlias
from cspboard.people.services import person_alias_add, person_create, person_delete
from cspboard.people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


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
