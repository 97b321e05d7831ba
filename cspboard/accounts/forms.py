import re

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError

from cspboard.core.forms import GovukForm, GovukServiceForm

ENTER_CODE = "Enter the 6-digit code from your authenticator app"


class TokenForm(GovukServiceForm):
    """The 6-digit code an authenticator app shows (spaces allowed, as some apps show them)."""

    token = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows for this service",
        error_messages={"required": ENTER_CODE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].widget.attrs.update(
            {
                "class": "govuk-input govuk-input--width-5",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        )

    def clean_token(self) -> str:
        token = re.sub(r"\s+", "", self.cleaned_data["token"])
        if not re.fullmatch(r"\d{6}", token):
            raise ValidationError(ENTER_CODE)
        return token


class InvitationPasswordForm(GovukForm, SetPasswordForm):
    """Django's SetPasswordForm (with the password validators) in the design system's dress."""

    error_messages = {"password_mismatch": "The passwords do not match"}

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label = "Password"
        first.help_text = (
            "At least 8 characters. Not a common password, not only numbers, and not like your "
            "name or e-mail address."
        )
        first.error_messages["required"] = "Enter a password"
        second.label = "Enter the password again"
        second.help_text = ""
        second.error_messages["required"] = "Enter the password again"
        for field in (first, second):
            field.widget.attrs["class"] = "govuk-input govuk-!-width-one-half"
            field.required = True
