"""Forms for officers managing a board: they check what was typed; the services check the rules
(an end before the start, a signed date before the sent date) and their errors land on the
fields named here."""

from django import forms

from cspboard.core.forms import GovukServiceForm
from cspboard.people.models import Organisation, Person

from .choices import Role
from .models import SharingAgreementStatus

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d"]
EXAMPLE = "For example, 28/03/2018"


def date_field(label: str, what: str, *, required: bool = True, help_text: str = EXAMPLE):
    """A date typed as 28/03/2018; "31/02/2018" or "next week" are refused with a message
    naming the field, as the design system asks."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y"),
        help_text=help_text,
        error_messages={
            "required": f"Enter {what}",
            "invalid": f"{what[0].upper()}{what[1:]} must be a real date, for example 28/03/2018",
        },
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        extra = obj.organisation.name if obj.organisation_id else obj.post_title
        return f"{obj.display_name} – {extra}" if extra else obj.display_name


def people():
    return Person.objects.select_related("organisation").order_by("name", "pk")


class MembershipAddForm(GovukServiceForm):
    person = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Someone already in the register",
        empty_label="Nobody: a new person (enter their details below)",
        help_text="Or leave this and enter a new person's details below",
    )
    name = forms.CharField(label="New person's full name", max_length=200, required=False)
    post_title = forms.CharField(label="Their post", max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        label="Their organisation",
        empty_label="None of these",
    )
    email = forms.EmailField(
        label="Their e-mail address",
        required=False,
        help_text="Needed to give them a log-in",
        error_messages={"invalid": "Enter an e-mail address like name@example.org"},
    )
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MEMBER, label="Role")
    start = date_field("Start date", "the date the membership starts")
    note = forms.CharField(
        label="Where this is recorded",
        max_length=300,
        required=False,
        help_text="For example, the minutes of the meeting that agreed it",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people()
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean(self):
        cleaned = super().clean()
        person, name = cleaned.get("person"), (cleaned.get("name") or "").strip()
        if person is None and not name and "person" not in self.errors:
            self.add_error("person", "Choose a person, or enter a new person's full name")
        elif person is not None and name:
            self.add_error(
                "name",
                "Leave the new person's name empty when you choose someone in the register",
            )
        return cleaned


class MembershipEndForm(GovukServiceForm):
    end = date_field(
        "Last day of the membership",
        "the last day of the membership",
        help_text="The membership ends at the end of this day. " + EXAMPLE,
    )


OUTGOING_CHOICES = [("leaves", "Leaves the board"), ("stays", "Stays on the board as a member")]


class ChairHandOverForm(GovukServiceForm):
    new_chair = PersonChoiceField(
        queryset=Person.objects.none(),
        label="New chair",
        empty_label="Choose a person",
        error_messages={"required": "Choose the new chair"},
    )
    from_date = date_field(
        "Chairs from",
        "the date the new chair takes over",
        help_text="The outgoing chair's last day is the day before. " + EXAMPLE,
    )
    outgoing = forms.ChoiceField(
        choices=OUTGOING_CHOICES, initial="leaves", label="The outgoing chair"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_chair"].queryset = people()


class SharingAgreementForm(GovukServiceForm):
    status = forms.ChoiceField(
        choices=SharingAgreementStatus.choices,
        label="Status",
        error_messages={"required": "Choose the agreement's status"},
    )
    sent_on = date_field("Date sent", "the date it was sent", required=False)
    signed_on = date_field("Date signed", "the date it was signed", required=False)
    returned_on = date_field("Date returned", "the date it was returned", required=False)
    note = forms.CharField(label="Note", max_length=300, required=False)
