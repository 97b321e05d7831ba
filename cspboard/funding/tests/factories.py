import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from cspboard.boards.tests.factories import BoardFactory
from cspboard.funding.choices import AwardStatus, MeasureKind, StreamKind
from cspboard.funding.models import (
    Award,
    AwardAmount,
    FundingStream,
    Measure,
    QuarterlyReturn,
)
from cspboard.people.tests.factories import OrganisationFactory


class FundingStreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingStream

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Crime Prevention Fund {n}")
    short_name = "CPF"
    funder = "MOPAC"
    kind = StreamKind.CORE_FUND


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    stream = factory.SubFactory(FundingStreamFactory)
    provider = factory.SubFactory(OrganisationFactory)
    service_name = factory.Sequence(lambda n: f"Youth mentoring {n}")
    status = AwardStatus.AWARDED
    starts_on = datetime.date(2023, 4, 1)
    ends_on = datetime.date(2024, 3, 31)
    contact_name = "Pat Provider"
    contact_email = "pat@provider.example"


class AwardAmountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardAmount

    award = factory.SubFactory(AwardFactory)
    financial_year = 2023
    amount = Decimal("40000")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    award = factory.SubFactory(AwardFactory)
    kind = MeasureKind.OUTPUT
    name = factory.Sequence(lambda n: f"Young people engaged {n}")
    unit = "people"
    annual_target = Decimal("100")


class QuarterlyReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterlyReturn

    award = factory.SubFactory(AwardFactory)
    financial_year = 2023
    quarter = 1
    due_on = datetime.date(2023, 7, 14)
    requested_at = factory.LazyFunction(timezone.now)
