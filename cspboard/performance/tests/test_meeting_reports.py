"""The report a meeting saw: its month, its figures as the pack carried them, and drafts.

- The month is the meeting's: chosen by an officer or analyst, or the latest month with figures
  before the meeting and the agenda's publication, never a stale earlier year's.
- Publishing the agenda publishes the month's commentary and keeps the report as the pack
  carried it; the live report says which indicators were revised since.
- The analyst's commentary and overrides are drafts until published: nobody but the board's
  officers and analysts sees them, on the page, in its PDF or from the JSON command.
"""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from pypdf import PdfReader

from cspboard.meetings.services import agenda_item_add, agenda_publish, meeting_create
from cspboard.performance.choices import Series
from cspboard.performance.models import ReportPublication, ReportSnapshot
from cspboard.performance.pack import item_papers, meeting_report_month
from cspboard.performance.report import performance_report, report_revisions
from cspboard.performance.services import (
    commentary_set,
    measurements_save,
    meeting_report_set,
    rating_override_set,
    report_commentary_publish,
)
from cspboard.performance.tests.factories_web import REPORT_MONTH

# The seeded fixture (factories_web.py): imported, it is this module's.
from cspboard.performance.tests.factories_web import seeded as seeded

pytestmark = pytest.mark.django_db
D = datetime.date
REPORT = "/boards/csp/performance/2018-01/"
PLANTED = "PLANTED-DRAFT-WORD"


def coming_meeting(board, date):
    meeting = meeting_create(board=board, date=date, start_time=datetime.time(10))
    item = agenda_item_add(
        meeting=meeting, number="1", title="How we are doing", role="performance_report"
    )
    return meeting, item


# The meeting's month -----------------------------------------------------------------------------


def test_the_default_is_the_latest_month_before_the_meeting(seeded):
    meeting, item = coming_meeting(seeded.board, D(2018, 4, 25))
    chosen = meeting_report_month(meeting, today=D(2018, 4, 10))
    assert (chosen.month, chosen.how) == (REPORT_MONTH, "default")
    # before publication, never later than the month before today
    measurements_save(
        indicator=seeded.indicators["burglary"],
        series=Series.LOCAL,
        values={D(2018, 3, 1): (100, None)},
    )
    assert meeting_report_month(meeting, today=D(2018, 3, 30)).month == REPORT_MONTH
    assert meeting_report_month(meeting, today=D(2018, 4, 10)).month == D(2018, 3, 1)


def test_a_meeting_years_later_gets_no_stale_report_but_a_note(seeded):
    meeting, item = coming_meeting(seeded.board, D(2027, 3, 17))
    chosen = meeting_report_month(meeting, today=D(2027, 3, 1))
    assert chosen.month is None
    assert "January 2018" in chosen.note and "2017/18" in chosen.note
    assert item_papers(item, members=True) == []


def test_the_year_end_report_stays_the_default_in_the_next_years_first_quarter(seeded):
    measurements_save(
        indicator=seeded.indicators["burglary"],
        series=Series.LOCAL,
        values={D(2018, 3, 1): (100, None)},
    )
    june, _ = coming_meeting(seeded.board, D(2018, 6, 20))
    assert meeting_report_month(june, today=D(2018, 6, 1)).month == D(2018, 3, 1)
    october, _ = coming_meeting(seeded.board, D(2018, 10, 24))
    assert meeting_report_month(october, today=D(2018, 10, 1)).month is None


def test_an_officer_chooses_the_month_and_the_pack_carries_it(seeded):
    meeting, item = coming_meeting(seeded.board, D(2027, 3, 17))
    meeting_report_set(meeting=meeting, month=D(2017, 12, 1), by=seeded.officer)
    (paper,) = item_papers(item, members=False)
    assert paper.title == "Performance report: financial year to date figures to December 2017"
    agenda_publish(meeting=meeting, today=D(2027, 3, 9), by=seeded.officer)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        meeting_report_set(meeting=meeting, month=REPORT_MONTH, by=seeded.officer)


def test_the_officer_page_sets_the_month(client, seeded):
    meeting, _ = coming_meeting(seeded.board, D(2027, 3, 17))
    url = f"/boards/csp/performance/meetings/{meeting.date}/"
    client.force_login(seeded.officer)
    page = client.get(url).content.decode()
    assert "The agenda pack will carry no performance report" in page
    response = client.post(url, {"month": "2018-01"}, follow=True)
    assert "The agenda pack will carry the report to January 2018." in response.content.decode()
    assert meeting_report_month(meeting).month == REPORT_MONTH
    assert client.post(url, {"month": "1999-01"}).status_code == 400
    agenda_page = client.get(f"/boards/csp/meetings/{meeting.date}/agenda/").content.decode()
    assert url in agenda_page
    client.force_login(seeded.member)
    assert client.get(url).status_code == 404


# As the board saw it ----------------------------------------------------------------------------


def test_publishing_the_agenda_keeps_the_report_and_flags_later_revisions(client, seeded):
    meeting, _ = coming_meeting(seeded.board, D(2018, 4, 25))
    commentary_set(indicator=seeded.indicators["burglary"], month=REPORT_MONTH, text="Seen")
    agenda_publish(meeting=meeting, today=D(2018, 4, 17), by=seeded.officer)
    snapshot = ReportSnapshot.objects.get(meeting=meeting)
    assert (snapshot.month, snapshot.published_on) == (REPORT_MONTH, D(2018, 4, 17))
    assert ReportPublication.objects.get().meeting == meeting  # the drafts went with the pack
    assert meeting_report_month(meeting).how == "published"
    report = performance_report(board=seeded.board, month=REPORT_MONTH)
    assert report_revisions(report) == {}
    assert "Revised since the board saw it" not in client.get(REPORT).content.decode()

    measurements_save(
        indicator=seeded.indicators["burglary"],
        series=Series.LOCAL,
        values={REPORT_MONTH: (200, None)},
    )
    report = performance_report(board=seeded.board, month=REPORT_MONTH)
    revised = report_revisions(report)
    assert set(revised) == {seeded.indicators["burglary"].pk}  # gun crime and the rest are not
    assert "1309" in revised[seeded.indicators["burglary"].pk].sentence
    page = client.get(REPORT).content.decode()
    assert page.count("Revised since the board saw it on 17 April 2018") == 1
    assert "the meeting on 25 April 2018" in page and "1309 offences" in page


# Drafts -----------------------------------------------------------------------------------------


def _pdf_text(response) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def _json(board) -> str:
    out = io.StringIO()
    call_command("performance-report", board=board.slug, month="2018-01", stdout=out)
    return out.getvalue()


@pytest.fixture
def drafted(seeded):
    commentary_set(indicator=seeded.indicators["burglary"], month=REPORT_MONTH, text=PLANTED)
    rating_override_set(
        indicator=seeded.indicators["gun"], month=REPORT_MONTH, rating="green", reason=PLANTED
    )
    return seeded


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member"])
def test_a_draft_is_seen_by_nobody_outside_the_officers_and_analysts(client, drafted, who):
    user = {"anonymous": None, "outsider": drafted.outsider, "member": drafted.member}[who]
    if user is not None:
        client.force_login(user)
    page = client.get(REPORT).content.decode()
    assert page and PLANTED not in page and "Draft" not in page
    assert PLANTED not in client.get(REPORT + "burglary/").content.decode()
    assert PLANTED not in client.get(REPORT + "gun-crime/").content.decode()
    pdf = _pdf_text(client.get(REPORT + "report.pdf"))
    assert "Burglary" in pdf and PLANTED not in pdf
    assert "1309" in _json(drafted.board) and PLANTED not in _json(drafted.board)
    report = json.loads(_json(drafted.board))
    gun = [i for s in report["sections"] for i in s["indicators"] if i["slug"] == "gun-crime"]
    assert gun[0]["override_reason"] == ""  # the calculated rating stands in public


def test_officers_and_analysts_see_drafts_marked_until_published(client, drafted):
    for user in (drafted.officer, drafted.analyst):
        client.force_login(user)
        page = client.get(REPORT).content.decode()
        assert PLANTED in page and "Draft" in page and "Publish this month's commentary" in page
    response = client.post(REPORT + "commentary/publish/", follow=True)
    assert "are published: everyone sees them now" in response.content.decode()
    response = client.post(REPORT + "commentary/publish/", follow=True)
    assert "Nothing to publish" in response.content.decode()
    client.logout()
    assert PLANTED in client.get(REPORT).content.decode()
    assert PLANTED in _json(drafted.board)


def test_a_published_commentary_edited_again_is_a_draft_again(client, drafted):
    report_commentary_publish(board=drafted.board, month=REPORT_MONTH)
    commentary_set(indicator=drafted.indicators["burglary"], month=REPORT_MONTH, text="NEWER-DRAFT")
    page = client.get(REPORT).content.decode()
    assert PLANTED in page and "NEWER-DRAFT" not in page
    client.force_login(drafted.analyst)
    assert "NEWER-DRAFT" in client.get(REPORT).content.decode()


def test_publishing_the_agenda_publishes_the_months_drafts(client, drafted):
    meeting, item = coming_meeting(drafted.board, D(2018, 4, 25))
    assert PLANTED not in client.get(REPORT).content.decode()
    agenda_publish(meeting=meeting, today=D(2018, 4, 17), by=drafted.officer)
    assert PLANTED in client.get(REPORT).content.decode()
