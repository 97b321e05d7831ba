"""The demo's report requests: for the meetings still to come on the loader's `today`."""

import datetime

import pytest

from cspboard.demo.loader import load_demo
from cspboard.demo.tests.helpers import quick_pdf
from cspboard.meetings.choices import PlanStatus
from cspboard.reports.models import ReportNotice, ReportRequest, ReportSettings

pytestmark = pytest.mark.django_db


def test_the_demo_requests_the_papers_of_its_coming_meetings():
    result = load_demo(today=datetime.date(2023, 11, 1), render_pdf=quick_pdf)
    assert result.counts["report_requests"] > 0
    requests = list(ReportRequest.objects.select_related("item__meeting", "author"))
    assert {r.item.meeting.date for r in requests} == {
        datetime.date(2023, 12, 6),
        datetime.date(2024, 3, 27),
    }
    cctv = next(r for r in requests if r.item.title == "CCTV Update")
    assert cctv.deadline == datetime.date(2023, 11, 21)  # publication Tue 28 Nov, less 5 days
    assert cctv.item.plan_status == PlanStatus.REPORT_REQUESTED
    assert not ReportNotice.objects.exists()  # the demo holds no e-mail addresses
    assert ReportSettings.objects.get(board__slug="epg").sends_subgroup_updates is False
    assert ReportSettings.objects.get(board__slug="vawg").sends_subgroup_updates is True
