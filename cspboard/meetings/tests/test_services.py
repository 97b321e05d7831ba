import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cspboard.boards.tests.factories import BoardFactory
from cspboard.meetings.models import AgendaItem
from cspboard.meetings.services import (
    agenda_item_add,
    attendance_record,
    declaration_record,
    item_minutes_set,
    meeting_create,
    minutes_confirm,
)
from cspboard.meetings.tests.factories import MeetingFactory
from cspboard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_meeting_must_end_after_it_starts():
    with pytest.raises(ValidationError, match="end after it starts"):
        meeting_create(
            board=BoardFactory(),
            date=datetime.date(2018, 3, 28),
            start_time=datetime.time(13),
            end_time=datetime.time(10),
        )


def test_one_meeting_per_board_per_day():
    board = BoardFactory()
    meeting_create(board=board, date=datetime.date(2018, 3, 28), start_time=datetime.time(10))
    with pytest.raises(ValidationError):
        meeting_create(board=board, date=datetime.date(2018, 3, 28), start_time=datetime.time(14))


def test_item_rejects_negative_time_and_paragraph_outside_1_to_7():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError, match="negative"):
        agenda_item_add(meeting=meeting, number="1", title="x", minutes_allowed=-5)
    with pytest.raises(ValidationError, match="1 to 7"):
        agenda_item_add(meeting=meeting, number="1", title="x", schedule_12a_paragraph=8)
    with pytest.raises(ValidationError, match="Schedule 12A"):
        agenda_item_add(meeting=meeting, number="1", title="x", security_marking="RESTRICTED")


def test_database_refuses_paragraph_outside_1_to_7_even_bypassing_services():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(
            meeting=meeting, position=1, number="1", title="x", schedule_12a_paragraph=9
        )


def test_items_keep_their_order_and_sub_items_their_parent():
    meeting = MeetingFactory()
    first = agenda_item_add(meeting=meeting, number="1", title="Introductions")
    sub = agenda_item_add(meeting=meeting, number="(i)", title="Sub", parent=first)
    second = agenda_item_add(meeting=meeting, number="2", title="Declarations")
    assert [i.pk for i in meeting.items.all()] == [first.pk, sub.pk, second.pk]
    assert sub.parent == first


def test_minutes_are_sanitised_on_every_write():
    meeting = MeetingFactory(status="held")
    item = agenda_item_add(
        meeting=meeting, number="1", title="x", minutes="<p>ok</p><script>alert(1)</script>"
    )
    assert "script" not in item.minutes
    item_minutes_set(item=item, minutes='<p onmouseover="x()">again</p><script>y()</script>')
    item.refresh_from_db()
    assert item.minutes == "<p>again</p>"


def test_attendance_recorded_twice_updates_the_row():
    meeting = MeetingFactory()
    person = PersonFactory()
    attendance_record(meeting=meeting, person=person, status="apologies")
    attendance_record(meeting=meeting, person=person, status="present")
    assert meeting.attendance.get().status == "present"


def test_substitute_must_name_the_member():
    with pytest.raises(ValidationError, match="substituting"):
        attendance_record(meeting=MeetingFactory(), person=PersonFactory(), capacity="substitute")


def test_declaration_clears_no_declarations_flag():
    meeting = MeetingFactory(no_declarations=True)
    declaration_record(meeting=meeting, person=PersonFactory(), text="Trustee of a charity")
    meeting.refresh_from_db()
    assert not meeting.no_declarations


def test_minutes_are_confirmed_at_a_later_meeting_of_the_same_board():
    board = BoardFactory()
    first = MeetingFactory(board=board, date=datetime.date(2017, 12, 13), status="minutes_approved")
    later = MeetingFactory(board=board, date=datetime.date(2018, 3, 28), status="agenda_published")
    minutes_item = agenda_item_add(
        meeting=later, number="3", title="Minutes and Action Log", role="minutes_and_action_log"
    )
    with pytest.raises(ValidationError):
        minutes_confirm(meeting=later, at_meeting=first)
    minutes_confirm(meeting=first, at_meeting=later)
    first.refresh_from_db()
    assert first.minutes_approved_at == later
    assert minutes_item.decisions.get().text == (
        "The minutes of the meeting held on 13 December 2017 were confirmed as a correct record."
    )
