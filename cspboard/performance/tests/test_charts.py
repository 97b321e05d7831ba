"""The indicator chart: well-formed SVG, labelled, the same bytes for the same figures."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal
from types import SimpleNamespace

import pytest

from cspboard.performance.charts import MONTH_LABELS, chart_svg, indicator_chart_svg

SVG = "{http://www.w3.org/2000/svg}"
BURGLARY_1718 = [133, 159, 90, 128, 113, 106, 145, 115, 144, 176, None, None]
BURGLARY_1617 = [89, 119, 110, 87, 87, 94, 101, 97, 119, 143, 171, 137]


def burglary(**kwargs) -> str:
    arguments = {
        "title": "Burglary: monthly figures",
        "this_label": "2017/18",
        "last_label": "2016/17",
        "this_year": BURGLARY_1718,
        "last_year": BURGLARY_1617,
        "unit": "offences",
    }
    return chart_svg(**(arguments | kwargs))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, in a test


def texts(svg: str) -> list[str]:
    root = parse(svg)
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]


def test_the_chart_is_well_formed_svg_announced_as_one_image():
    svg = burglary()
    root = parse(svg)  # raises on anything not well-formed
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Burglary: monthly figures"
    assert root.find(f"{SVG}title").text == "Burglary: monthly figures"
    assert root.get("width") == "100%" and root.get("viewBox")
    assert not svg.startswith("<?xml") and "<!DOCTYPE" not in svg


def test_the_chart_carries_the_month_and_year_labels():
    labels = texts(burglary())
    for month in MONTH_LABELS:
        assert month in labels
    assert "2017/18" in labels and "2016/17" in labels
    assert "Offences" in labels


def test_the_same_figures_draw_the_same_bytes():
    assert burglary() == burglary()
    assert burglary() != burglary(this_year=[*BURGLARY_1718[:9], 1, None, None])


def test_no_date_or_generator_in_the_output():
    svg = burglary()
    assert "<metadata" not in svg
    assert str(datetime.date.today().year) not in svg


def test_charts_on_one_page_share_no_ids():
    first, second = burglary(salt="indicator-1"), burglary(salt="indicator-2")
    ids = lambda svg: {e.get("id") for e in parse(svg).iter() if e.get("id")}  # noqa: E731
    assert ids(first) and not ids(first) & ids(second)
    # every reference still points at an id of its own chart
    root = parse(first)
    references = [
        value[1:]
        for element in root.iter()
        for name, value in element.attrib.items()
        if name.endswith("href") and value.startswith("#")
    ]
    assert references and set(references) <= ids(first)


def test_a_missing_month_is_a_gap_not_a_zero():
    """The line of this year stops at January: no point is drawn at 0 for February or March."""
    uses = lambda svg: len(list(parse(svg).iter(f"{SVG}use")))  # noqa: E731
    with_gaps = burglary()
    zeros = burglary(this_year=[*BURGLARY_1718[:10], 0, 0])
    assert uses(zeros) == uses(with_gaps) + 2  # two more markers drawn


def test_a_percentage_axis():
    labels = texts(
        burglary(
            this_year=[22.7, 17.1, 17.1, 17.1, 14.3, 15.2, 17.3, 18.1, 17.2, 17.9, None, None],
            last_year=[29.6, 26.4, 25.3, 26.3, 24.8, 24.5, 22.9, 24.4, 25.7, 26.0, 28.1, 28.2],
            percent=True,
            unit="",
        )
    )
    assert any(label.endswith("%") for label in labels)


@pytest.mark.django_db
def test_an_indicator_summary_is_drawn_and_kept(django_assert_num_queries):
    figure = lambda value: SimpleNamespace(value=value, benchmark=None)  # noqa: E731
    summary = SimpleNamespace(
        indicator=SimpleNamespace(pk=7, name="Burglary", unit="offences", measure="count"),
        month=datetime.date(2018, 1, 1),
        financial_year="2017/18",
        this_year=[figure(None if v is None else Decimal(v)) for v in BURGLARY_1718],
        last_year=[figure(Decimal(v)) for v in BURGLARY_1617],
    )
    svg = indicator_chart_svg(summary)
    assert "Burglary: monthly figures, 2017/18 against the year before" in svg
    assert "2016/17" in texts(svg)
    assert indicator_chart_svg(summary) == svg
