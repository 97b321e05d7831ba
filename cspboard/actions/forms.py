from django import forms

from cspboard.core.forms import GovukForm, SpreadsheetForm
from cspboard.meetings.forms import DateField

from .choices import Rag


class UpdateForm(GovukForm):
    text = forms.CharField(
        label="Progress update",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the update"},
    )


class RedateForm(GovukForm):
    target_date = DateField(
        label="New target date",
        required=False,
        help_text="For example, 27/03/2024. Leave blank for “to be confirmed”.",
    )


class RagForm(GovukForm):
    rag = forms.ChoiceField(
        label="Rating",
        required=False,
        choices=[("", "Work it out from the dates")] + list(Rag.choices),
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=300,
        help_text="Shown on the action log beside the rating",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rag") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Give the reason for the rating")
        return cleaned


class DuplicateForm(GovukForm):
    of = forms.IntegerField(
        label="Duplicate of action number",
        min_value=1,
        error_messages={
            "required": "Enter the number of the action it repeats",
            "invalid": "Enter the action's number, like 13",
        },
    )


class ProposalForm(GovukForm):
    text = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter what needs to be done"},
    )
    owners = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Owners",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    lead_text = forms.CharField(label="Lead as written", required=False, max_length=300)
    target_date = DateField(
        label="Target date",
        required=False,
        help_text="For example, 27/03/2024. Leave blank for “to be confirmed”.",
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = people
        self.fields["owners"].widget.attrs["class"] = "govuk-select"


class BulkForm(GovukForm):
    actions = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one action"},
    )
    operation = forms.ChoiceField(
        choices=[
            ("close", "Close them"),
            ("redate", "Set a new target date"),
            ("rag", "Rate them"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do"},
    )
    target_date = DateField(label="New target date", required=False)
    rag = forms.ChoiceField(choices=[("", "Choose")] + list(Rag.choices), required=False)
    reason = forms.CharField(required=False, max_length=300, label="Reason for the rating")

    def __init__(self, *args, actions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = actions
        self.fields["actions"].label_from_instance = lambda a: f"{a.number}. {a.text[:90]}"

    def clean(self):
        cleaned = super().clean()
        operation = cleaned.get("operation")
        if operation == "redate" and not cleaned.get("target_date"):
            self.add_error("target_date", "Enter the new target date")
        if operation == "rag":
            if not cleaned.get("rag"):
                self.add_error("rag", "Choose red, amber or green")
            if not (cleaned.get("reason") or "").strip():
                self.add_error("reason", "Give the reason for the rating")
        return cleaned


class ImportForm(SpreadsheetForm):
    """A spreadsheet of actions to import (checked in `spreadsheets` and `imports`)."""

    file_help = "A CSV or XLSX file with the action log's columns, a header row first"


class SettingsForm(GovukForm):
    amber_within_days = forms.IntegerField(
        min_value=0,
        max_value=365,
        label="Amber when due within this many days",
        help_text="…and not updated since it was raised. Overdue actions are red.",
        error_messages={
            "required": "Enter a number of days",
            "invalid": "Enter a whole number of days",
            "min_value": "Enter 0 or more days",
            "max_value": "Enter 365 days or fewer",
        },
    )
    reminder_due_soon_days = forms.IntegerField(
        min_value=0,
        max_value=365,
        label="Remind owners this many days before the target date",
        error_messages={
            "required": "Enter a number of days",
            "invalid": "Enter a whole number of days",
            "min_value": "Enter 0 or more days",
            "max_value": "Enter 365 days or fewer",
        },
    )
    reminder_no_update_days = forms.IntegerField(
        min_value=1,
        max_value=365,
        label="Remind owners with no update for this many days",
        error_messages={
            "required": "Enter a number of days",
            "invalid": "Enter a whole number of days",
            "min_value": "Enter 1 or more days",
            "max_value": "Enter 365 days or fewer",
        },
    )
