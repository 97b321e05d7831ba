import datetime

import factory

from cspboard.boards.tests.factories import BoardFactory
from cspboard.places.choices import FindingSource, PlaceKind
from cspboard.places.models import Place, PlaceFinding


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")
    kind = PlaceKind.STREET


class PlaceFindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceFinding

    place = factory.SubFactory(PlaceFactory)
    source = FindingSource.WALKABOUT
    found_on = datetime.date(2023, 5, 10)
    reported_by = "Ward councillors"
    text = factory.Sequence(lambda n: f"Poor lighting on the path, finding {n}")
