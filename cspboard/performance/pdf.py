"""The performance report as a PDF paper: the same content as the page, laid out for print.

An introduction and the executive summary, the summary tables by subgroup, then one page per
indicator (its definition, chart and monthly table, year-to-date figures, sentence, rating and
commentary). WeasyPrint lays it out; page numbers are printed at the foot unless the paper goes
into an agenda pack, which numbers its pages itself.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from .entries import report_buckets, report_entries


def report_html(report, *, page_numbers: bool = True) -> str:
    return render_to_string(
        "performance/pdf/report.html",
        {
            "report": report,
            "board": report.board,
            "buckets": report_buckets(report),
            "entries": report_entries(report),
            "page_numbers": page_numbers,
        },
    )


def report_pdf(report, *, page_numbers: bool = True) -> bytes:
    """The board's report for its month as PDF bytes."""
    from weasyprint import HTML  # imported late: it loads pango, which only PDFs need

    return HTML(string=report_html(report, page_numbers=page_numbers)).write_pdf()
