import datetime

import factory

from cspboard.meetings.choices import ItemKind, MeetingStatus
from cspboard.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from cspboard.people.tests.factories import PersonFactory
from cspboard.reports.choices import RequestStatus
from cspboard.reports.models import ReportRequest, SubgroupUpdate


class FutureMeetingFactory(MeetingFactory):
    # Far from the dates tests name, and in the future whatever today is.
    date = factory.Sequence(lambda n: datetime.date(2040, 1, 4) + datetime.timedelta(days=7 * n))
    status = MeetingStatus.SCHEDULED


class ReportRequestFactory(factory.django.DjangoModelFactory):
    """A request written directly (no e-mail, no plan status): for reads and permissions."""

    class Meta:
        model = ReportRequest

    item = factory.SubFactory(
        AgendaItemFactory, kind=ItemKind.PAPER, meeting=factory.SubFactory(FutureMeetingFactory)
    )
    author = factory.SubFactory(PersonFactory)
    deadline = factory.LazyAttribute(lambda r: r.item.meeting.date - datetime.timedelta(days=14))
    status = RequestStatus.REQUESTED


class SubgroupUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubgroupUpdate

    meeting = factory.SubFactory(FutureMeetingFactory)
    subgroup = factory.SubFactory("cspboard.boards.tests.factories.BoardFactory")
    title = factory.LazyAttribute(lambda u: f"{u.subgroup.name} Subgroup Update")
    brief_update = "The subgroup met twice."
