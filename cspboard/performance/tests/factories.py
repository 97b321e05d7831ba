import datetime

import factory

from cspboard.performance.choices import AreaKind
from cspboard.performance.models import Area, StreetCrime


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    kind = AreaKind.CUSTOM


class StreetCrimeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StreetCrime

    month = datetime.date(2019, 1, 1)
    reported_by = "City of London Police"
    falls_within = "City of London Police"
    location = "On or near Test Street"
    lsoa_code = "E01000001"
    lsoa_name = "City of London 001A"
    crime_type = "Other theft"
