"""Performance pages, one module a part: the report's pages (`report_pages.py`: the report, its
PDF, an indicator's page, publishing, a meeting's report, the hotspot table), data entry
(`data_entry.py`: the index, the grid, uploads) and the indicators' own form (`indicators.py`).
"""

from .data_entry import data_grid, data_index, upload
from .indicators import indicator_form
from .report_pages import (
    hotspots,
    indicator,
    meeting_report,
    publish,
    report,
    report_latest,
    report_pdf,
)

__all__ = [
    "data_grid",
    "data_index",
    "hotspots",
    "indicator",
    "indicator_form",
    "meeting_report",
    "publish",
    "report",
    "report_latest",
    "report_pdf",
    "upload",
]
