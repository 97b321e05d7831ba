from django import forms
from django.core.exceptions import ValidationError

from cspboard.core.forms import GovukForm
from cspboard.meetings.choices import SecurityMarking
from cspboard.meetings.forms import require_paragraph_for_withheld, schedule_12a_field

from .choices import DocumentKind
from .validators import ALLOWED_LABEL, validate_upload


class PaperFileField(forms.FileField):
    """A paper's file, checked as every upload is (`validate_upload`: size, type, contents)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"A {ALLOWED_LABEL} file")
        kwargs.setdefault(
            "error_messages",
            {"required": f"Select a {ALLOWED_LABEL} file", "empty": "The selected file is empty"},
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                validate_upload(upload)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return upload


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
    schedule_12a_paragraph = schedule_12a_field()
    file = PaperFileField()

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        withheld_by = _withheld_by(item)
        if withheld_by is not None:
            # A paper on a withheld item is withheld with it: say so, rather than default to
            # Unrestricted and leave the officer to remember.
            paragraph = withheld_by.schedule_12a_paragraph
            self.fields["security_marking"].initial = SecurityMarking.RESTRICTED
            self.fields["schedule_12a_paragraph"].initial = paragraph
            whose = (
                "This item is"
                if withheld_by == item
                else f"Item {withheld_by.number}, which this item is under, is"
            )
            self.fields["security_marking"].help_text = (
                f"{whose} withheld under paragraph {paragraph} of Part 1 of Schedule 12A, so "
                "its papers are RESTRICTED to members unless you choose otherwise"
            )

    def clean(self):
        cleaned = super().clean()
        require_paragraph_for_withheld(self, cleaned, "paper")
        return cleaned


def _withheld_by(item):
    """The item, or the nearest item above it, withheld under Schedule 12A; None if none is."""
    while item is not None:
        if item.schedule_12a_paragraph:
            return item
        item = item.parent
    return None
