import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from cspboard.boards.tests.factories import BoardFactory
from cspboard.documents.models import Document
from cspboard.documents.selectors import document_for_viewer
from cspboard.imports import moderngov
from cspboard.imports.models import ModernGovLink
from cspboard.imports.moderngov import ModernGovError
from cspboard.imports.services import moderngov_import
from cspboard.imports.sources import FolderSource, HttpSource
from cspboard.meetings.choices import AttendanceStatus, MeetingStatus, SecurityMarking
from cspboard.meetings.models import AgendaItem, Attendance, Meeting
from cspboard.meetings.services import meeting_create
from cspboard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return BoardFactory(slug="csp", name="Community Safety Partnership Board")


@pytest.fixture
def people():
    return {
        "chair": PersonFactory(name="Sade Bright", honorific="Councillor"),
        "fiona": PersonFactory(name="Fiona Taylor"),
        "ann": PersonFactory(name="Ann Officer"),
    }


def edit(path, *changes: tuple[bytes, bytes]) -> None:
    """Change a saved answer as the site might have changed."""
    data = path.read_bytes()
    for old, new in changes:
        assert old in data, old
        data = data.replace(old, new)
    path.write_bytes(data)


def history_rows() -> int:
    return sum(model.history.count() for model in (Meeting, AgendaItem, Document, Attendance))


def test_import_from_a_site_on_127_0_0_1(site, board, people):
    report = moderngov_import(source=HttpSource(site), board=board)

    assert (report.meetings_created, report.meetings_updated) == (2, 0)
    held, cancelled = board.meetings.order_by("date")
    assert (held.date, held.start_time) == (datetime.date(2018, 3, 28), datetime.time(10))
    assert held.venue == "Committee Room 2, Town Hall"
    # The agenda and the minutes were published at the source; the agenda's papers on 20/03.
    assert held.status == MeetingStatus.MINUTES_PUBLISHED
    assert held.agenda_published_on == datetime.date(2018, 3, 20)
    assert held.chair == people["chair"]  # "Chair" in the attendance, plainly one person
    assert cancelled.status == MeetingStatus.CANCELLED
    assert not cancelled.items.exists()

    items = list(held.items.order_by("position"))
    assert [i.number for i in items] == ["1", "2", "3", "(a)", "4", "5"]
    plan, sub, marac = items[2], items[3], items[5]
    assert sub.parent == plan
    assert plan.description.startswith("The Board is asked to agree the draft plan & its")
    assert plan.presenter_text == "Ann Officer, Community Safety Manager"
    assert list(plan.presenters.all()) == [people["ann"]]
    assert items[1].minutes.startswith("<p><strong>RESOLVED</strong>")
    assert "script" not in items[1].minutes
    assert (marac.schedule_12a_paragraph, marac.withheld_paragraph) == (1, 1)
    assert marac.is_withheld

    papers = {d.title: d for d in Document.objects.all()}
    assert set(papers) == {
        "Minutes of 13 December 2017",
        "Community Safety Plan 2018-21 (draft)",
        "MARAC case review report",
    }
    restricted = papers["MARAC case review report"]
    assert (restricted.security_marking, restricted.schedule_12a_paragraph) == (
        SecurityMarking.RESTRICTED,
        1,
    )
    assert restricted.file.read().startswith(b"%PDF-")
    # The public may have the open papers of a held meeting, never the restricted one.
    public = AnonymousUser()
    assert document_for_viewer(public, papers["Minutes of 13 December 2017"].pk)
    with pytest.raises(Http404):
        document_for_viewer(public, restricted.pk)
    # Papers were fetched from the site being imported, not the host their address names.
    assert "/mgConvert2PDF.aspx?ID=103" in site.requests

    rows = {(a.person.name if a.person else a.name): a.status for a in held.attendance.all()}
    assert rows == {
        "Sade Bright": AttendanceStatus.PRESENT,
        "Fiona Taylor": AttendanceStatus.APOLOGIES,
        "Ann Officer": AttendanceStatus.PRESENT,
        "Joe Unknown": AttendanceStatus.PRESENT,  # recorded by name, and reported
    }
    assert (
        '28/03/2018: "Joe Unknown" (Partner Member, Thames Valley Police) matches no one person '
        "in the register; recorded by name." in report.notes
    )
    assert any(": 1 attendee was only expected, not recorded." in note for note in report.notes)


def test_importing_again_changes_nothing(saved, board, people):
    moderngov_import(source=FolderSource(saved), board=board)
    before = (history_rows(), ModernGovLink.objects.count(), Document.objects.count())

    report = moderngov_import(source=FolderSource(saved), board=board)

    assert (history_rows(), ModernGovLink.objects.count(), Document.objects.count()) == before
    assert (report.meetings_created, report.meetings_updated, report.meetings_unchanged) == (
        0,
        0,
        2,
    )


def test_a_meeting_changed_at_the_source_is_updated_with_its_history(saved, board, people):
    moderngov_import(source=FolderSource(saved), board=board)
    meeting = board.meetings.get(date=datetime.date(2018, 3, 28))
    path = saved / "GetMeeting-7001.xml"
    path.write_bytes(
        path.read_bytes()
        .replace(b"10.00 am", b"10.30 am")
        .replace(
            b"Community Safety Plan 2018-21</agendaitemtitle>",
            b"Safer Borough Plan</agendaitemtitle>",
        )
        .replace(
            b"<title>Minutes of 13 December 2017", b"<title>Minutes of 13 December 2017 (corrected)"
        )
    )
    meetings_before = meeting.history.count()
    items_before = AgendaItem.history.count()

    report = moderngov_import(source=FolderSource(saved), board=board)

    meeting.refresh_from_db()
    assert meeting.start_time == datetime.time(10, 30)
    assert meeting.history.count() == meetings_before + 1
    assert meeting.items.filter(title="Safer Borough Plan").exists()
    assert AgendaItem.history.count() == items_before + 1
    assert Document.objects.filter(title="Minutes of 13 December 2017 (corrected)").exists()
    assert not Document.objects.filter(title="Minutes of 13 December 2017").exists()
    assert (report.meetings_updated, report.items_updated, report.papers_replaced) == (1, 1, 1)


@pytest.mark.parametrize("status", ["Cancelled", "Postponed", "Rescheduled; moved to 4 April"])
def test_a_meeting_cancelled_at_the_source_is_cancelled(saved, board, people, status):
    path = saved / "GetMeeting-7001.xml"
    # A meeting with minutes cannot be cancelled; this one has only had its attendance taken.
    edit(path, (b"<minutepublished>True", b"<minutepublished>False"))
    moderngov_import(source=FolderSource(saved), board=board)
    meeting = board.meetings.get(date=datetime.date(2018, 3, 28))
    assert meeting.status == MeetingStatus.HELD
    edit(path, (b"<meetingstatus>Confirmed", f"<meetingstatus>{status}".encode()))

    moderngov_import(source=FolderSource(saved), board=board)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancelled_reason) == (MeetingStatus.CANCELLED, status)
    assert meeting.history.first().status == MeetingStatus.CANCELLED


def test_malformed_xml_stops_the_import_before_anything_is_written(site, saved, board):
    (saved / "GetMeeting-7002.xml").write_bytes(b"<meeting><meetingid>7002</meetingid>")
    with pytest.raises(ModernGovError, match="GetMeeting 7002: not well-formed XML"):
        moderngov_import(source=HttpSource(site), board=board)
    assert not Meeting.objects.exists()
    assert not ModernGovLink.objects.exists()


def test_an_oversized_answer_stops_the_import(site, board, monkeypatch):
    monkeypatch.setattr(moderngov, "MAX_RESPONSE_BYTES", 2000)
    with pytest.raises(ModernGovError, match="GetMeeting: the answer is larger than the limit"):
        moderngov_import(source=HttpSource(site), board=board)
    assert not Meeting.objects.exists()


def test_an_oversized_paper_is_left_out_and_reported(saved, board, settings):
    settings.DOCUMENT_MAX_BYTES = 10
    report = moderngov_import(source=FolderSource(saved), board=board)
    assert not Document.objects.exists()
    assert any("larger than the limit of 10 bytes" in note for note in report.notes)


def test_a_dry_run_writes_nothing(saved, board, people, site):
    report = moderngov_import(source=HttpSource(site), board=board, dry_run=True)
    assert (report.meetings_created, report.items_added, report.papers_added) == (2, 6, 3)
    assert not Meeting.objects.exists()
    assert not ModernGovLink.objects.exists()
    assert history_rows() == 0
    assert not any("mgConvert2PDF" in path for path in site.requests)


def test_dates_limit_the_meetings(saved, board):
    report = moderngov_import(
        source=FolderSource(saved), board=board, date_from=datetime.date(2018, 6, 1)
    )
    assert report.meetings_created == 1
    assert board.meetings.get().status == MeetingStatus.CANCELLED


def test_a_meeting_already_on_the_board_that_day_is_left_alone(saved, board):
    meeting_create(board=board, date=datetime.date(2018, 3, 28), start_time=datetime.time(9))
    report = moderngov_import(source=FolderSource(saved), board=board)
    assert report.meetings_skipped == 1
    assert not AgendaItem.objects.exists()


def test_the_committee_must_be_named_when_none_has_the_boards_name(saved):
    other = BoardFactory(slug="vawg", name="VAWG Subgroup")
    with pytest.raises(ModernGovError, match="say which with --committee ID"):
        moderngov_import(source=FolderSource(saved), board=other)
    report = moderngov_import(source=FolderSource(saved), board=other, committee_id="421")
    assert report.meetings_created == 2


def test_a_meeting_the_record_refuses_is_left_out_and_the_rest_imported(saved, board, people):
    moderngov_import(source=FolderSource(saved), board=board)
    meeting = board.meetings.get(date=datetime.date(2018, 3, 28))
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED  # so it cannot be cancelled
    path = saved / "GetMeeting-7001.xml"
    path.write_bytes(
        path.read_bytes().replace(b"<meetingstatus>Confirmed", b"<meetingstatus>Cancelled")
    )

    report = moderngov_import(source=FolderSource(saved), board=board)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED
    assert report.meetings_skipped == 1
    assert report.meetings_unchanged == 1
    assert any("meeting 7001 was not imported: This meeting has minutes" in n for n in report.notes)
