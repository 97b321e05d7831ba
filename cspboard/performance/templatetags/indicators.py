"""Figures as the report prints them: "1309", "17.9%", "594.0"; a missing month is "–"."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.safestring import mark_safe

from cspboard.performance import sentences

register = template.Library()

TENTH = Decimal("0.1")


def figure_text(value, measure: str = "count") -> str:
    if value is None or value == "":
        return "–"
    value = Decimal(value)
    if measure == "percentage":
        return f"{value.quantize(TENTH, ROUND_HALF_UP)}%"
    if measure == "rate" or value != value.to_integral_value():
        return f"{value.quantize(TENTH, ROUND_HALF_UP)}"
    return f"{value.quantize(Decimal(1))}"


@register.filter
def figure(value, indicator=None) -> str:
    """An indicator's figure; pass the indicator to show a percentage or a rate as such."""
    return figure_text(value, getattr(indicator, "measure", "count"))


@register.simple_tag
def figure_cell(value, indicator=None) -> str:
    """A table cell's figure: a missing month is a dash that screen readers hear as "no data"."""
    if value is None:
        return mark_safe(  # noqa: S308 - fixed text
            '<span aria-hidden="true">–</span><span class="govuk-visually-hidden">no data</span>'
        )
    return figure(value, indicator)


@register.filter
def signed_percent(value) -> str:
    """13.0 -> "Up 13.0%", -2.1 -> "Down 2.1%", 0 -> "No change"; None -> "–"."""
    if value is None or value == "":
        return "–"
    value = Decimal(value).quantize(TENTH, ROUND_HALF_UP)
    if value == 0:
        return "No change"
    return f"{'Up' if value > 0 else 'Down'} {abs(value)}%"


def _wording(indicator):
    return sentences.Wording(
        measure=indicator.measure,
        unit=indicator.unit,
        rate_per=indicator.rate_per,
        population_label=indicator.population_label,
    )


@register.filter
def quantity(value, indicator) -> str:
    """A figure with its unit, as the sentences say it: "1309 offences", "17.9%"."""
    return "–" if value is None else sentences.quantity(Decimal(value), _wording(indicator))


@register.filter
def change(value, indicator) -> str:
    """A change with its sign and unit: "+263 offences", "-8.1 percentage points"."""
    if value is None:
        return "–"
    if not value:
        return "No change"
    return sentences.signed_change(Decimal(value), _wording(indicator))
