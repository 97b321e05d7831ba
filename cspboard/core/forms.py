from django import forms
from django.core.exceptions import ValidationError

from .tables import MAX_BYTES

_WIDGET_CLASSES = {
    forms.TextInput: "govuk-input",
    forms.EmailInput: "govuk-input",
    forms.NumberInput: "govuk-input govuk-input--width-5",
    forms.DateInput: "govuk-input govuk-input--width-10",
    forms.TimeInput: "govuk-input govuk-input--width-5",
    forms.DateTimeInput: "govuk-input govuk-input--width-20",
    forms.URLInput: "govuk-input",
    forms.PasswordInput: "govuk-input govuk-!-width-one-half",
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
}


class GovukForm(forms.Form):
    """A form whose controls carry the design system's classes and error states."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # The nearest styled class a widget descends from (a SelectMultiple is a Select).
            css = next(
                (_WIDGET_CLASSES[k] for k in type(field.widget).__mro__ if k in _WIDGET_CLASSES),
                "",
            )
            if css and not field.widget.attrs.get("class"):
                field.widget.attrs["class"] = css

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                base = widget.attrs.get("class", "")
                suffix = base.split()[0] + "--error" if base else ""
                if suffix and suffix not in base:
                    widget.attrs["class"] = f"{base} {suffix}"
                auto_id = self[name].auto_id  # includes the form's prefix, as the template's ids do
                described = [f"{auto_id}-error"]
                if self.fields[name].help_text:
                    described.insert(0, f"{auto_id}_helptext")
                widget.attrs["aria-describedby"] = " ".join(described)


class GovukServiceForm(GovukForm):
    """A GovukForm that also marks a field in error (red border, aria-describedby pointing at
    the message) when the error is added after cleaning, from a service's ValidationError or a
    check the view makes (GovukForm marks fields only while it cleans).
    """

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self._errors or {}:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            base = widget.attrs.get("class", "")
            suffix = base.split()[0] + "--error" if base else ""
            if suffix and suffix not in base.split():
                widget.attrs["class"] = f"{base} {suffix}"
            described = [f"id_{name}-error"]
            if self.fields[name].help_text:
                described.insert(0, f"id_{name}_helptext")
            widget.attrs["aria-describedby"] = " ".join(described)

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's errors beside the fields they name (any others above the form)."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


class SpreadsheetForm(GovukForm):
    """One CSV or XLSX file, a header row first, for an import (read by `core.tables`)."""

    file_help = "A CSV or XLSX file with a header row naming its columns"

    file = forms.FileField(
        label="Spreadsheet",
        error_messages={
            "required": "Select a CSV or XLSX file",
            "empty": "The selected file is empty",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.file_help

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError("The selected file must be a CSV or XLSX file")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 2 MB")
        return upload
