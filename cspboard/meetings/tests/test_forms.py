"""The meetings' forms wear the design system's classes on every control."""

import pytest
from django import forms

from cspboard.core.forms import GovukForm
from cspboard.meetings.forms import MeetingForm, SeriesForm
from cspboard.people.models import Person


@pytest.mark.parametrize(
    "form", [lambda: MeetingForm(people=Person.objects.none()), lambda: SeriesForm()]
)
@pytest.mark.django_db
def test_time_fields_are_styled_inputs_of_a_fitting_width(form):
    form = form()
    for name in ("start_time", "end_time"):
        html = str(form[name])
        assert 'class="govuk-input govuk-input--width-5"' in html, html


def test_a_widget_takes_the_class_of_what_it_descends_from():
    class Form(GovukForm):
        when = forms.DateTimeField()
        owners = forms.MultipleChoiceField(choices=[("a", "A")])
        site = forms.URLField(assume_scheme="https")
        kept = forms.CharField(
            widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-3"})
        )

    form = Form()
    assert "govuk-input" in form.fields["when"].widget.attrs["class"]
    assert form.fields["owners"].widget.attrs["class"] == "govuk-select"
    assert form.fields["site"].widget.attrs["class"] == "govuk-input"
    assert form.fields["kept"].widget.attrs["class"] == "govuk-input govuk-input--width-3"
