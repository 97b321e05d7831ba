from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(value) -> str:
    """£451,054 or £1,200.50; blank for no amount."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"£{value:,.0f}"
    return f"£{value:,.2f}"


@register.filter
def figure(value) -> str:
    """12 or 12.5, never 12.00; blank for none."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value.normalize():,f}"


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
