"""The stored report: the same as the live one, never served after its data changed, drafts
kept from the public, refreshed by the worker's task."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from cspboard.performance import changes, charts, stored
from cspboard.performance.choices import Series
from cspboard.performance.models import Measurement, StoredReport
from cspboard.performance.report import months_with_data, performance_report
from cspboard.performance.services import (
    commentary_set,
    measurements_save,
    population_set,
    rating_override_set,
    report_commentary_publish,
)
from cspboard.performance.tests.factories_web import REPORT_MONTH, analyst_of, seed_indicators
from cspboard.performance.tests.stored_checks import assert_same_as_live, stored_row

pytestmark = pytest.mark.django_db

REPORT = "/boards/csp/performance/2018-01/"
PDF = REPORT + "report.pdf"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def seeded(scenario):
    scenario.indicators = seed_indicators(scenario.board, scenario.subgroup)
    scenario.analyst = analyst_of(scenario.board)
    rating_override_set(
        indicator=scenario.indicators["gun"],
        month=REPORT_MONTH,
        rating="green",
        reason="Gun crime is low and steady",
    )
    commentary_set(
        indicator=scenario.indicators["burglary"], month=REPORT_MONTH, text="Published words."
    )
    report_commentary_publish(board=scenario.board, month=REPORT_MONTH)
    commentary_set(
        indicator=scenario.indicators["burglary"], month=REPORT_MONTH, text="Draft words."
    )
    cache.clear()
    return scenario


def rename(board, name):
    board.name = name
    board.save(update_fields=["name"])  # as the admin does: boards have no rename service


@pytest.mark.parametrize("drafts", [False, True])
def test_the_stored_report_is_the_live_report(seeded, drafts):
    assert_same_as_live(seeded.board, REPORT_MONTH, drafts)


def test_the_page_reads_the_stored_report_without_drawing(client, seeded, monkeypatch):
    assert client.get(REPORT).status_code == 200  # computed and stored
    cache.clear()  # a new process: nothing in memory

    def no_drawing(**kwargs):
        raise AssertionError("a chart was drawn")

    monkeypatch.setattr(charts, "chart_svg", no_drawing)
    monkeypatch.setattr(stored, "performance_report", no_drawing)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert response.content.decode().count('role="img"') == 4


def test_the_public_page_hit_is_a_few_queries(client, seeded, django_assert_num_queries):
    client.get(REPORT)
    cache.clear()
    # the cache generations and the boards' slugs (the page cache's key), the board, the data
    # version, the stored report (its revisions since a pack carried the month rendered in it)
    with django_assert_num_queries(5):
        assert client.get(REPORT).status_code == 200


def test_a_changed_figure_is_never_served_stale(client, seeded):
    assert "(1309 offences)" in client.get(REPORT).content.decode()
    before = stored_row(seeded.board).version
    # the task is queued after the commit, which a test never reaches: the page computes live
    measurements_save(
        indicator=seeded.indicators["burglary"],
        series=Series.LOCAL,
        values={REPORT_MONTH: (Decimal(186), None)},
    )
    assert stored.data_version(seeded.board) != before
    assert "(1319 offences)" in client.get(REPORT).content.decode()
    assert stored_row(seeded.board).version == stored.data_version(seeded.board)


def test_a_figure_saved_outside_the_services_is_never_served_stale(client, seeded):
    client.get(REPORT)
    figure = Measurement.objects.get(
        indicator=seeded.indicators["burglary"], series=Series.LOCAL, month=REPORT_MONTH
    )
    figure.value = Decimal(186)
    figure.save()  # as the admin would
    assert "(1319 offences)" in client.get(REPORT).content.decode()
    figure.delete()
    assert "(1319 offences)" not in client.get(REPORT).content.decode()


def test_shared_data_and_names_move_the_version(seeded):
    versions = [stored.data_version(seeded.board)]
    from cspboard.performance.services import area_create

    area = area_create(name="Somewhere", slug="somewhere", lsoas=["E01000001"])
    versions.append(stored.data_version(seeded.board))
    population_set(area=area, year=2017, population=1000)
    versions.append(stored.data_version(seeded.board))
    rename(seeded.subgroup, "Violence Against Women and Girls")
    versions.append(stored.data_version(seeded.board))
    assert len(set(versions)) == len(versions)


def test_a_renamed_subgroup_shows_at_once(client, seeded):
    client.get(REPORT)
    rename(seeded.subgroup, "Violence Against Women and Girls")
    assert "Violence Against Women and Girls" in client.get(REPORT).content.decode()


def test_drafts_never_reach_the_public(client, seeded):
    client.force_login(seeded.analyst)
    assert "Draft words." in client.get(REPORT).content.decode()
    client.logout()
    cache.clear()
    page = client.get(REPORT).content.decode()
    assert "Published words." in page and "Draft words." not in page
    public = stored_row(seeded.board)
    assert "Draft words." not in str(public.content)
    assert "Draft words." in str(stored_row(seeded.board, viewer=StoredReport.DRAFTS).content)
    pdf_text = client.get(PDF).content
    assert pdf_text.startswith(b"%PDF-")


def test_the_pdf_is_stored_with_the_report_and_made_again_after_a_change(
    client, seeded, monkeypatch
):
    first = client.get(PDF).content
    assert bytes(stored_row(seeded.board).pdf) == first
    from cspboard.performance import pdf

    def no_layout(*args, **kwargs):
        raise AssertionError("laid out again")

    monkeypatch.setattr(pdf, "report_pdf", no_layout)
    assert client.get(PDF).content == first
    monkeypatch.undo()
    measurements_save(
        indicator=seeded.indicators["burglary"],
        series=Series.LOCAL,
        values={REPORT_MONTH: (Decimal(186), None)},
    )
    second = client.get(PDF).content
    assert second != first and second.startswith(b"%PDF-")


def test_a_month_without_figures_stores_nothing(client, seeded):
    assert client.get("/boards/csp/performance/2030-01/").status_code == 404
    assert client.get("/boards/csp/performance/2030-01/report.pdf").status_code == 404
    assert not StoredReport.objects.filter(month=datetime.date(2030, 1, 1)).exists()


@override_settings(TASKS=IMMEDIATE)
def test_a_change_queues_one_refresh_which_stores_the_latest_month_and_its_pdf(
    seeded, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(changes, "_enqueue_refresh", lambda: queued.append(1))
    with django_capture_on_commit_callbacks(execute=True):
        measurements_save(
            indicator=seeded.indicators["burglary"],
            series=Series.LOCAL,
            values={REPORT_MONTH: (Decimal(186), None), datetime.date(2017, 12, 1): (150, None)},
        )
        commentary_set(indicator=seeded.indicators["gun"], month=REPORT_MONTH, text="Words.")
    assert queued == [1]  # once for the transaction, however many writes

    monkeypatch.undo()
    # A test's transaction never commits: the fixture's refresh still waits for it. Forget it,
    # so that this transaction queues its own.
    transaction.get_connection().run_on_commit.clear()
    with django_capture_on_commit_callbacks(execute=True):
        measurements_save(
            indicator=seeded.indicators["burglary"],
            series=Series.LOCAL,
            values={REPORT_MONTH: (Decimal(187), None)},
        )
    latest = months_with_data(seeded.board)[-1]
    row = stored_row(seeded.board, latest)
    assert row.version == stored.data_version(seeded.board) and row.pdf
    report = stored.report_from_content(seeded.board, row.content)
    assert report == performance_report(board=seeded.board, month=latest)


def test_the_refresh_brings_stale_rows_up_to_date_and_keeps_unchanged_pdfs(client, seeded):
    client.get(PDF)  # January 2018 stored with its PDF
    client.force_login(seeded.analyst)
    client.get("/boards/csp/performance/2017-06/")  # a drafts row of another month
    pdf_before = bytes(stored_row(seeded.board).pdf)
    population_set(area=_area(), year=2017, population=1000)  # read by no indicator
    computed = stored.refresh()
    version = stored.data_version(seeded.board)
    rows = StoredReport.objects.filter(board=seeded.board)
    assert {r.version for r in rows} == {version}
    assert computed == rows.count()
    assert bytes(stored_row(seeded.board).pdf) == pdf_before  # the same report: the same PDF
    assert stored.refresh() == 0  # nothing stale any more


def _area():
    from cspboard.performance.services import area_create

    return area_create(name="Somewhere", slug="somewhere", lsoas=["E01000001"])
