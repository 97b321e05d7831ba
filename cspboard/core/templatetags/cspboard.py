import datetime

from django import template

register = template.Library()


@register.filter
def govuk_time(value: datetime.time | None) -> str:
    """Times in the GOV.UK style: 10am, 1:30pm, midday, midnight."""
    if value is None:
        return ""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


@register.filter
def minutes(value: int | None) -> str:
    """A length of time in minutes, in words: "1 minute", "20 minutes"."""
    if value is None or value == "":
        return ""
    return f"{value} minute" if int(value) == 1 else f"{value} minutes"
