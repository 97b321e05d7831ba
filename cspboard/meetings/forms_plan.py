"""Forms for the officers' controls on the forward plan; the services do the rest."""

from django import forms

from .choices import PlanStatus


class PlanStatusForm(forms.Form):
    status = forms.ChoiceField(choices=PlanStatus.choices)
    comment = forms.CharField(max_length=300, required=False)


class PlanMoveForm(forms.Form):
    to_meeting = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"].queryset = meetings
