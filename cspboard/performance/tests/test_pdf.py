"""The report as a PDF: the same figures and words as the page, a page per indicator."""

import io
import re

import pytest
from pypdf import PdfReader

from cspboard.performance.pdf import report_pdf
from cspboard.performance.report import performance_report
from cspboard.performance.services import (
    commentary_set,
    rating_override_set,
    report_commentary_publish,
)
from cspboard.performance.tests.factories_web import REPORT_MONTH, seed_indicators

pytestmark = pytest.mark.django_db


def pages_text(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def report(scenario):
    indicators = seed_indicators(scenario.board, scenario.subgroup)
    rating_override_set(
        indicator=indicators["gun"],
        month=REPORT_MONTH,
        rating="green",
        reason="Gun crime is low and steady",
    )
    commentary_set(
        indicator=indicators["burglary"],
        month=REPORT_MONTH,
        text="The police are launching a BCU Burglary and Robbery initiative.",
    )
    report_commentary_publish(board=scenario.board, month=REPORT_MONTH)
    return performance_report(board=scenario.board, month=REPORT_MONTH)


def test_the_pdf_holds_the_sentences_and_figures(report):
    pages = pages_text(report_pdf(report))
    # the summary, then a page each for burglary, gun crime, MARAC and sexual offences
    assert len(pages) == 5
    first, burglary = pages[0], pages[1]
    assert "Performance report" in first
    assert "VAWG Subgroup" in first
    assert "1309, up 25.1% (up 263 offences)" in first
    assert "Up 13.0% across London" in first
    assert "In development" in first
    assert "Burglary: 1309, up 25.1% (up 263 offences); London up 13.0%" in first
    assert "2. Burglary" in burglary
    assert (
        "Using 2017/18 financial year to date figures at January 2018 (1309 offences) shows a "
        "25.1% increase (+263 offences) when compared to the same point in the previous year "
        "(1046 offences). In comparison total burglary across London is up 13.0%."
    ) in burglary
    assert "Jan 143 176" in burglary  # the monthly table: 2016/17 then 2017/18
    assert "Feb 171 –" in burglary  # February 2018: no figure, not 0
    assert "1309 offences" in burglary and "1046 offences" in burglary
    assert "The police are launching a BCU Burglary and Robbery initiative." in burglary
    assert "RAG rating: Red" in burglary


def test_each_indicator_starts_a_page_numbered_of_the_whole(report):
    pages = pages_text(report_pdf(report))
    assert [re.search(r"Page (\d+) of (\d+)", p).groups() for p in pages] == [
        (str(n), "5") for n in range(1, 6)
    ]
    assert "10. Gun crime" in pages[2]
    assert "20. MARAC: Number of repeat referrals" in pages[3]
    assert "21. Sexual offences" in pages[4]


def test_the_override_and_its_reason_are_printed(report):
    gun = pages_text(report_pdf(report))[2]
    assert "RAG rating: Green" in gun
    assert "The analyst set this rating (the rule gives Amber" in gun
    assert "Reason: Gun crime is low and steady" in gun


def test_without_page_numbers_for_the_agenda_pack(report):
    pages = pages_text(report_pdf(report, page_numbers=False))
    assert not any("Page 1 of" in page for page in pages)


# In the agenda pack ------------------------------------------------------------------------------


def test_the_performance_item_carries_the_report(scenario):
    from cspboard.performance.pack import item_papers

    seed_indicators(scenario.board, scenario.subgroup)
    # the meeting of 28 March 2018: figures to February at the latest; January is the last held
    for members in (False, True):
        (paper,) = item_papers(scenario.public_item, members=members)
        assert paper.title == ("Performance report: financial year to date figures to January 2018")
        assert not paper.withheld
        text = " ".join(pages_text(paper.pdf))
        assert "1309, up 25.1% (up 263 offences)" in text
        assert "Page 1 of" not in text  # the pack numbers its own pages
    assert item_papers(scenario.restricted_item, members=True) == []


def test_no_report_without_indicators_or_figures(scenario):
    from cspboard.meetings.services import agenda_item_add
    from cspboard.performance.pack import item_papers
    from cspboard.performance.tests.factories_web import burglary, in_development

    assert item_papers(scenario.public_item, members=True) == []
    in_development(scenario.board)
    assert item_papers(scenario.public_item, members=True) == []
    seed_indicators(scenario.other)  # another board's figures are not this board's
    assert item_papers(scenario.public_item, members=True) == []
    burglary(scenario.board)
    later = agenda_item_add(
        meeting=scenario.meeting, number="3", title="Performance data", role="performance_report"
    )
    assert len(item_papers(scenario.public_item, members=True)) == 1
    assert item_papers(later, members=True) == []  # only the first performance item


def test_a_withheld_performance_item_gives_the_public_nothing(scenario):
    from cspboard.meetings.services import agenda_item_add
    from cspboard.performance.pack import item_papers

    seed_indicators(scenario.board)
    meeting = scenario.draft  # 27 June 2018
    item = agenda_item_add(
        meeting=meeting,
        number="2",
        title="Performance exceptions",
        role="performance_report",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
    )
    (public,) = item_papers(item, members=False)
    assert public.withheld and public.pdf == b""
    assert "paragraph 1" in public.legal_basis
    (members,) = item_papers(item, members=True)
    assert members.withheld and members.pdf.startswith(b"%PDF-")


def test_the_report_month_is_the_analysts_latest_before_the_meeting(scenario):
    """Counted figures (crime data) are there every month; the report goes to the last month
    the analysts entered, as the seeds' March 2018 report goes to January."""
    import datetime

    from cspboard.performance.choices import DataSource, GeographyLevel
    from cspboard.performance.models import CrimeCount
    from cspboard.performance.pack import report_month
    from cspboard.performance.services import indicator_create
    from cspboard.performance.tests.factories_web import burglary

    indicator_create(
        board=scenario.board,
        name="Robbery",
        data_source=DataSource.CRIME_COUNTS,
        count_level=GeographyLevel.BOROUGH,
        count_area_name="Barking and Dagenham",
    )
    for month in (1, 2, 3):
        CrimeCount.objects.create(
            level=GeographyLevel.BOROUGH,
            area_name="Barking and Dagenham",
            major_category="Robbery",
            minor_category="Personal Property",
            month=datetime.date(2018, month, 1),
            count=60,
        )
    assert report_month(scenario.board, datetime.date(2018, 3, 28)) == datetime.date(2018, 2, 1)
    burglary(scenario.board)
    assert report_month(scenario.board, datetime.date(2018, 3, 28)) == datetime.date(2018, 1, 1)
    assert report_month(scenario.board, datetime.date(2017, 6, 1)) == datetime.date(2017, 5, 1)
    assert report_month(scenario.board, datetime.date(2015, 6, 1)) is None


def test_both_packs_share_one_layout_of_the_report_until_a_figure_changes(scenario, monkeypatch):
    from cspboard.performance import pdf
    from cspboard.performance.models import Measurement
    from cspboard.performance.pack import item_papers

    seed_indicators(scenario.board, scenario.subgroup)
    calls = []
    real = pdf.report_pdf
    monkeypatch.setattr(pdf, "report_pdf", lambda *a, **k: calls.append(1) or real(*a, **k))
    public = item_papers(scenario.public_item, members=False)[0].pdf
    members = item_papers(scenario.public_item, members=True)[0].pdf
    assert public == members and len(calls) == 1
    figure = Measurement.objects.filter(indicator__board=scenario.board).first()
    figure.value += 1
    figure.save()  # the record moved: the next pack lays the report out again
    item_papers(scenario.public_item, members=False)
    assert len(calls) == 2
