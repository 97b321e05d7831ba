"""Forms for running a meeting. They check input; the services apply the rules."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape

from cspboard.boards.choices import ItemRole
from cspboard.core.forms import GovukForm

from .choices import (
    WITHHELD_MARKINGS,
    AttendanceCapacity,
    ItemKind,
    ItemPurpose,
    Schedule12AParagraph,
    SecurityMarking,
)

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I%p", "%I:%M %p", "%I %p"]


def schedule_12a_field(label: str = "Schedule 12A paragraph") -> forms.TypedChoiceField:
    """The choice of paragraph 1-7 of Part 1 of Schedule 12A, or "not withheld"."""
    return forms.TypedChoiceField(
        choices=[("", "Not withheld")] + list(Schedule12AParagraph.choices),
        coerce=int,
        empty_value=None,
        required=False,
        label=label,
        error_messages={"invalid_choice": "Choose a Schedule 12A paragraph from 1 to 7"},
    )


def require_paragraph_for_withheld(form: forms.Form, cleaned: dict, what: str) -> None:
    """A PROTECTED or RESTRICTED marking needs the paragraph that allows withholding it."""
    if (
        cleaned.get("security_marking") in WITHHELD_MARKINGS
        and cleaned.get("schedule_12a_paragraph") is None
    ):
        form.add_error(
            "schedule_12a_paragraph",
            f"Choose the Schedule 12A paragraph that allows this {what} to be withheld",
        )


class DateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("help_text", "For example, 27/03/2024")
        super().__init__(**kwargs)
        self.error_messages["invalid"] = "Enter a real date, for example 27/03/2024"
        self.error_messages["required"] = "Enter the date"

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        return value


class TimeField(forms.TimeField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", TIME_FORMATS)
        kwargs.setdefault("help_text", "For example, 10:00 or 13:30")
        super().__init__(**kwargs)
        self.error_messages["invalid"] = "Enter a real time, for example 10:00 or 13:30"

    def prepare_value(self, value):
        if isinstance(value, datetime.time):
            return value.strftime("%H:%M")
        return value


class MeetingForm(GovukForm):
    date = DateField()
    start_time = TimeField(label="Start time", error_messages={"required": "Enter the start time"})
    end_time = TimeField(label="End time", required=False)
    venue = forms.CharField(max_length=300, required=False)
    online = forms.BooleanField(required=False, label="Held online")
    chair = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Not yet known", label="Chair for this meeting"
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = people
        self.fields["chair"].widget.attrs["class"] = "govuk-select"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The end time must be after the start time")
        return cleaned


MONTHS = [(n, datetime.date(2000, n, 1).strftime("%B")) for n in range(1, 13)]
WEEKDAYS = [
    (n, day)
    for n, day in enumerate(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    )
]
ORDINALS = [
    ("first", "First"),
    ("second", "Second"),
    ("third", "Third"),
    ("fourth", "Fourth"),
    ("last", "Last"),
]


class SeriesForm(GovukForm):
    year = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Enter the year",
            "invalid": "Enter the year as a number, like 2024",
        },
    )
    ordinal = forms.ChoiceField(choices=ORDINALS, label="Which week", initial="last")
    weekday = forms.TypedChoiceField(choices=WEEKDAYS, coerce=int, label="Day", initial=2)
    months = forms.TypedMultipleChoiceField(
        choices=MONTHS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one month"},
        initial=[3, 6, 9, 12],
    )
    start_time = TimeField(label="Start time", error_messages={"required": "Enter the start time"})
    end_time = TimeField(label="End time", required=False)
    venue = forms.CharField(max_length=300, required=False)
    online = forms.BooleanField(required=False, label="Held online")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The end time must be after the start time")
        return cleaned


class CancelForm(GovukForm):
    reason = forms.CharField(
        max_length=300,
        required=False,
        label="Reason (optional)",
        help_text="Members are told this in the e-mail",
    )


class AgendaItemForm(GovukForm):
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the item's title"})
    parent = forms.ModelChoiceField(
        queryset=None, required=False, label="Sub-item of", empty_label="Not a sub-item"
    )
    presenter_text = forms.CharField(
        max_length=300,
        required=False,
        label="Presenter",
        help_text="As it should be printed, for example Chair",
    )
    presenters = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Presenters from the membership",
        widget=forms.CheckboxSelectMultiple,
    )
    minutes_allowed = forms.IntegerField(
        required=False,
        label="Time allowed, in minutes",
        min_value=0,
        max_value=600,
        error_messages={
            "min_value": "Time allowed cannot be negative",
            "invalid": "Enter the time allowed as a whole number of minutes",
        },
    )
    kind = forms.ChoiceField(
        choices=ItemKind.choices, widget=forms.RadioSelect, initial=ItemKind.VERBAL
    )
    purpose = forms.ChoiceField(choices=[("", "Not stated")] + ItemPurpose.choices, required=False)
    role = forms.TypedChoiceField(
        choices=ItemRole.choices,
        initial=ItemRole.ORDINARY,
        required=False,
        empty_value=ItemRole.ORDINARY,
        label="What the item is for",
        help_text="The pack puts the last minutes, the action log, the performance report and "
        "the subgroup updates under the item with that role, whatever its title",
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Text printed under the item",
    )
    security_marking = forms.ChoiceField(
        choices=SecurityMarking.choices, initial=SecurityMarking.UNRESTRICTED
    )
    schedule_12a_paragraph = schedule_12a_field("Withhold from the public under Schedule 12A")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, parents=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        self.fields["presenters"].queryset = people
        self.fields["presenters"].widget.attrs.pop("class", None)

    def clean(self):
        cleaned = super().clean()
        require_paragraph_for_withheld(self, cleaned, "item")
        return cleaned


ATTENDANCE_CHOICES = [
    ("", "Not recorded"),
    ("present", "Present"),
    ("apologies", "Apologies"),
    ("substitute", "Apologies, substitute sent"),
    ("absent", "Absent"),
]


class AttendanceForm(GovukForm):
    """One control per member, and a substitute's name where one came."""

    def __init__(self, *args, members=(), initial_rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        initial_rows = initial_rows or {}
        for person in self.members:
            row = initial_rows.get(person.pk)
            self.fields[f"status_{person.pk}"] = forms.ChoiceField(
                choices=ATTENDANCE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                label=person.display_name,
                initial=row["status"] if row else "",
            )
            self.fields[f"substitute_{person.pk}"] = forms.CharField(
                required=False,
                max_length=200,
                label=f"Substitute for {person.display_name}",
                initial=row["substitute"] if row else "",
            )
            self.fields[f"substitute_{person.pk}"].widget.attrs["class"] = "govuk-input"

    def rows(self):
        for person in self.members:
            yield person, self[f"status_{person.pk}"], self[f"substitute_{person.pk}"]

    def clean(self):
        cleaned = super().clean()
        for person in self.members:
            if (
                cleaned.get(f"status_{person.pk}") == "substitute"
                and not (cleaned.get(f"substitute_{person.pk}") or "").strip()
            ):
                self.add_error(
                    f"substitute_{person.pk}",
                    f"Enter the name of {person.display_name}'s substitute",
                )
        return cleaned


class GuestForm(GovukForm):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the guest's name"})
    capacity = forms.ChoiceField(
        choices=[
            (AttendanceCapacity.GUEST, "Guest"),
            (AttendanceCapacity.PRESENTER, "Presenter"),
            (AttendanceCapacity.NOTE_TAKER, "Note taker"),
            (AttendanceCapacity.OFFICER, "Officer"),
        ],
        initial=AttendanceCapacity.GUEST,
        label="As",
    )


class MinutesForm(GovukForm):
    minutes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text="Write paragraphs separated by a blank line; simple formatting (bold, lists, "
        "tables) may be pasted as HTML. Scripts and styles are removed.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_minutes(self):
        text = self.cleaned_data["minutes"].strip()
        if text and "<" not in text:
            paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
            text = "".join(f"<p>{escape(p)}</p>".replace("\n", "<br>") for p in paragraphs)
        return text


class DecisionForm(GovukForm):
    text = forms.CharField(
        label="Decision",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter the decision"},
    )


class DeclarationForm(GovukForm):
    person = forms.ModelChoiceField(
        queryset=None, label="Who", error_messages={"required": "Choose who made the declaration"}
    )
    item = forms.ModelChoiceField(
        queryset=None, required=False, label="Item", empty_label="The meeting as a whole"
    )
    text = forms.CharField(
        label="Interest",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Describe the interest"},
    )

    def __init__(self, *args, people=None, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is None:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = people
            self.fields["person"].widget.attrs["class"] = "govuk-select"
        self.fields["item"].queryset = items
        self.fields["item"].widget.attrs["class"] = "govuk-select"


class ReviewForm(GovukForm):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve the minutes"), ("return", "Return them with comments")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve the minutes"},
    )
    comments = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not (cleaned.get("comments") or "").strip():
            self.add_error("comments", "Say what needs changing")
        return cleaned


class ConfirmForm(GovukForm):
    at_meeting = forms.ModelChoiceField(
        queryset=None,
        label="Confirmed as correct at the meeting of",
        empty_label="Choose a meeting",
        error_messages={"required": "Choose the meeting that confirmed the minutes"},
    )

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings
        self.fields["at_meeting"].widget.attrs["class"] = "govuk-select"
        self.fields["at_meeting"].label_from_instance = lambda m: f"{m.date:%-d %B %Y}"


def validation_messages(error: ValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as {field: messages} for form.add_error."""
    if hasattr(error, "error_dict"):
        return {k: [m for e in v for m in e.messages] for k, v in error.error_dict.items()}
    return {None: error.messages}
