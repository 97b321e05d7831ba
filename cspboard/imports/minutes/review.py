"""The review page's forms: a draft shown as rows the officer can correct or leave out.

`ReviewForms(draft, data=None)` builds one small form per found thing (a meeting's date, time
and venue; each attendee, declaration, item and action), prefixed by where it sits in the draft
("m0-a3" is the first meeting's fourth attendee), each with a "keep" box. Bound to the posted
data, `corrected()` gives the draft as corrected: rows not kept are dropped, edited fields
replaced, and everything the page does not show (where each thing came from, item minutes,
decisions, initials) carried over unchanged. Nothing here writes: the view hands the corrected
draft to `services.document_import_correct` or `document_import_write`.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator

from django import forms

from cspboard.core.forms import GovukForm
from cspboard.meetings.choices import AttendanceCapacity, AttendanceStatus

from .draft import (
    ActionDraft,
    AttendeeDraft,
    DeclarationDraft,
    DocumentDraft,
    ItemDraft,
    MeetingDraft,
)

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%I:%M%p", "%I.%M%p", "%I:%M %p", "%I.%M %p", "%I%p"]


def _owners_text(owners: list[str]) -> str:
    return "; ".join(owners)


def _owners_list(text: str) -> list[str]:
    return [o.strip() for o in text.replace("\n", ";").split(";") if o.strip()]


class _RowForm(GovukForm):
    """A found thing: kept unless the officer unticks it."""

    keep = forms.BooleanField(required=False, initial=True, label="Keep")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].widget.attrs["class"] = "govuk-checkboxes__input"

    @property
    def kept(self) -> bool:
        return bool(self.cleaned_data.get("keep"))


class MeetingForm(_RowForm):
    date = forms.DateField(
        input_formats=DATE_FORMATS,
        help_text="For example, 28/03/2018",
        error_messages={
            "required": "Enter the date of the meeting this part records, or untick “Import "
            "this meeting”",
            "invalid": "Enter the date as 28/03/2018",
        },
    )
    start = forms.TimeField(
        required=False,
        input_formats=TIME_FORMATS,
        error_messages={"invalid": "Enter the time as 10:00 or 2.30pm"},
    )
    end = forms.TimeField(
        required=False,
        input_formats=TIME_FORMATS,
        error_messages={"invalid": "Enter the time as 13:00 or 4pm"},
    )
    venue = forms.CharField(required=False, max_length=300)

    def clean(self):
        cleaned = super().clean()
        # A meeting left out needs no date; one kept does.
        if not cleaned.get("keep") and "date" in self.errors:
            del self.errors["date"]
        return cleaned

    @staticmethod
    def initial_for(meeting: MeetingDraft) -> dict:
        return {
            # A part with no date of its own (an action log's rows carry only theirs) is left
            # out unless the officer says which meeting it records.
            "keep": meeting.date is not None,
            "date": meeting.date.strftime("%d/%m/%Y") if meeting.date else "",
            "start": meeting.start.strftime("%H:%M") if meeting.start else "",
            "end": meeting.end.strftime("%H:%M") if meeting.end else "",
            "venue": meeting.venue,
        }

    def apply(self, meeting: MeetingDraft) -> None:
        data = self.cleaned_data
        meeting.date, meeting.start, meeting.end = data["date"], data["start"], data["end"]
        meeting.venue = data["venue"]


class AttendeeForm(_RowForm):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the name"})
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
    capacity = forms.ChoiceField(choices=AttendanceCapacity.choices)
    role = forms.CharField(required=False, max_length=200)
    organisation = forms.CharField(required=False, max_length=200)

    FIELDS = ("name", "status", "capacity", "role", "organisation")


class DeclarationForm(_RowForm):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter who declared it"})
    text = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="Interest"
    )

    FIELDS = ("name", "text")


class ItemForm(_RowForm):
    number = forms.CharField(required=False, max_length=20)
    title = forms.CharField(max_length=500, error_messages={"required": "Enter the item's title"})
    restricted = forms.BooleanField(required=False, label="Restricted")
    restriction_paragraph = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Not given")] + [(n, f"Paragraph {n}") for n in range(1, 8)],
        label="Schedule 12A paragraph",
    )

    FIELDS = ("number", "title", "restricted", "restriction_paragraph")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restricted"].widget.attrs["class"] = "govuk-checkboxes__input"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("restriction_paragraph") and not cleaned.get("restricted"):
            # A paragraph given means the item is withheld under it.
            cleaned["restricted"] = True
        return cleaned


class ActionForm(_RowForm):
    text = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Action",
        error_messages={"required": "Enter what the action is"},
    )
    # Its hint ("separate owners with semicolons") is in the column's heading.
    owners = forms.CharField(required=False, max_length=500)
    due = forms.DateField(
        required=False,
        input_formats=DATE_FORMATS,
        label="Due",
        error_messages={"invalid": "Enter the date as 28/03/2018"},
    )

    FIELDS = ("text", "owners", "due")

    @staticmethod
    def initial_for(action: ActionDraft) -> dict:
        return {
            "keep": True,
            "text": action.text,
            "owners": _owners_text(action.owners),
            "due": action.due.strftime("%d/%m/%Y") if action.due else "",
        }

    def apply(self, action: ActionDraft) -> None:
        data = self.cleaned_data
        action.text, action.owners, action.due = (
            data["text"],
            _owners_list(data["owners"]),
            data["due"],
        )
        if action.due:
            action.due_text = ""


def _plain_initial(form_class, found) -> dict:
    initial = {"keep": True}
    for name in form_class.FIELDS:
        value = getattr(found, name)
        initial[name] = "" if value is None else value
    return initial


def _plain_apply(form, found) -> None:
    for name in type(form).FIELDS:
        setattr(found, name, form.cleaned_data[name])


@dataclasses.dataclass
class Row:
    """One found thing on the review page: its form and the draft object it came from."""

    form: _RowForm
    found: object

    @property
    def where(self):
        return getattr(self.found, "where", None)


@dataclasses.dataclass
class MeetingRows:
    meeting: MeetingDraft
    form: MeetingForm
    attendance: list[Row]
    declarations: list[Row]
    items: list[Row]
    actions: list[Row]

    @property
    def present(self) -> list[Row]:
        return [r for r in self.attendance if r.found.status == AttendanceStatus.PRESENT]

    @property
    def not_present(self) -> list[Row]:
        return [r for r in self.attendance if r.found.status != AttendanceStatus.PRESENT]

    def forms(self) -> Iterator[_RowForm]:
        yield self.form
        for rows in (self.attendance, self.declarations, self.items, self.actions):
            for row in rows:
                yield row.form


_KINDS = (
    ("attendance", "a", AttendeeForm, AttendeeDraft),
    ("declarations", "d", DeclarationForm, DeclarationDraft),
    ("items", "i", ItemForm, ItemDraft),
    ("actions", "x", ActionForm, ActionDraft),
)


class ReviewForms:
    def __init__(self, draft: DocumentDraft, data=None):
        self.draft = draft
        self.meetings: list[MeetingRows] = []
        for m, meeting in enumerate(draft.meetings):
            prefix = f"m{m}"
            rows = {}
            for field, letter, form_class, _ in _KINDS:
                rows[field] = [
                    Row(
                        form_class(
                            data,
                            prefix=f"{prefix}-{letter}{n}",
                            initial=(
                                form_class.initial_for(found)
                                if hasattr(form_class, "initial_for")
                                else _plain_initial(form_class, found)
                            ),
                        ),
                        found,
                    )
                    for n, found in enumerate(getattr(meeting, field))
                ]
            self.meetings.append(
                MeetingRows(
                    meeting=meeting,
                    form=MeetingForm(data, prefix=prefix, initial=MeetingForm.initial_for(meeting)),
                    **rows,
                )
            )

    def all_forms(self) -> Iterator[_RowForm]:
        for meeting in self.meetings:
            yield from meeting.forms()

    def is_valid(self) -> bool:
        # Every form is cleaned (no short circuit), so every error is shown at once; a row
        # left out is not held to its fields.
        valid = True
        for form in self.all_forms():
            if not form.is_valid() and form.cleaned_data.get("keep", True):
                valid = False
        return valid

    def errors(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary, in page order."""
        found = []
        for form in self.all_forms():
            if form.is_bound and form.errors and form.cleaned_data.get("keep", True):
                for name, messages in form.errors.items():
                    target = form[name].auto_id if name in form.fields else form.prefix
                    found.extend((target, message) for message in messages)
        return found

    def corrected(self) -> DocumentDraft:
        """The draft as the officer left it. Call only after `is_valid()`."""
        draft = copy.deepcopy(self.draft)
        kept_meetings = []
        for rows, meeting in zip(self.meetings, draft.meetings, strict=True):
            if not rows.form.kept:
                continue
            rows.form.apply(meeting)
            for field, *_ in _KINDS:
                kept = []
                for row, found in zip(getattr(rows, field), getattr(meeting, field), strict=True):
                    if not row.form.kept:
                        continue
                    if hasattr(row.form, "apply"):
                        row.form.apply(found)
                    else:
                        _plain_apply(row.form, found)
                    kept.append(found)
                setattr(meeting, field, kept)
            kept_meetings.append(meeting)
        draft.meetings = kept_meetings
        return draft
