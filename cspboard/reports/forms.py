"""Forms for report requests, cover sheets, uploads and subgroup updates: they check what was
typed; the services check the rules and their errors land on the fields named here."""

from django import forms

from cspboard.boards.forms import PersonChoiceField, date_field
from cspboard.boards.models import Board
from cspboard.core.forms import GovukServiceForm
from cspboard.documents.forms import PaperFileField
from cspboard.meetings.choices import SecurityMarking
from cspboard.meetings.forms import require_paragraph_for_withheld, schedule_12a_field
from cspboard.people.models import Person

from .services import MAX_WORKING_DAYS

TEXT_HINT = 'Leave a blank line between paragraphs. Start a line with "- " for a bullet point.'


def _marking_field(initial=SecurityMarking.UNRESTRICTED):
    return forms.ChoiceField(
        label="Security marking",
        choices=SecurityMarking.choices,
        initial=initial,
        help_text="PROTECTED and RESTRICTED reports are for members of the board only",
    )


def _text(label: str, *, required: bool = False, rows: int = 6, help_text: str = TEXT_HINT):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class RequestForm(GovukServiceForm):
    author = PersonChoiceField(
        queryset=Person.objects.none(),
        label="Who writes the report",
        error_messages={"required": "Choose who writes the report"},
    )
    deadline = date_field("Deadline", "the deadline")
    note = _text(
        "What the board needs from the report",
        rows=3,
        help_text="Sent to the author with the request, unless the item is restricted",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = people


class MarkedForm(GovukServiceForm):
    """A form with a security marking and its Schedule 12A paragraph."""

    what = "report"

    def clean(self):
        cleaned = super().clean()
        require_paragraph_for_withheld(self, cleaned, self.what)
        return cleaned


class CoverSheetForm(MarkedForm):
    """The board's report cover sheet, as the seed packs print it."""

    subject = forms.CharField(max_length=300, error_messages={"required": "Enter the subject"})
    report_date = date_field("Date", "the report's date", required=False)
    author_text = forms.CharField(
        max_length=300,
        required=False,
        label="Author",
        help_text="Name and post title, as printed on the report",
    )
    contact = forms.CharField(
        max_length=300, required=False, help_text="An e-mail address or telephone number"
    )
    security_marking = _marking_field()
    schedule_12a_paragraph = schedule_12a_field("Schedule 12A paragraph (for a withheld report)")
    purpose = _text(
        "1. Purpose of the report and decisions required",
        required=True,
    )
    overview = _text("2. Overview and recommendations", rows=10)
    appendices = _text(
        "3. List of appendices",
        rows=3,
        help_text="One a line. Send the appendices themselves to the board's officer.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].error_messages["required"] = (
            "Say what the report is for and what the board is asked to decide"
        )


class UploadForm(MarkedForm):
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the title"})
    security_marking = _marking_field()
    schedule_12a_paragraph = schedule_12a_field("Schedule 12A paragraph (for a withheld report)")
    file = PaperFileField()


class SubgroupUpdateForm(MarkedForm):
    """The subgroups' update template: brief update, key challenges, emerging trends, support
    required from the board, appendices."""

    what = "update"
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the title"})
    report_date = date_field("Date", "the update's date", required=False)
    author_text = forms.CharField(
        max_length=300, required=False, label="Author", help_text="Name and post title"
    )
    contact = forms.CharField(
        max_length=300, required=False, help_text="An e-mail address or telephone number"
    )
    security_marking = _marking_field(SecurityMarking.UNPROTECTED)
    schedule_12a_paragraph = schedule_12a_field("Schedule 12A paragraph (for a withheld update)")
    brief_update = _text("1. Brief update", required=True, rows=8)
    key_challenges = _text("2. Key challenges")
    emerging_trends = _text("3. Emerging trends", rows=4)
    support_required = _text("4. Support required from the board", rows=4)
    appendices = _text(
        "5. Appendices", rows=3, help_text="One a line. Send the files to the board's officer."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brief_update"].error_messages["required"] = (
            "Give a brief update on the subgroup's work since the last meeting"
        )


class SubgroupUploadForm(UploadForm):
    what = "update"
    security_marking = _marking_field(SecurityMarking.UNPROTECTED)
    schedule_12a_paragraph = schedule_12a_field("Schedule 12A paragraph (for a withheld update)")


def _days(label: str, help_text: str = ""):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_WORKING_DAYS,
        help_text=help_text,
        widget=forms.NumberInput(),
        error_messages={
            "required": "Enter a number of working days",
            "invalid": "Enter a whole number of working days",
            "min_value": "Enter 0 or more working days",
            "max_value": f"Enter {MAX_WORKING_DAYS} working days or fewer",
        },
    )


class SettingsForm(GovukServiceForm):
    deadline_working_days = _days(
        "Reports are due this many working days before the agenda is published",
        "The agenda is published 5 clear working days before the meeting. Weekends and bank "
        "holidays in England and Wales are not working days.",
    )
    reminder_working_days = _days(
        "Remind authors this many working days before the deadline",
        "Authors who have not sent their report are also told the working day after the deadline.",
    )
    reporting = forms.ModelMultipleChoiceField(
        queryset=Board.objects.none(),
        required=False,
        label="Subgroups that send an update report to each meeting",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, subgroups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporting"].queryset = subgroups
