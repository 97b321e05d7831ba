"""The officer's and chair's cycle, through the services."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.core.exceptions import EditConflict, NotAllowed, RecordInUse
from cspboard.meetings import services
from cspboard.meetings.models import Meeting
from cspboard.meetings.tests.factories import MeetingFactory
from cspboard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date
T = datetime.time


@pytest.fixture
def board():
    board = BoardFactory(slug="csp")
    for n in range(3):
        MembershipFactory(board=board, person=PersonFactory(email=f"member{n}@example.org"))
    MembershipFactory(board=board, role=Role.CHAIR, person=PersonFactory(email="chair@example.org"))
    MembershipFactory(
        board=board, role=Role.OFFICER, person=PersonFactory(email="officer@example.org")
    )
    MembershipFactory(
        board=board, person=PersonFactory(email="gone@example.org"), end=D(2020, 1, 1)
    )
    return board


def test_series_dates_last_wednesday_of_each_quarter():
    dates = services.series_dates(year=2023, months=[3, 6, 9, 12], weekday=2, ordinal="last")
    assert dates == [D(2023, 3, 29), D(2023, 6, 28), D(2023, 9, 27), D(2023, 12, 27)]


def test_create_series_skips_dates_already_taken(board):
    MeetingFactory(board=board, date=D(2023, 6, 28))
    dates = services.series_dates(year=2023, months=[3, 6, 9, 12], weekday=2, ordinal="last")
    created, skipped = services.meetings_create_series(
        board=board, dates=dates, start_time=T(10), end_time=T(13), venue="Town Hall"
    )
    assert [m.date for m in created] == [D(2023, 3, 29), D(2023, 9, 27), D(2023, 12, 27)]
    assert skipped == [D(2023, 6, 28)]
    with pytest.raises(ValidationError):
        services.meetings_create_series(board=board, dates=dates, start_time=T(13), end_time=T(10))


def test_agenda_from_standing_items_then_new_items_go_before_the_closing_ones(board):
    meeting = MeetingFactory(board=board, status="scheduled", date=D(2030, 3, 27))
    services.agenda_build_from_standing_items(meeting=meeting)
    services.agenda_item_add(
        meeting=meeting,
        title="Performance Report",
        kind="paper",
        minutes_allowed=20,
        before_closing_items=True,
    )
    titles = [(i.number, i.title) for i in meeting.items.order_by("position")]
    assert titles == [
        ("1", "Introductions and Apologies for Absence"),
        ("2", "Declaration of Interests"),
        ("3", "Minutes and Action Log"),
        ("4", "Performance Report"),
        ("5", "Forward Plan"),
        ("6", "Any Other Business"),
        ("7", "Date of Next Meeting"),
    ]
    with pytest.raises(NotAllowed):
        services.agenda_build_from_standing_items(meeting=meeting)


def test_move_carries_sub_items_and_renumbers(board):
    meeting = MeetingFactory(board=board, status="scheduled")
    a = services.agenda_item_add(meeting=meeting, title="A")
    services.agenda_item_add(meeting=meeting, title="A sub", parent=a)
    b = services.agenda_item_add(meeting=meeting, title="B")
    services.agenda_item_move(item=b, direction="up")
    rows = [(i.number, i.title) for i in meeting.items.order_by("position")]
    assert rows == [("1", "B"), ("2", "A"), ("(i)", "A sub")]


def test_moving_with_a_stale_agenda_is_refused(board):
    meeting = MeetingFactory(board=board, status="scheduled")
    a = services.agenda_item_add(meeting=meeting, title="A")
    services.agenda_item_add(meeting=meeting, title="B")
    meeting.refresh_from_db()
    stale = meeting.agenda_version
    services.agenda_item_add(meeting=meeting, title="C")  # someone else
    with pytest.raises(EditConflict):
        services.agenda_item_move(item=a, direction="down", expected_agenda_version=stale)


def test_second_editor_of_an_item_is_refused_with_the_saved_version(board):
    meeting = MeetingFactory(board=board, status="scheduled")
    item = services.agenda_item_add(meeting=meeting, title="Original")
    opened = item.version
    services.agenda_item_update(item=item, expected_version=opened, title="First editor")
    with pytest.raises(EditConflict) as conflict:
        services.agenda_item_update(item=item, expected_version=opened, title="Second editor")
    assert conflict.value.current.title == "First editor"
    item.refresh_from_db()
    assert item.title == "First editor"


def test_publishing_emails_members_one_by_one_and_marks_later_changes(board):
    meeting = MeetingFactory(board=board, status="scheduled", date=D(2030, 3, 27))
    services.agenda_item_add(meeting=meeting, title="Public item")
    secret = services.agenda_item_add(
        meeting=meeting,
        title="Named offender case",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
        description="SECRET DETAIL",
    )
    with pytest.raises(NotAllowed):
        services.agenda_publish(meeting=MeetingFactory(board=board, status="scheduled"))
    with django_capture_on_commit():
        services.agenda_publish(meeting=meeting, today=D(2030, 3, 19))
    meeting.refresh_from_db()
    assert meeting.status == "agenda_published" and meeting.agenda_published_on == D(2030, 3, 19)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert "gone@example.org" not in recipients and len(recipients) == 5
    assert all(len(m.to) == 1 for m in mail.outbox)
    body = mail.outbox[0].body
    assert "Public item" in body and "(restricted: members only)" in body
    assert "SECRET DETAIL" not in body

    mail.outbox.clear()
    added = services.agenda_item_add(meeting=meeting, title="Late paper", before_closing_items=True)
    services.agenda_item_update(item=secret, expected_version=secret.version, minutes_allowed=15)
    assert added.amendment == "supplementary"
    secret.refresh_from_db()
    assert secret.amendment == "revised"
    with django_capture_on_commit():
        assert services.agenda_notify_changes(meeting=meeting) == 2
    assert "Late paper: supplementary" in mail.outbox[0].body


def test_published_agenda_items_cannot_be_deleted(board):
    meeting = MeetingFactory(board=board, status="agenda_published")
    item = services.agenda_item_add(meeting=meeting, title="x")
    with pytest.raises(RecordInUse, match="Change the item instead"):
        services.agenda_item_delete(item=item)


def test_cancel_keeps_the_meeting_and_delete_is_refused_when_it_has_a_record(board):
    meeting = MeetingFactory(board=board, status="agenda_published")
    services.agenda_item_add(meeting=meeting, title="x")
    with pytest.raises(RecordInUse, match="Cancel the meeting instead"):
        services.meeting_delete(meeting=meeting)
    with django_capture_on_commit():
        services.meeting_cancel(meeting=meeting, reason="Not quorate")
    assert Meeting.objects.get(pk=meeting.pk).status == "cancelled"
    assert "Not quorate" in mail.outbox[0].body
    empty = MeetingFactory(board=board, status="scheduled")
    services.meeting_delete(meeting=empty)
    assert not Meeting.objects.filter(pk=empty.pk).exists()


def test_minutes_cycle_draft_chair_return_approve_confirm_publish(board):
    meeting = MeetingFactory(board=board, status="agenda_published", date=D(2023, 6, 28))
    item = services.agenda_item_add(meeting=meeting, title="Performance")
    services.item_minutes_set(item=item, minutes="<p>Draft</p>")
    meeting.refresh_from_db()
    assert meeting.status == "minutes_drafted"
    with django_capture_on_commit():
        services.minutes_send_to_chair(meeting=meeting)
    assert mail.outbox[-1].to == ["chair@example.org"]
    with pytest.raises(NotAllowed):
        services.item_minutes_set(item=item, minutes="<p>sneaky</p>")
    with pytest.raises(ValidationError):
        services.minutes_return(meeting=meeting, comments=" ")
    with django_capture_on_commit():
        services.minutes_return(meeting=meeting, comments="Add the actions")
    assert "Add the actions" in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["officer@example.org"]
    item.refresh_from_db()
    services.item_minutes_set(
        item=item, minutes="<p>Draft with actions</p>", expected_version=item.version
    )
    services.minutes_send_to_chair(meeting=meeting)
    with pytest.raises(NotAllowed):
        services.minutes_publish(meeting=meeting)
    services.minutes_approve(meeting=meeting)
    later = MeetingFactory(board=board, status="agenda_published", date=D(2023, 9, 27))
    services.agenda_item_add(
        meeting=later, title="Minutes and Action Log", role="minutes_and_action_log"
    )
    services.minutes_confirm(meeting=meeting, at_meeting=later)
    services.minutes_publish(meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == "minutes_published" and meeting.minutes_approved_at == later
    actions = list(meeting.reviews.values_list("action", flat=True))
    assert actions == ["sent", "returned", "sent", "approved", "confirmed", "published"]


def test_concurrent_minutes_edit_is_refused_and_an_old_version_can_be_restored(board):
    meeting = MeetingFactory(board=board, status="held")
    item = services.agenda_item_add(meeting=meeting, title="x")
    opened = item.version
    services.item_minutes_set(item=item, minutes="<p>First</p>", expected_version=opened)
    with pytest.raises(EditConflict) as conflict:
        services.item_minutes_set(item=item, minutes="<p>Second</p>", expected_version=opened)
    assert conflict.value.current.minutes == "<p>First</p>"
    services.item_minutes_set(item=item, minutes="<p>Third</p>")
    first = item.history.filter(minutes="<p>First</p>").first()
    services.item_minutes_restore(item=item, history_id=first.history_id)
    item.refresh_from_db()
    assert item.minutes == "<p>First</p>"
    assert item.history.count() >= 4


def test_attendance_marks_a_past_meeting_held(board):
    meeting = MeetingFactory(board=board, status="agenda_published", date=D(2023, 6, 28))
    services.attendance_record(meeting=meeting, person=PersonFactory())
    meeting.refresh_from_db()
    assert meeting.status == "held"


def django_capture_on_commit():
    """Run on_commit callbacks inside the test's transaction (e-mails are sent on commit)."""
    from django.db import connection

    class _Capture:
        def __enter__(self):
            self.start = len(connection.run_on_commit)

        def __exit__(self, *exc):
            callbacks = connection.run_on_commit[self.start :]
            del connection.run_on_commit[self.start :]
            for _, callback, _ in callbacks:
                callback()

    return _Capture()
