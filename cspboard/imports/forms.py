from django import forms
from django.template.defaultfilters import filesizeformat

from cspboard.core.forms import GovukForm
from cspboard.documents.readers import MAX_BYTES

ACCEPTED_LABEL = "PDF, Word (DOCX), web page (HTML) or text"


class DocumentImportForm(GovukForm):
    """A file of a board's past meetings: agenda, minutes, pack or action log."""

    file = forms.FileField(
        label="Upload a file",
        help_text=f"A {ACCEPTED_LABEL} file of an agenda, minutes, pack or action log",
        error_messages={
            "required": "Select a file",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {filesizeformat(MAX_BYTES)} "
                f"(this one is {filesizeformat(upload.size)})"
            )
        return upload
