from django import forms
from django.core.exceptions import ValidationError

from cspboard.core.forms import GovukForm
from cspboard.meetings.choices import WITHHELD_MARKINGS, Schedule12AParagraph, SecurityMarking

from .choices import DocumentKind
from .validators import ALLOWED_LABEL, validate_upload


class DocumentUploadForm(GovukForm):
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the paper's title"})
    kind = forms.ChoiceField(choices=DocumentKind.choices, initial=DocumentKind.REPORT)
    author = forms.CharField(max_length=200, required=False)
    date = forms.DateField(
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text="For example, 28/03/2018",
        error_messages={"invalid": "Enter the date as 28/03/2018"},
    )
    security_marking = forms.ChoiceField(
        help_text="PROTECTED and RESTRICTED papers are for members only",
        choices=SecurityMarking.choices,
        initial=SecurityMarking.UNRESTRICTED,
    )
    schedule_12a_paragraph = forms.TypedChoiceField(
        choices=[("", "Not withheld")] + list(Schedule12AParagraph.choices),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a Schedule 12A paragraph from 1 to 7"},
    )
    file = forms.FileField(
        error_messages={
            "required": f"Select a {ALLOWED_LABEL} file",
            "empty": "The selected file is empty",
        },
        help_text=f"A {ALLOWED_LABEL} file",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.content_type = validate_upload(upload)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("security_marking") in WITHHELD_MARKINGS
            and cleaned.get("schedule_12a_paragraph") is None
        ):
            self.add_error(
                "schedule_12a_paragraph",
                "Choose the Schedule 12A paragraph that allows this paper to be withheld",
            )
        return cleaned
