"""Forms for streams, awards, amounts, measures, asking for and reviewing returns, and the
provider's return: they check what was typed; the services check the record's rules and their
errors land on the fields named here."""

from __future__ import annotations

from django import forms

from cspboard.boards.forms import PersonChoiceField, date_field
from cspboard.core.forms import GovukServiceForm
from cspboard.meetings.choices import SecurityMarking
from cspboard.meetings.forms import require_paragraph_for_withheld, schedule_12a_field
from cspboard.people.models import Organisation, Person

from .choices import AwardStatus, MeasureKind, StreamKind

NUMBER_ATTRS = {"inputmode": "decimal", "class": "govuk-input govuk-input--width-10"}


def _number(label: str, what: str, *, required: bool = True, help_text: str = ""):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
        error_messages={
            "required": f"Enter {what}",
            "invalid": f"Enter {what} as a number, like 1200 or 1200.50",
            "min_value": f"Enter {what} as 0 or more",
            "max_digits": f"{what[0].upper()}{what[1:]} is too large",
            "max_decimal_places": f"Enter {what} to at most 2 decimal places",
            "max_whole_digits": f"{what[0].upper()}{what[1:]} is too large",
        },
    )


class StreamForm(GovukServiceForm):
    name = forms.CharField(
        max_length=200,
        help_text="For example, London Crime Prevention Fund",
        error_messages={"required": "Enter the fund's name"},
    )
    short_name = forms.CharField(max_length=40, required=False, help_text="For example, LCPF")
    funder = forms.CharField(max_length=200, required=False, help_text="For example, MOPAC")
    kind = forms.ChoiceField(choices=StreamKind.choices, widget=forms.RadioSelect, label="Kind")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AwardForm(GovukServiceForm):
    stream = forms.ModelChoiceField(
        queryset=None, label="Funding stream", error_messages={"required": "Choose the stream"}
    )
    service_name = forms.CharField(
        max_length=300, label="Service", error_messages={"required": "Enter the service's name"}
    )
    provider = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        label="Provider",
        required=False,
        empty_label="Not yet chosen",
    )
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    commissioning_lead = PersonChoiceField(
        queryset=Person.objects.select_related("organisation").order_by("name"),
        required=False,
        label="Commissioning lead",
    )
    commissioning_lead_text = forms.CharField(
        max_length=300,
        required=False,
        label="Or who commissions it",
        help_text="When the lead is not in the register, for example Redbridge CSP",
    )
    starts_on = date_field("Starts", "the start date", required=False)
    ends_on = date_field("Ends", "the end date", required=False)
    status = forms.ChoiceField(
        choices=AwardStatus.choices,
        widget=forms.RadioSelect,
        help_text="A proposed award is seen by the board's members and officers only",
    )
    contact_name = forms.CharField(max_length=200, required=False, label="Provider's contact")
    contact_email = forms.EmailField(
        required=False,
        label="Contact's e-mail address",
        help_text="Requests for quarterly returns are sent here",
        error_messages={"invalid": "Enter an e-mail address like name@example.org"},
    )
    security_marking = forms.ChoiceField(
        choices=SecurityMarking.choices,
        initial=SecurityMarking.UNRESTRICTED,
        help_text="A PROTECTED or RESTRICTED award is for the board's members only",
    )
    schedule_12a_paragraph = schedule_12a_field()

    def __init__(self, *args, streams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stream"].queryset = streams

    def clean(self):
        cleaned = super().clean()
        require_paragraph_for_withheld(self, cleaned, "award")
        return cleaned


class AmountForm(GovukServiceForm):
    financial_year = forms.IntegerField(
        label="Financial year starting in",
        min_value=2000,
        max_value=2100,
        help_text="For 2023/24, enter 2023",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}
        ),
        error_messages={
            "required": "Enter the year the financial year starts in",
            "invalid": "Enter the year as 4 digits, like 2023",
            "min_value": "Enter a year from 2000",
            "max_value": "Enter a year up to 2100",
        },
    )
    amount = _number("Amount (£)", "the amount")


class MeasureForm(GovukServiceForm):
    name = forms.CharField(
        max_length=300,
        label="What is counted",
        help_text="For example, young people engaged",
        error_messages={"required": "Enter what the measure counts"},
    )
    kind = forms.ChoiceField(choices=MeasureKind.choices, widget=forms.RadioSelect)
    unit = forms.CharField(max_length=60, required=False, help_text="For example, people")
    annual_target = _number("Target for the year", "the year's target", required=False)
    quarterly_target = _number(
        "Target each quarter",
        "the quarter's target",
        required=False,
        help_text="Used instead of the year's target when given",
    )


class ReturnRequestForm(GovukServiceForm):
    financial_year = AmountForm.base_fields["financial_year"]
    quarter = forms.TypedChoiceField(
        choices=[
            (1, "1 (April to June)"),
            (2, "2 (July to September)"),
            (3, "3 (October to December)"),
            (4, "4 (January to March)"),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the quarter"},
    )
    due_on = date_field(
        "Due by",
        "the due date",
        required=False,
        help_text="Leave blank for 10 working days after the quarter ends",
    )


class ReviewForm(GovukServiceForm):
    decision = forms.ChoiceField(
        choices=[("accept", "Accept the return"), ("return", "Send it back for changes")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept the return or send it back"},
    )
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when you send it back: the provider is e-mailed it, unless the award "
        "is restricted",
    )


class ReturnForm(GovukServiceForm):
    """The provider's return: a figure for each measure (named `m<pk>`), the quarter's spend and
    the narrative. Figures are read as typed and checked by the service, so nothing typed is
    lost when one is wrong."""

    spend = forms.CharField(
        label="Spend in the quarter (£)",
        error_messages={"required": "Enter the quarter's spend"},
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
    )
    progress = forms.CharField(
        label="Progress this quarter",
        error_messages={"required": "Say what the service did this quarter"},
        help_text="What the service did, and what difference it made",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    challenges = forms.CharField(
        label="Challenges",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    case_study = forms.CharField(
        label="Case study",
        required=False,
        help_text="Do not name anyone who uses the service",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    submitted_by = forms.CharField(
        label="Your name", max_length=200, required=False, help_text="Who is sending this return"
    )

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        figures = {}
        for measure in measures:
            target = ""
            if measure.quarterly_target is not None:
                target = f"Target each quarter: {measure.quarterly_target.normalize():f}"
            elif measure.annual_target is not None:
                target = f"Target for the year: {measure.annual_target.normalize():f}"
            unit = f" ({measure.unit})" if measure.unit else ""
            figures[f"m{measure.pk}"] = forms.CharField(
                label=f"{measure.name}{unit}",
                error_messages={"required": f"Enter the figure for “{measure.name}”"},
                help_text=f"{measure.get_kind_display()}. {target}".strip(),
                widget=forms.TextInput(attrs=dict(NUMBER_ATTRS)),
            )
        self.fields = {**figures, **self.fields}
        self.measures = list(measures)

    def figure_fields(self):
        return [self[f"m{m.pk}"] for m in self.measures]
