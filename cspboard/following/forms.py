from django import forms

from cspboard.core.forms import GovukForm

from .choices import Event


class SubscribeForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send you an email to confirm. Nothing else is sent until you do.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    events = forms.TypedMultipleChoiceField(
        label="Tell me when",
        choices=Event.choices,
        coerce=int,
        initial=[Event.AGENDA, Event.SUPPLEMENT, Event.MINUTES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose what you want to be told about"},
    )

    def events_mask(self) -> int:
        mask = 0
        for value in self.cleaned_data["events"]:
            mask |= value
        return mask
