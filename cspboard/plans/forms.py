from django import forms

from cspboard.actions.choices import Rag
from cspboard.actions.models import ActionItem
from cspboard.core.forms import GovukServiceForm as GovukForm
from cspboard.core.forms import SpreadsheetForm
from cspboard.meetings.choices import SecurityMarking
from cspboard.meetings.forms import DateField, require_paragraph_for_withheld, schedule_12a_field
from cspboard.people.models import Organisation, Person
from cspboard.performance.models import Indicator
from cspboard.places.models import Place

from .choices import PlanActionStatus, PlanKind


class PlanForm(GovukForm):
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the plan's title"})
    kind = forms.ChoiceField(label="Kind of plan", choices=PlanKind.choices)
    label = forms.CharField(
        label="Period of its first version",
        max_length=40,
        help_text="As the plan names it, for example 2024/25",
        error_messages={"required": "Enter the period, for example 2024/25"},
    )
    starts_on = DateField(label="Starts", required=False)
    ends_on = DateField(label="Ends", required=False)


class VersionForm(GovukForm):
    label = forms.CharField(
        label="Period of the new version",
        max_length=40,
        help_text="For example, 2025/26",
        error_messages={"required": "Enter the period, for example 2025/26"},
    )
    starts_on = DateField(label="Starts", required=False)
    ends_on = DateField(label="Ends", required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on"):
            if cleaned["ends_on"] < cleaned["starts_on"]:
                self.add_error("ends_on", "The end must be on or after the start")
        return cleaned


class PriorityForm(GovukForm):
    title = forms.CharField(
        label="Priority", max_length=300, error_messages={"required": "Enter the priority"}
    )
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Description"
    )


class PlanActionForm(GovukForm):
    reference = forms.CharField(
        max_length=20, required=False, help_text='As the plan numbers it, for example "M1"'
    )
    priority = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="No priority", label="Priority"
    )
    description = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the action is"},
    )
    mandated = forms.BooleanField(required=False, label="A mandated action")
    lead_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Not yet assigned",
        label="Lead organisation",
    )
    lead_person = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="None named",
        label="Lead person",
        help_text="Someone on the board, if the plan names one",
    )
    supporting_organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.order_by("name"),
        required=False,
        label="Supporting organisations",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    due_on = DateField(label="Due", required=False)
    status = forms.ChoiceField(choices=PlanActionStatus.choices)
    rag_override = forms.ChoiceField(
        label="Rating",
        required=False,
        choices=[("", "Work it out from the dates")] + list(Rag.choices),
    )
    security_marking = forms.ChoiceField(
        help_text="PROTECTED and RESTRICTED actions are for the board's members only",
        choices=SecurityMarking.choices,
        initial=SecurityMarking.UNRESTRICTED,
    )
    schedule_12a_paragraph = schedule_12a_field()
    indicators = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Indicators that measure it",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    places = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Places it concerns",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    action_items = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Actions on the board's log that carry it",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    LINKS = ("indicators", "places", "action_items")

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        board = version.plan.board
        boards = [b for b in (board.pk, board.parent_id) if b]
        self.fields["priority"].queryset = version.priorities.all()
        self.fields["priority"].widget.attrs["class"] = "govuk-select"
        self.fields["lead_person"].queryset = (
            Person.objects.filter(memberships__board_id__in=boards).distinct().order_by("name")
        )
        self.fields["lead_person"].widget.attrs["class"] = "govuk-select"
        # The officer's own boards' things: the board's (and, for a subgroup, its parent's).
        self.fields["indicators"].queryset = Indicator.objects.filter(board_id__in=boards)
        self.fields["places"].queryset = Place.objects.filter(board_id__in=boards)
        self.fields["action_items"].queryset = ActionItem.objects.filter(
            board_id__in=boards
        ).order_by("board_id", "number")

    def clean(self):
        cleaned = super().clean()
        require_paragraph_for_withheld(self, cleaned, "action")
        return cleaned


class PlanActionUpdateForm(GovukForm):
    status = forms.ChoiceField(label="Status now", choices=PlanActionStatus.choices)
    text = forms.CharField(
        label="Progress update",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the progress update"},
    )
    on = DateField(label="Progress as at", required=False, help_text="Leave blank for today")


class PlanImportForm(SpreadsheetForm):
    label = forms.CharField(
        label="Period of the version",
        max_length=40,
        help_text="For example, 2023/24",
        error_messages={"required": "Enter the period, for example 2023/24"},
    )
    starts_on = DateField(label="Starts", required=False)
    ends_on = DateField(label="Ends", required=False)
