"""An indicator's chart: this and last financial year's monthly figures, April to March, as SVG.

Drawn with matplotlib's object API (no pyplot: no global figure state shared between requests)
and returned as SVG text to put inside the page or the PDF. The output depends only on the
figures: matplotlib's SVG ids are seeded with a salt made of the indicator and the month, and no
date goes into the metadata, so the same figures always give the same bytes (and a page showing
several charts has no id twice). The figures are always also shown in a table beside the chart;
the chart itself is one image with a text alternative.

Drawing costs tens of milliseconds (and importing matplotlib half a second), so charts are kept
under a hash of everything drawn (`chart_key`): in a stored report (`stored.py`), which a new
process reads without drawing, and in the cache. A change to any figure draws a new one.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import math
import re
from collections.abc import Sequence
from decimal import Decimal

from django.core.cache import cache

from .choices import MeasureKind

MONTH_LABELS = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")
THIS_YEAR_COLOUR = "#1d70b8"  # GOV.UK blue
LAST_YEAR_COLOUR = "#505a5f"  # GOV.UK secondary text
CACHE_SECONDS = 24 * 3600
# Bumped whenever the drawing changes, so cached charts of the old look are not reused.
STYLE_VERSION = "2"

_XML_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)
_SIZE = re.compile(r'\s(width|height)="[^"]*"')
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_ID = re.compile(r'\sid="([^"]+)"')
_ID_OR_REFERENCE = re.compile(r'(\sid="|href="#|url\(#)([^")]+)')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>\s*\*\{([^}]*)\}\s*</style>", re.S)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')


def _number(value) -> float:
    return math.nan if value is None else float(value)


def _percent_axis(value, _position) -> str:
    return f"{value:g}%"


def chart_svg(
    *,
    title: str,
    this_label: str,
    last_label: str,
    this_year: Sequence[Decimal | float | None],
    last_year: Sequence[Decimal | float | None],
    unit: str = "",
    percent: bool = False,
    salt: str = "cspboard",
) -> str:
    """Two lines by month, April to March; a missing month (None) is a gap, never a zero.

    Returns an `<svg>` element (no XML prologue) with `role="img"`, an aria-label and a
    `<title>`, sized to the width of its container."""
    import matplotlib  # imported late: half a second to load, and only charts need it

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    months = range(12)
    figure = Figure(figsize=(7.2, 3.6), dpi=72)
    axes = figure.add_subplot()
    axes.plot(
        months,
        [_number(v) for v in last_year],
        color=LAST_YEAR_COLOUR,
        linestyle="--",
        marker="s",
        markersize=4,
        linewidth=1.5,
        label=last_label,
    )
    axes.plot(
        months,
        [_number(v) for v in this_year],
        color=THIS_YEAR_COLOUR,
        linestyle="-",
        marker="o",
        markersize=5,
        linewidth=2.5,
        label=this_label,
    )
    axes.set_xticks(list(months), MONTH_LABELS)
    axes.set_xlim(-0.5, 11.5)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=not percent))
    if percent:
        axes.yaxis.set_major_formatter(FuncFormatter(_percent_axis))
    elif unit:
        axes.set_ylabel(unit[:1].upper() + unit[1:])
    axes.grid(axis="y", color="#b1b4b6", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    # Fixed margins (room for the axis label and the legend): tight_layout would draw twice.
    figure.subplots_adjust(left=0.11, right=0.83, top=0.95, bottom=0.1)

    out = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "none"}):
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return _accessible(out.getvalue(), title, id_prefix=re.sub(r"[^A-Za-z0-9_-]", "-", salt))


def _unique_ids(svg: str, prefix: str) -> str:
    """matplotlib names its groups "figure_1", "axes_1"...: the same in every chart, so on a
    page of several charts each chart's ids (and the references to them) get its own prefix."""
    ids = set(_ID.findall(svg))

    def prefixed(match: re.Match) -> str:
        name = match.group(2)
        return match.group(1) + (f"{prefix}-{name}" if name in ids else name)

    return _ID_OR_REFERENCE.sub(prefixed, svg)


def _attributes(declarations: str) -> str:
    """ "fill: none; stroke: #000" -> ' fill="none" stroke="#000"'."""
    attributes = []
    for part in declarations.split(";"):
        if ":" in part:
            name, value = part.split(":", 1)
            value = html.escape(value.strip(), quote=False).replace('"', "&quot;")
            attributes.append(f' {name.strip()}="{value}"')
    return "".join(attributes)


def _without_styles(svg: str) -> str:
    """matplotlib styles its SVG with a `<style>` element and `style` attributes, which the
    Content-Security-Policy (style-src 'self') forbids in a page. Every property it uses (fill,
    stroke and its kin, font-size, font-family, text-anchor) is also an SVG presentation
    attribute, which the policy allows: the chart looks the same, in the page and in the PDF.
    The `*{...}` rule becomes attributes on the root, which every element inherits unless it
    sets its own, as the rule did."""
    root_rule = _STYLE_ELEMENT.search(svg)
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = re.sub(r"<defs>\s*</defs>", "", svg)
    svg = _STYLE_ATTRIBUTE.sub(lambda m: _attributes(m.group(1)), svg)
    if root_rule:
        opening_end = svg.index(">")
        svg = svg[:opening_end] + _attributes(root_rule.group(1)) + svg[opening_end:]
    return svg


def _accessible(svg: str, title: str, *, id_prefix: str) -> str:
    """The SVG element alone, scaled to its container, announced as one image with its title."""
    svg = _METADATA.sub("", _XML_PROLOGUE.sub("", svg, count=1), count=1)
    svg = _unique_ids(svg, id_prefix)
    svg = _without_styles(svg)
    label = html.escape(title, quote=True)
    opening_end = svg.index(">")
    opening = _SIZE.sub("", svg[:opening_end])
    opening += f' width="100%" role="img" aria-label="{label}" focusable="false"'
    return f"{opening}><title>{html.escape(title)}</title>{svg[opening_end + 1 :]}".strip()


def chart_title(summary) -> str:
    indicator = summary.indicator
    return (
        f"{indicator.name}: monthly figures, {summary.financial_year} against the year before. "
        "The same figures are in the table beside the chart."
    )


def _previous_financial_year(financial_year: str) -> str:
    """ "2017/18" -> "2016/17"."""
    try:
        start = int(financial_year[:4]) - 1
    except ValueError:
        return "Previous year"
    return f"{start}/{(start + 1) % 100:02d}"


def _drawn(summary) -> dict:
    """Everything the chart of an `IndicatorSummary` shows: its key and its arguments."""
    indicator = summary.indicator
    return {
        "style": STYLE_VERSION,
        "title": chart_title(summary),
        "this_label": summary.financial_year,
        "last_label": _previous_financial_year(summary.financial_year),
        "this_year": [f.value for f in summary.this_year],
        "last_year": [f.value for f in summary.last_year],
        "unit": indicator.unit,
        "percent": indicator.measure == MeasureKind.PERCENTAGE,
        "salt": f"indicator-{indicator.pk}-{summary.month:%Y%m}",
    }


def chart_key(summary) -> str:
    """A hash of everything the summary's chart draws: the same key, the same SVG."""
    drawn = json.dumps(_drawn(summary), default=str, sort_keys=True)
    return "performance-chart:" + hashlib.sha256(drawn.encode()).hexdigest()


def indicator_chart_svg(summary, known: dict[str, str] | None = None) -> str:
    """The chart of an `IndicatorSummary` (from `report.performance_report`): from `known`
    ({chart_key: svg}, the charts of a stored report) or the cache when drawn before."""
    key = chart_key(summary)
    svg = (known or {}).get(key) or cache.get(key)
    if svg is None:
        arguments = {k: v for k, v in _drawn(summary).items() if k != "style"}
        svg = chart_svg(**arguments)
        cache.set(key, svg, CACHE_SECONDS)
    return svg
