from django import forms

from cspboard.core.forms import GovukServiceForm
from cspboard.meetings.choices import SecurityMarking
from cspboard.meetings.forms import DateField, require_paragraph_for_withheld, schedule_12a_field

from .choices import FindingSource, PlaceKind


class PlaceForm(GovukServiceForm):
    """A place of concern: the service checks the point and the slug."""

    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the place's name"}
    )
    slug = forms.CharField(
        label="Short name for its web address",
        max_length=80,
        required=False,
        help_text="Letters, numbers and hyphens. Leave blank to make one from the name.",
    )
    kind = forms.ChoiceField(label="What sort of place", choices=PlaceKind.choices)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    latitude = forms.CharField(
        label="Latitude",
        required=False,
        help_text="In decimal degrees, for example 51.5394. Leave both blank if not yet known.",
    )
    longitude = forms.CharField(
        label="Longitude", required=False, help_text="In decimal degrees, for example 0.0812."
    )
    area = forms.ModelChoiceField(
        label="Ward or area", queryset=None, required=False, empty_label="Not set"
    )
    security_marking = forms.ChoiceField(
        label="Security marking",
        choices=SecurityMarking.choices,
        initial=SecurityMarking.UNRESTRICTED,
    )
    schedule_12a_paragraph = schedule_12a_field("Withhold from the public under Schedule 12A")

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs["class"] = "govuk-input govuk-input--width-10"
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    def clean(self):
        cleaned = super().clean()
        require_paragraph_for_withheld(self, cleaned, "place")
        return cleaned


class FindingForm(GovukServiceForm):
    """What was found at a place, how, when and by whom."""

    source = forms.ChoiceField(
        label="How it was found",
        choices=FindingSource.choices,
        error_messages={"required": "Choose how it was found"},
    )
    found_on = DateField(label="Date found")
    reported_by_organisation = forms.ModelChoiceField(
        label="Organisation that reported it",
        queryset=None,
        required=False,
        empty_label="None of these",
    )
    reported_by = forms.CharField(
        label="Or who reported it",
        max_length=200,
        required=False,
        help_text="For example, “Ward councillors” or “Women's safety survey respondents”.",
    )
    text = forms.CharField(
        label="What was found",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what was found"},
    )
    security_marking = forms.ChoiceField(
        label="Security marking",
        choices=SecurityMarking.choices,
        initial=SecurityMarking.UNRESTRICTED,
        help_text="Partner intelligence is often RESTRICTED.",
    )
    schedule_12a_paragraph = schedule_12a_field("Withhold from the public under Schedule 12A")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_by_organisation"].queryset = organisations

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("reported_by_organisation")
            and not (cleaned.get("reported_by") or "").strip()
        ):
            if "reported_by" not in self.errors:
                self.add_error(
                    "reported_by", "Choose the organisation that reported it, or say who did"
                )
        require_paragraph_for_withheld(self, cleaned, "finding")
        return cleaned


class ActionLinkForm(GovukServiceForm):
    action = forms.ModelChoiceField(
        label="Action",
        queryset=None,
        empty_label="Choose an action",
        error_messages={"required": "Choose an action to link"},
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = actions
        self.fields["action"].label_from_instance = lambda a: (
            f"{a.board.name}: action {a.number} – {a.text[:80]}"
        )
