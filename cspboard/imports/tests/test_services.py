import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from cspboard.boards.access import access_for
from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.core.models import OutgoingEmail
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

from .conftest import SAVED

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
def test_a_meeting_cancelled_at_the_source_is_cancelled(future, board, status):
    moderngov_import(source=FolderSource(future), board=board)
    meeting = board.meetings.get(date=datetime.date(2030, 3, 28))
    assert meeting.status == MeetingStatus.SCHEDULED
    edit(
        future / "GetMeeting-7001.xml",
        (b"<meetingstatus>Confirmed", f"<meetingstatus>{status}".encode()),
    )

    moderngov_import(source=FolderSource(future), board=board)

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


# A council's real answers (tests/moderngov/manchester) ---------------------------------------


@pytest.fixture
def audit():
    return BoardFactory(slug="audit", name="Audit Committee")


def test_a_councils_real_answers_from_a_site_on_127_0_0_1(manchester_site, audit):
    report = moderngov_import(source=HttpSource(manchester_site), board=audit)

    assert (report.meetings_created, report.meetings_skipped) == (2, 0)
    cancelled, held = audit.meetings.order_by("date")
    assert (cancelled.date, cancelled.status, cancelled.cancelled_reason) == (
        datetime.date(2026, 1, 13),
        MeetingStatus.CANCELLED,
        "Cancelled",
    )
    assert (held.date, held.start_time, held.venue) == (
        datetime.date(2026, 2, 10),
        datetime.time(10),
        "Council Antechamber, Level 2, Town Hall Extension",
    )
    assert (held.status, held.agenda_published_on) == (
        MeetingStatus.MINUTES_PUBLISHED,
        datetime.date(2026, 2, 2),
    )
    items = list(held.items.order_by("position"))
    assert [(i.number, i.title) for i in items] == [("1", "Minutes"), ("9", "Work Programme")]
    assert items[1].description == (
        "The report of the Governance and Scrutiny Support Unit, attached."
    )
    assert items[1].minutes.startswith("<p>The Committee considered a report of the")
    assert "MsoNormal" not in items[1].minutes
    # The one attendee was only expected; the papers are not saved, so the site answers 404 for
    # them, which leaves them out and says so without stopping the import.
    assert not held.attendance.exists()
    assert "10/02/2026: 1 attendee was only expected, not recorded." in report.notes
    assert (
        'Paper "DRAFT WP  FEBRUARY 2026" not imported: paper 60909: the site answered 404 '
        f"({manchester_site}/mgConvert2PDF.aspx?ID=60909)." in report.notes
    )
    assert "/mgConvert2PDF.aspx?ID=60860" in manchester_site.requests
    assert not Document.objects.exists()

    before = (history_rows(), ModernGovLink.objects.count())
    again = moderngov_import(source=HttpSource(manchester_site), board=audit)
    assert (history_rows(), ModernGovLink.objects.count()) == before
    assert (again.meetings_created, again.meetings_updated, again.meetings_unchanged) == (0, 0, 2)


def test_importing_the_past_emails_nobody(manchester, audit):
    """Members are not told of a meeting called off, or minutes published, years ago."""
    member = PersonFactory(name="Basil Curley", email="basil@example.gov.uk")
    MembershipFactory(board=audit, person=member)
    moderngov_import(source=FolderSource(manchester), board=audit)
    assert audit.meetings.filter(status=MeetingStatus.CANCELLED).exists()
    assert not OutgoingEmail.objects.exists()


def test_a_councils_real_answers_from_a_folder_with_a_paper_saved(manchester, audit):
    (manchester / "attachment-60909.pdf").write_bytes((SAVED / "attachment-102.pdf").read_bytes())
    report = moderngov_import(source=FolderSource(manchester), board=audit)
    (paper,) = Document.objects.all()
    assert (paper.title, paper.item.title, paper.date) == (
        "DRAFT WP  FEBRUARY 2026",
        "Work Programme",
        datetime.date(2026, 2, 2),
    )
    assert report.papers_added == 1
    assert any("attachment-60860: not saved in the folder" in note for note in report.notes)


# What changes at the source ------------------------------------------------------------------


def test_an_item_gone_from_a_published_agenda_is_marked_withdrawn(saved, board, people):
    path = saved / "GetMeeting-7001.xml"
    original = path.read_bytes()
    moderngov_import(source=FolderSource(saved), board=board)
    item = AgendaItem.objects.get(title="Violence against women and girls priorities")
    versions = item.history.count()
    start = original.index(b"<agendaitem>\n      <agendaitemid>9104")
    end = original.index(b"</agendaitem>", start) + len(b"</agendaitem>")
    path.write_bytes(original[:start] + original[end:])

    report = moderngov_import(source=FolderSource(saved), board=board)

    item.refresh_from_db()
    assert item.title == "Withdrawn: Violence against women and girls priorities"
    assert item.history.count() == versions + 1
    assert report.items_removed == 1
    assert (
        '28/03/2018: item (a) "Violence against women and girls priorities" gone from the '
        "source: marked withdrawn (the record keeps it)." in report.notes
    )
    # Importing again changes nothing more; the item coming back restores it.
    before = history_rows()
    moderngov_import(source=FolderSource(saved), board=board)
    assert history_rows() == before
    path.write_bytes(original)
    moderngov_import(source=FolderSource(saved), board=board)
    item.refresh_from_db()
    assert item.title == "Violence against women and girls priorities"


@pytest.fixture
def future(saved):
    """Meeting 7001 moved to 2030, its agenda not yet published: nothing is held yet."""
    for name in ("GetMeetings-421.xml", "GetMeeting-7001.xml"):
        edit(saved / name, (b"28/03/2018", b"28/03/2030"))
    edit(
        saved / "GetMeeting-7001.xml",
        (b"<agendapublished>True", b"<agendapublished>False"),
        (b"<minutepublished>True", b"<minutepublished>False"),
    )
    return saved


def test_an_item_gone_before_its_agenda_was_published_is_deleted(future, board):
    moderngov_import(source=FolderSource(future), board=board)
    meeting = board.meetings.get(date=datetime.date(2030, 3, 28))
    assert meeting.status == MeetingStatus.SCHEDULED
    item = meeting.items.get(title="Exclusion of the press and public")
    path = future / "GetMeeting-7001.xml"
    data = path.read_bytes()
    start = data.index(b"<agendaitem>\n      <agendaitemid>9105")
    end = data.index(b"</agendaitem>", start) + len(b"</agendaitem>")
    path.write_bytes(data[:start] + data[end:])

    report = moderngov_import(source=FolderSource(future), board=board)

    assert not meeting.items.filter(pk=item.pk).exists()
    assert AgendaItem.history.filter(id=item.pk).first().history_type == "-"
    assert not ModernGovLink.objects.filter(remote_id="9105").exists()
    assert report.items_removed == 1


def test_a_paper_and_an_attendee_gone_from_the_source_are_removed(saved, board, people):
    moderngov_import(source=FolderSource(saved), board=board)
    paper = Document.objects.get(title="Minutes of 13 December 2017")
    apologies = Attendance.objects.get(person=people["fiona"])
    path = saved / "GetMeeting-7001.xml"
    data = path.read_bytes()
    start = data.index(b"<linkeddoc>\n          <attachmentid>101")
    end = data.index(b"</linkeddoc>", start) + len(b"</linkeddoc>")
    data = data[:start] + data[end:]
    path.write_bytes(data.replace(b'<attendee memberid="302" name="Fiona Taylor"', b"<x "))
    edit(path, (b'<x  roledescription="Member" attendance="Apologies" />', b""))

    report = moderngov_import(source=FolderSource(saved), board=board)

    assert not Document.objects.filter(pk=paper.pk).exists()
    assert Document.history.filter(id=paper.pk).first().history_type == "-"
    assert not Attendance.objects.filter(pk=apologies.pk).exists()
    assert Attendance.history.filter(id=apologies.pk).first().history_type == "-"
    assert (report.papers_removed, report.attendance_removed, report.meetings_updated) == (1, 1, 1)
    assert '28/03/2018: "Fiona Taylor" no longer listed at the source: attendance removed.' in (
        report.notes
    )


def test_the_agenda_and_minutes_published_at_the_source_move_the_meeting_on(saved, board):
    path = saved / "GetMeeting-7001.xml"
    edit(
        path,
        (b"<agendapublished>True", b"<agendapublished>False"),
        (b"<minutepublished>True", b"<minutepublished>False"),
    )
    moderngov_import(source=FolderSource(saved), board=board)
    meeting = board.meetings.get(date=datetime.date(2018, 3, 28))
    # Its items carry minutes, not yet published.
    assert (meeting.status, meeting.agenda_published_on) == (MeetingStatus.MINUTES_DRAFTED, None)
    versions = meeting.history.count()
    edit(
        path,
        (b"<agendapublished>False", b"<agendapublished>True"),
        (b"<minutepublished>False", b"<minutepublished>True"),
    )

    report = moderngov_import(source=FolderSource(saved), board=board)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.agenda_published_on) == (
        MeetingStatus.MINUTES_PUBLISHED,
        datetime.date(2018, 3, 20),
    )
    assert meeting.history.count() == versions + 1
    assert report.meetings_updated == 1


# Meetings that cannot be imported as they stand ----------------------------------------------


@pytest.mark.parametrize("time", ["", "TBC"])
def test_a_meeting_with_no_time_is_left_out_and_the_rest_imported(saved, board, time):
    edit(saved / "GetMeetings-421.xml", (b"2.30 pm", time.encode()))
    edit(saved / "GetMeeting-7002.xml", (b"2.30 pm", time.encode()))

    report = moderngov_import(source=FolderSource(saved), board=board)

    assert [m.date for m in board.meetings.all()] == [datetime.date(2018, 3, 28)]
    assert (report.meetings_created, report.meetings_skipped) == (1, 1)
    assert report.notes[0].startswith(
        "27/06/2018: not imported. GetMeeting 7002, meeting 7002: the meeting has no start time"
    )


def test_a_meeting_listed_without_a_real_date_is_left_out(saved, board):
    edit(saved / "GetMeetings-421.xml", (b"27/06/2018", b"31/06/2018"))
    report = moderngov_import(source=FolderSource(saved), board=board)
    assert report.meetings_created == 1
    assert report.notes[0] == (
        'GetMeetings 421, meeting 7002: "31/06/2018" is not a date written dd/mm/yyyy. '
        "The meeting was left out."
    )


def test_a_meeting_answer_without_a_real_date_is_left_out(saved, board):
    edit(saved / "GetMeeting-7002.xml", (b"<meetingdate>27/06/2018", b"<meetingdate>TBC"))
    report = moderngov_import(source=FolderSource(saved), board=board)
    assert (report.meetings_created, report.meetings_skipped) == (1, 1)
    assert '"TBC" is not a date written dd/mm/yyyy' in report.notes[0]


# Restricted papers ---------------------------------------------------------------------------


def test_a_restricted_paper_is_members_only_from_its_first_byte(saved, board, monkeypatch):
    """The file is written only for a row already marked restricted, and no version of the
    row was ever anything else."""
    from django.db.models.fields.files import FieldFile

    written = []
    original = FieldFile.save

    def watched(self, name, content, save=True):
        instance = self.instance
        written.append((instance.title, instance.security_marking, instance.schedule_12a_paragraph))
        return original(self, name, content, save)

    monkeypatch.setattr(FieldFile, "save", watched)
    moderngov_import(source=FolderSource(saved), board=board)

    assert ("MARAC case review report", SecurityMarking.RESTRICTED, 1) in written
    paper = Document.objects.get(title="MARAC case review report")
    assert {v.security_marking for v in paper.history.all()} == {SecurityMarking.RESTRICTED}
    assert not Document.objects.visible_to(access_for(AnonymousUser())).filter(pk=paper.pk)


def test_a_restricted_item_naming_no_paragraph_is_left_out_not_shown(saved, board):
    edit(saved / "GetMeeting-7001.xml", (b"<restrictionsRef>Paragraph 1</restrictionsRef>", b""))
    report = moderngov_import(source=FolderSource(saved), board=board)
    meeting = board.meetings.get(date=datetime.date(2018, 3, 28))
    assert not meeting.items.filter(title="MARAC case review").exists()
    assert not Document.objects.filter(title="MARAC case review report").exists()
    assert meeting.items.count() == 5
    assert any('item 5 "MARAC case review" is restricted but names no' in n for n in report.notes)


def test_an_item_and_its_sub_item_gone_together_are_deleted_sub_item_first(future, board):
    moderngov_import(source=FolderSource(future), board=board)
    meeting = board.meetings.get(date=datetime.date(2030, 3, 28))
    path = future / "GetMeeting-7001.xml"
    data = path.read_bytes()
    start = data.index(b"<agendaitem>\n      <agendaitemid>9103")
    end = data.index(b"<agendaitem>\n      <agendaitemid>9105")
    path.write_bytes(data[:start] + data[end:])
    removed = list(meeting.items.filter(number__in=["3", "(a)"]).values_list("pk", flat=True))

    report = moderngov_import(source=FolderSource(future), board=board)

    assert [i.title for i in meeting.items.order_by("position")] == [
        "Apologies for absence",
        "Minutes of the previous meeting",
        "Exclusion of the press and public",
        "MARAC case review",
    ]
    # Numbered as the source numbers them, whatever removing the others renumbered.
    assert [i.number for i in meeting.items.order_by("position")] == ["1", "2", "4", "5"]
    assert (report.items_removed, report.papers_removed) == (2, 1)
    assert AgendaItem.history.filter(id__in=removed, history_type="-").count() == 2
    before = history_rows()
    moderngov_import(source=FolderSource(future), board=board)
    assert history_rows() == before
