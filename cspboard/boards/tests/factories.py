import factory

from cspboard.boards.choices import Role
from cspboard.boards.models import Board, Membership, SharingAgreement
from cspboard.people.tests.factories import OrganisationFactory, PersonFactory


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Test Board {n}")
    slug = factory.Sequence(lambda n: f"board-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    board = factory.SubFactory(BoardFactory)
    role = Role.MEMBER


class SharingAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharingAgreement

    board = factory.SubFactory(BoardFactory)
    organisation = factory.SubFactory(OrganisationFactory)
