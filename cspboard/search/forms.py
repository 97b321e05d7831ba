from django import forms

from cspboard.boards.models import Board
from cspboard.core.forms import GovukForm

from .choices import EntryKind
from .query import MAX_INPUT

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]


class SearchForm(GovukForm):
    """The search page's question: words, and the advanced options. Every field is optional
    and a bad value is reported beside its field, never a failure of the page."""

    q = forms.CharField(label="Search the record", required=False, max_length=MAX_INPUT)
    board = forms.ModelChoiceField(
        queryset=Board.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All boards",
        label="Board",
    )
    kind = forms.MultipleChoiceField(
        choices=EntryKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Only these",
    )
    date_from = forms.DateField(
        required=False, input_formats=DATE_FORMATS, label="From", help_text="For example, 1/4/2023"
    )
    date_to = forms.DateField(
        required=False, input_formats=DATE_FORMATS, label="To", help_text="For example, 31/3/2024"
    )
    order = forms.ChoiceField(
        choices=[("relevance", "Best match"), ("date", "Newest first")],
        required=False,
        label="Order",
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=1000, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be on or after the start date")
        return data

    @property
    def advanced(self) -> bool:
        """Whether any advanced option was chosen (the options are shown open then)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return any(data.get(name) for name in ("board", "kind", "date_from", "date_to")) or (
            data.get("order") == "date"
        )
