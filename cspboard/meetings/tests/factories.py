import datetime

import factory

from cspboard.boards.tests.factories import BoardFactory
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.models import AgendaItem, Attendance, Meeting


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    board = factory.SubFactory(BoardFactory)
    # Far from the dates tests name (2017-2031), so a sequence never lands on one.
    date = factory.Sequence(lambda n: datetime.date(1990, 1, 1) + datetime.timedelta(days=n))
    start_time = datetime.time(10, 0)
    end_time = datetime.time(13, 0)
    venue = "Town Hall"
    status = MeetingStatus.MINUTES_PUBLISHED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Item {n}")
    minutes_allowed = 10
    # As the services store it: its own paragraph, or its parent's withholding.
    withheld_paragraph = factory.LazyAttribute(
        lambda item: (
            item.schedule_12a_paragraph
            if item.schedule_12a_paragraph is not None
            else (item.parent.withheld_paragraph if item.parent is not None else None)
        )
    )


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory("cspboard.people.tests.factories.PersonFactory")
