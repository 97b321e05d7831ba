"""The check that a stored performance report is the live one, shared by the stored report's
tests (test_stored.py) and the demo data's (cspboard/tests/test_demo_performance_stored.py)."""

from django.core.cache import cache

from cspboard.performance import charts, stored
from cspboard.performance.models import StoredReport
from cspboard.performance.pdf import report_html
from cspboard.performance.report import months_with_data, performance_report
from cspboard.performance.tests.factories_web import REPORT_MONTH


def stored_row(board, month=REPORT_MONTH, viewer=StoredReport.PUBLISHED):
    return StoredReport.objects.filter(board=board, month=month, viewer=viewer).first()


def assert_same_as_live(board, month, drafts):
    """The stored report equals the one computed now: every figure, rating, sentence and
    indicator field, the sections and buckets, the charts, and the PDF's HTML made from it."""
    cache.clear()
    stored.report_ready(board=board, month=month, drafts=drafts)
    viewer = StoredReport.DRAFTS if drafts else StoredReport.PUBLISHED
    row = stored_row(board, month, viewer)
    assert row is not None and row.version == stored.data_version(board)
    kept = stored.report_from_content(board, row.content)
    cache.clear()
    live = performance_report(board=board, month=month, drafts=drafts)
    assert kept == live  # the dataclasses: figures, months, ratings, sentences, sections
    for a, b in zip(kept.indicators, live.indicators, strict=True):
        assert stored._indicator_data(a.indicator) == stored._indicator_data(b.indicator)
        assert a.rating_label == b.rating_label and a.overridden == b.overridden
        if not b.indicator.in_development:
            cache.clear()
            assert kept.charts[charts.chart_key(a)] == charts.indicator_chart_svg(b)
    assert [m.isoformat() for m in months_with_data(board)] == row.content["months"]
    cache.clear()
    assert report_html(kept) == report_html(live)
    assert row.body == stored.body_html(live, can_enter=drafts)
