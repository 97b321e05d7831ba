"""Forms for the performance pages. They check input; the services apply the rules."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.forms.models import fields_for_model

from cspboard.core.forms import GovukForm, SpreadsheetForm

from .choices import Rating
from .models import Indicator
from .months import MonthRange, add_months
from .uploads import parse_number

ALL = ""


def month_label(month: datetime.date) -> str:
    return f"{month:%B %Y}"


class HotspotForm(GovukForm):
    """A crime type, a run of months and an area: the places with most crimes (a GET form)."""

    crime_type = forms.ChoiceField(label="Crime type", required=False)
    area = forms.ChoiceField(label="Area", required=False)
    first = forms.ChoiceField(
        label="From", error_messages={"required": "Choose the first month of the period"}
    )
    last = forms.ChoiceField(
        label="To", error_messages={"required": "Choose the last month of the period"}
    )

    # Months shown by default: the latest three with data, against the three before them.
    DEFAULT_MONTHS = 3

    def __init__(self, data=None, *, crime_types, areas, months, **kwargs):
        self.months = list(months)
        self.areas = {area.slug: area for area in areas}
        if data is not None and not any(k in data for k in ("first", "last", "crime_type")):
            data = None  # a first visit: show the defaults, not "choose a month" errors
        if data is None and self.months:
            latest = self.months[-1]
            start = max(add_months(latest, 1 - self.DEFAULT_MONTHS), self.months[0])
            kwargs["initial"] = {
                "first": start.isoformat(),
                "last": latest.isoformat(),
                "area": next(iter(self.areas), ALL),
            }
            data = {**kwargs["initial"], "crime_type": ALL}
        super().__init__(data, **kwargs)
        self.fields["crime_type"].choices = [(ALL, "All crime types")] + [
            (name, name) for name in crime_types
        ]
        self.fields["area"].choices = [(slug, area.name) for slug, area in self.areas.items()] + [
            (ALL, "Everywhere in the imported data")
        ]
        month_choices = [(m.isoformat(), month_label(m)) for m in self.months]
        self.fields["first"].choices = month_choices
        self.fields["last"].choices = month_choices

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last:
            first_month = datetime.date.fromisoformat(first)
            last_month = datetime.date.fromisoformat(last)
            if last_month < first_month:
                self.add_error("last", "The last month must be the same as or after the first")
            else:
                cleaned["months"] = MonthRange(first_month, last_month)
        cleaned["area_obj"] = self.areas.get(cleaned.get("area") or ALL)
        cleaned["crime_types"] = [cleaned["crime_type"]] if cleaned.get("crime_type") else None
        return cleaned


# Data entry -------------------------------------------------------------------------------------


def _number_input(field: forms.Field) -> forms.Field:
    field.widget.attrs.update(
        {
            "class": "govuk-input govuk-input--width-5",
            "inputmode": "decimal",
            "spellcheck": "false",
            "autocomplete": "off",
        }
    )
    return field


class FiguresForm(GovukForm):
    """A financial year's figures of one indicator: a row per month, April to March, with the
    value (and the denominator, for a percentage) and the benchmark's figure. A blank value
    removes that month's figure; nothing is ever read as 0 unless 0 is typed."""

    def __init__(self, data=None, *, months, percentage: bool, local: bool, **kwargs):
        super().__init__(data, **kwargs)
        self.months = list(months)
        self.percentage = percentage
        self.local = local
        for month in self.months:
            key = f"{month:%Y-%m}"
            name = month_label(month)
            if local:
                self.fields[f"value-{key}"] = _number_input(
                    forms.CharField(required=False, label=f"{name}: value")
                )
                if percentage:
                    self.fields[f"denominator-{key}"] = _number_input(
                        forms.CharField(required=False, label=f"{name}: out of")
                    )
            self.fields[f"benchmark-{key}"] = _number_input(
                forms.CharField(required=False, label=f"{name}: benchmark")
            )

    def rows(self):
        """The bound fields month by month, for the grid's table."""
        for month in self.months:
            key = f"{month:%Y-%m}"
            yield {
                "month": month,
                "value": self[f"value-{key}"] if self.local else None,
                "denominator": self[f"denominator-{key}"]
                if self.local and self.percentage
                else None,
                "benchmark": self[f"benchmark-{key}"],
            }

    def _number(self, name: str, what: str):
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        number = parse_number(text)
        if number is None:
            self.add_error(name, f"{what} must be a number, like 133 or 17.5")
        elif number < 0:
            self.add_error(name, f"{what} cannot be below zero")
        elif number >= Decimal("1e10") or -number.as_tuple().exponent > 4:
            self.add_error(name, f"{what} is too large or has more than 4 decimal places")
        else:
            return number
        return None

    def clean(self):
        cleaned = super().clean()
        local: dict[datetime.date, tuple] = {}
        benchmark: dict[datetime.date, tuple] = {}
        for month in self.months:
            key, name = f"{month:%Y-%m}", month_label(month)
            if self.local:
                value = self._number(f"value-{key}", f"{name}'s value")
                denominator = None
                if self.percentage:
                    denominator = self._number(f"denominator-{key}", f"{name}'s “out of”")
                    if (
                        denominator is not None
                        and value is None
                        and not self.has_error(f"value-{key}")
                    ):
                        self.add_error(f"value-{key}", f"Enter {name}'s value, or clear “out of”")
                    elif denominator == 0:
                        self.add_error(f"denominator-{key}", f"{name}'s “out of” must be above 0")
                    elif value is not None and denominator is not None and value > denominator:
                        self.add_error(
                            f"value-{key}", f"{name}'s value is more than the number it is out of"
                        )
                    elif value is not None and denominator is None and value > 100:
                        self.add_error(
                            f"value-{key}",
                            f"{name}'s value is over 100%: enter the number it is out of",
                        )
                local[month] = (value, denominator)
            benchmark[month] = (self._number(f"benchmark-{key}", f"{name}'s benchmark"), None)
        cleaned["local"], cleaned["benchmark"] = local, benchmark
        return cleaned


class UploadForm(SpreadsheetForm):
    """A CSV or XLSX file of monthly figures (read and checked in `uploads`)."""


# The analyst's rating and commentary ------------------------------------------------------------


def _rating_choices():
    return [(value, label) for value, label in Rating.choices if value]


class OverrideForm(GovukForm):
    """The analyst's own rating of an indicator for the month, with the reason the report shows."""

    rating = forms.ChoiceField(
        label="Rating",
        choices=_rating_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the rating", "invalid_choice": "Choose the rating"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Shown in the report beside the rating",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Give the reason for the rating"},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Give the reason for the rating")
        return reason


class CommentaryForm(GovukForm):
    """The analyst's commentary (actions to sustain or improve performance) for the month."""

    text = forms.CharField(
        label="Commentary: actions to sustain or improve performance",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
    )
    benchmark_percent_change = forms.DecimalField(
        label="The benchmark's change as published, in per cent",
        help_text="Only when the benchmark's own figures are not entered: for “up 13.0%” "
        "enter 13.0, for “down 2.1%” enter -2.1",
        required=False,
        max_digits=8,
        decimal_places=1,
        error_messages={
            "invalid": "Enter the benchmark's change as a number, like 13.0 or -2.1",
            "max_decimal_places": "Enter the benchmark's change to one decimal place",
            "max_digits": "Enter the benchmark's change as a number, like 13.0 or -2.1",
            "max_whole_digits": "Enter the benchmark's change as a number, like 13.0 or -2.1",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["benchmark_percent_change"].widget
        widget.input_type = "text"
        widget.attrs.update({"class": "govuk-input govuk-input--width-5", "inputmode": "decimal"})


# Indicators -------------------------------------------------------------------------------------

# The indicator's own fields, as the model defines them (labels, choices, sizes).
INDICATOR_FIELDS = (
    "number",
    "name",
    "short_name",
    "slug",
    "position",
    "unit",
    "source",
    "definition",
    "how_it_works",
    "what_good_looks_like",
    "why_important",
    "issues_to_consider",
    "lead_officer",
    "in_development",
    "measure",
    "rate_per",
    "population_label",
    "year_to_date_figures",
    "data_source",
    "count_level",
    "count_area_name",
    "benchmark_count_area_name",
    "target_kind",
    "target_value",
    "range_low",
    "range_high",
    "green_percent",
    "red_percent",
    "benchmark_label",
)
LIST_FIELDS = ("count_major_categories", "count_categories")
CHOICE_OBJECTS = ("subgroup", "area", "population_area")


def _lines(value) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class _IndicatorFormBase(GovukForm):
    """An indicator of the board: the seeds' one-page fields, how it is measured, where its
    figures come from, its target. The service (`indicator_create` / `indicator_update`) and the
    model's own checks decide what goes with what."""

    subgroup = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="None: the board itself", label="Subgroup"
    )
    area = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="None",
        label="Area whose police.uk street crimes are counted",
    )
    population_area = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="None",
        label="Area whose population a rate is of",
    )
    crime_types = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Police.uk crime types counted",
    )
    count_major_categories = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Recorded-crime major categories counted",
        help_text="One a line, as the Metropolitan Police's files write them",
    )
    count_categories = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Recorded-crime minor categories counted",
        help_text="One a line; with no categories at all, all recorded crime is counted",
    )

    def __init__(self, *args, board, subgroups, areas, crime_types, instance=None, **kwargs):
        if instance is not None:
            initial = {name: getattr(instance, name) for name in INDICATOR_FIELDS}
            initial |= {name: getattr(instance, f"{name}_id") for name in CHOICE_OBJECTS}
            initial["crime_types"] = list(instance.crime_types)
            for name in LIST_FIELDS:
                initial[name] = "\n".join(getattr(instance, name))
            kwargs["initial"] = initial | kwargs.get("initial", {})
        super().__init__(*args, **kwargs)
        self.board = board
        self.fields["subgroup"].queryset = subgroups
        self.fields["area"].queryset = areas
        self.fields["population_area"].queryset = areas
        known = list(crime_types)
        if instance is not None:
            known += [t for t in instance.crime_types if t not in known]
        self.fields["crime_types"].choices = [(t, t) for t in known]
        self.fields["slug"].required = False
        self.fields[
            "slug"
        ].help_text = "Used in addresses and uploads; made from the name when left blank"
        self.fields["position"].required = False
        self.fields["name"].error_messages["required"] = "Enter the indicator's name"

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for name in LIST_FIELDS:
            data[name] = _lines(data.get(name))
        data["crime_types"] = list(data.get("crime_types") or [])
        if data.get("position") is None:
            data.pop("position", None)
        return data

    def add_service_errors(self, error) -> None:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        else:
            for message in error.messages:
                self.add_error(None, message)


def _indicator_form_class():
    fields = fields_for_model(Indicator, fields=INDICATOR_FIELDS)
    for field in fields.values():
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs["rows"] = 3
    return type("IndicatorForm", (_IndicatorFormBase,), dict(fields))


IndicatorForm = _indicator_form_class()


class MeetingReportForm(GovukForm):
    """The month of the performance report a meeting's agenda pack carries, or the default."""

    month = forms.ChoiceField(
        label="The report's month",
        help_text="Financial year to date figures to the end of this month",
        required=False,
        error_messages={"invalid_choice": "Choose one of the months with figures"},
    )

    def __init__(self, *args, months: list[datetime.date], **kwargs):
        super().__init__(*args, **kwargs)
        default = ("", "The default (worked out from the meeting's dates)")
        self.fields["month"].choices = [default] + [(f"{m:%Y-%m}", f"{m:%B %Y}") for m in months]

    def clean_month(self) -> datetime.date | None:
        value = self.cleaned_data["month"]
        if not value:
            return None
        return datetime.datetime.strptime(value, "%Y-%m").date()
