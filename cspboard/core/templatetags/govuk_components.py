"""Form fields, their errors, the error summary, tags and summary lists drawn with
govuk-frontend-django's component dataclasses, through `core.govuk.render`.

`{% govuk_field form.x %}` (what `includes/_field.html` and its siblings call, so every form gets
it) draws radios, checkboxes and a single checkbox as the library's components, and any other
field as a form group of the library's label, hint and error message around the control
Django's widget draws. The control stays Django's because the library's macros fix what our
tests and pages rely on: the order of a control's attributes (`<select name=...`, `name=...
value=...`), a hint's id (`<id>-hint`, where Django and `GovukForm`'s `aria-describedby` use
`<id>_helptext`) and a widget's own attributes, classes and `aria-invalid` (docs/decisions/0010).
`govuk_input` and `govuk_textarea` draw the library's whole component for a control no Django
form draws. Texts are escaped as Django escapes them (`&#x27;`, not Jinja's `&#39;`).
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from govuk_frontend_django.components.base import (
    FormGroup,
    SummaryListRow,
    SummaryListRowsActions,
    SummaryListRowsActionsItem,
    SummaryListRowsKey,
    SummaryListRowsValue,
)
from govuk_frontend_django.components.checkboxes import CheckboxesItems, GovUKCheckboxes
from govuk_frontend_django.components.error_message import GovUKErrorMessage
from govuk_frontend_django.components.error_summary import (
    ErrorSummaryErrorlist,
    GovUKErrorSummary,
)
from govuk_frontend_django.components.fieldset import GovUKFieldset
from govuk_frontend_django.components.hint import GovUKHint
from govuk_frontend_django.components.input import GovUKInput
from govuk_frontend_django.components.label import GovUKLabel
from govuk_frontend_django.components.radios import GovUKRadios, RadiosItems
from govuk_frontend_django.components.summary_list import GovUKSummaryList
from govuk_frontend_django.components.tag import GovUKTag
from govuk_frontend_django.components.textarea import GovUKTextarea

from cspboard.core.govuk import macros_compile, render

register = template.Library()

# What the input and textarea components set themselves, from their own parameters.
_OWN_ATTRIBUTES = {"id", "name", "type", "value", "class", "aria-describedby", "rows", "multiple"}


def _text(value: Any) -> SafeString:
    """Escaped the way Django escapes (`&#x27;` for an apostrophe), so Jinja leaves it as it is."""
    return conditional_escape(value)


def _attributes(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes in the macros' form: True as a bare attribute, False and None left out."""
    result: dict[str, Any] = {}
    for name, value in attrs.items():
        if name in _OWN_ATTRIBUTES or value is False or value is None:
            continue
        result[name] = {"value": True, "optional": True} if value is True else _text(value)
    return result


def _label_text(field: BoundField, mark_optional: bool = True) -> SafeString:
    text = conditional_escape(field.label)
    if mark_optional and not field.field.required:
        text = SafeString(f"{text} (optional)")
    return text


def _hint(field: BoundField, id: str | None = None) -> GovUKHint | None:
    return GovUKHint(id=id, text=_text(field.help_text)) if field.help_text else None


def _error(field: BoundField, id: str | None = None) -> GovUKErrorMessage | None:
    if not field.errors:
        return None
    return GovUKErrorMessage(id=id, text=_text(" ".join(str(e) for e in field.errors)))


@register.simple_tag
def govuk_field(
    field: BoundField,
    label_class: str | None = None,
    form_group_class: str | None = None,
    mark_optional: bool = True,
) -> SafeString:
    """A form field: radios, checkboxes and a single checkbox as the library's components; any
    other field as its form group with the library's label, hint and error message around the
    control Django's widget draws (with `GovukForm`'s classes and `aria-describedby`).

    `label_class` styles the label (`govuk-label--m`, `govuk-visually-hidden`),
    `form_group_class` the group around it; `mark_optional=False` leaves "(optional)" off the
    label of a field the form does not require (a grid of figures, where most are blank).
    """
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):
        return govuk_radios(field)
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return govuk_checkboxes(field)
    if isinstance(widget, forms.CheckboxInput):
        return govuk_checkbox(field)
    if isinstance(widget, forms.HiddenInput):
        return SafeString(str(field))
    label = GovUKLabel(
        text=_label_text(field, mark_optional), classes=label_class or None, _for=field.id_for_label
    )
    hint = _hint(field, id=f"{field.auto_id}_helptext")  # as Django and GovukForm name it
    error = _error(field, id=f"{field.id_for_label}-error")
    group = " ".join(
        c
        for c in ("govuk-form-group", field.errors and "govuk-form-group--error", form_group_class)
        if c
    )
    parts = [render(part) for part in (label, hint, error) if part] + [str(field)]
    return format_html('<div class="{}">\n{}\n</div>', group, SafeString("\n".join(parts)))


def _unbound(
    label: str, label_class: str | None, error: Any, hint: Any, form_group_class: str | None
) -> dict[str, Any]:
    return {
        "label": GovUKLabel(text=_text(label), classes=label_class or None),
        "formGroup": FormGroup(classes=form_group_class) if form_group_class else None,
        "hint": GovUKHint(text=_text(hint)) if hint else None,
        "errorMessage": GovUKErrorMessage(text=_text(error)) if error else None,
    }


@register.simple_tag
def govuk_input(
    name: str,
    label: str,
    id: str,
    value: Any = None,
    hint: Any = None,
    error: Any = None,
    label_class: str | None = None,
    form_group_class: str | None = None,
    classes: str | None = None,
    type: str | None = None,
    **attributes: Any,
) -> SafeString:
    """A text input that no Django form draws (a search box, a reason beside a button): its
    `label`, `id`, and the `error` to show, if any; `label_class` and `form_group_class` style
    them; other keywords become the input's attributes (`readonly=True`, `autocomplete="off"`)."""
    return render(
        GovUKInput(
            id=id,
            name=name,
            type=type or None,
            value=None if value is None else _text(value),
            classes=classes or None,
            attributes=_attributes(attributes),
            **_unbound(label, label_class, error, hint, form_group_class),
        )
    )


@register.simple_tag
def govuk_textarea(
    name: str,
    label: str,
    id: str,
    value: Any = None,
    hint: Any = None,
    error: Any = None,
    label_class: str | None = None,
    form_group_class: str | None = None,
    rows: int | None = None,
) -> SafeString:
    """A textarea that no Django form draws, like `govuk_input`."""
    return render(
        GovUKTextarea(
            id=id,
            name=name,
            rows=str(rows) if rows else None,
            value=_text("\n" + (value or "")),
            **_unbound(label, label_class, error, hint, form_group_class),
        )
    )


def _fieldset(legend: SafeString, legend_class: str | None) -> GovUKFieldset:
    return GovUKFieldset(
        legend={"html": legend, "classes": legend_class or "govuk-fieldset__legend--s"}
    )


@register.simple_tag
def govuk_radios(
    field: BoundField,
    legend: str | None = None,
    legend_class: str | None = None,
    inline: bool = False,
) -> SafeString:
    """A radio group in a fieldset: `legend` in place of the field's label, `inline` in a row."""
    id_ = field.auto_id or field.html_name
    component = GovUKRadios(
        name=field.html_name,
        idPrefix=id_,
        fieldset=_fieldset(_text(legend or field.label), legend_class),
        hint=_hint(field),
        errorMessage=_error(field),
        classes="govuk-radios--inline govuk-radios--small" if inline else "govuk-radios--small",
        items=[
            RadiosItems(
                id=option.id_for_label,
                value=_text(option.data["value"]),
                text=_text(option.choice_label),
                checked=bool(option.data["selected"]),
            )
            for option in field
        ],
    )
    return render(component)


@register.simple_tag
def govuk_checkboxes(field: BoundField) -> SafeString:
    """Several checkboxes in a fieldset, or "None to choose from." when there are none."""
    id_ = field.auto_id or field.html_name
    items = [
        CheckboxesItems(
            id=option.id_for_label,
            value=_text(option.data["value"]),
            text=_text(option.choice_label),
            checked=bool(option.data["selected"]),
        )
        for option in field
    ]
    none = {"html": SafeString('<p class="govuk-body">None to choose from.</p>')}
    component = GovUKCheckboxes(
        name=field.html_name,
        idPrefix=id_,
        fieldset=_fieldset(_label_text(field), None),
        hint=_hint(field),
        errorMessage=_error(field),
        classes="govuk-checkboxes--small",
        items=items,
        formGroup=None if items else {"beforeInputs": none},
    )
    return render(component)


@register.simple_tag
def govuk_checkbox(field: BoundField) -> SafeString:
    """A single small checkbox for a yes-or-no field, labelled with the field's label."""
    id_ = field.auto_id or field.html_name
    component = GovUKCheckboxes(
        name=field.html_name,
        idPrefix=id_,
        classes="govuk-checkboxes--small",
        errorMessage=_error(field),
        items=[
            CheckboxesItems(
                id=id_,
                value="on",
                text=_text(field.label),
                checked=bool(field.value()),
            )
        ],
    )
    return render(component)


def _first_control(field: BoundField) -> str:
    """The id an error links to: the field's control, or a group's first option (a radio group's
    label names no control)."""
    if field.id_for_label:
        return field.id_for_label
    options = field.subwidgets
    return options[0].id_for_label if options else (field.auto_id or "")


@register.simple_tag
def govuk_error_summary(form: forms.BaseForm, intro: str | None = None) -> SafeString:
    """The form's errors above it, each linked to its field; `intro`, when given, said first."""
    if not form.errors:
        return SafeString("")
    errors = [ErrorSummaryErrorlist(text=_text(e)) for e in form.non_field_errors()]
    errors += [
        ErrorSummaryErrorlist(href=f"#{_first_control(field)}", text=_text(e))
        for field in form
        for e in field.errors
    ]
    return render(
        GovUKErrorSummary(
            titleText="There is a problem",
            descriptionText=_text(intro) if intro else None,
            errorList=errors,
        )
    )


@register.simple_tag
def govuk_tag(text: str, classes: str | None = None) -> SafeString:
    """A tag ("Error", "Overdue"): `classes` gives its colour, `govuk-tag--red`."""
    return render(GovUKTag(text=_text(text), classes=classes))


# --- Summary lists -----------------------------------------------------------------------------
#
#     {% govuk_summary_list classes="govuk-summary-list--no-border" %}
#       {% govuk_summary_row "Target date" %}{{ action.target_date|date }}{% endgovuk_summary_row %}
#       {% if m.end %}{% govuk_summary_row "Ends" %}...{% endgovuk_summary_row %}{% endif %}
#       {% govuk_summary_row "Title" change=url hidden="the title" %}...{% endgovuk_summary_row %}
#     {% endgovuk_summary_list %}
#
# A row's value is the markup between its tags; `key_classes` and `value_classes` style its
# cells; `change` (a URL) gives it a "Change" link, `hidden` the words after it for a screen
# reader. The rows gather in the render's context, never on the node, which every request
# drawing the template shares (govuk-frontend-django's own summary-list tags keep them on the
# node: docs/decisions/0010).

_ROWS = "_govuk_summary_rows"


class SummaryListNode(template.Node):
    def __init__(self, nodelist: template.NodeList, kwargs: dict[str, Any]):
        self.nodelist, self.kwargs = nodelist, kwargs

    def render(self, context: template.Context) -> str:
        options = {k: v.resolve(context) for k, v in self.kwargs.items()}
        rows: list[SummaryListRow] = []
        with context.push({_ROWS: rows}):
            self.nodelist.render(context)
        return render(GovUKSummaryList(rows=rows, classes=options.get("classes") or None))


class SummaryRowNode(template.Node):
    def __init__(self, key, nodelist: template.NodeList, kwargs: dict[str, Any]):
        self.key, self.nodelist, self.kwargs = key, nodelist, kwargs

    def render(self, context: template.Context) -> str:
        rows = context.get(_ROWS)
        if rows is None:
            raise template.TemplateSyntaxError("govuk_summary_row is only for a govuk_summary_list")
        options = {k: v.resolve(context) for k, v in self.kwargs.items()}
        actions = None
        if options.get("change"):
            change = SummaryListRowsActionsItem(
                href=options["change"],
                text="Change",
                visuallyHiddenText=options.get("hidden") or None,
            )
            actions = SummaryListRowsActions(items=[change])
        rows.append(
            SummaryListRow(
                key=SummaryListRowsKey(
                    text=_text(self.key.resolve(context)),
                    classes=options.get("key_classes") or None,
                ),
                value=SummaryListRowsValue(
                    html=self.nodelist.render(context).strip(),
                    classes=options.get("value_classes") or None,
                ),
                actions=actions,
            )
        )
        return ""


@register.tag
def govuk_summary_list(parser, token):
    bits = token.split_contents()[1:]
    kwargs = template.base.token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError("govuk_summary_list takes only classes=...")
    nodelist = parser.parse(("endgovuk_summary_list",))
    parser.delete_first_token()
    return SummaryListNode(nodelist, kwargs)


@register.tag
def govuk_summary_row(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("govuk_summary_row needs its key")
    key = parser.compile_filter(bits.pop(0))
    kwargs = template.base.token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError(f"govuk_summary_row: unexpected {bits[0]!r}")
    nodelist = parser.parse(("endgovuk_summary_row",))
    parser.delete_first_token()
    return SummaryRowNode(key, nodelist, kwargs)


# The macros compile when this library is first loaded (about 200 ms), which `core.warmup` does
# before a worker's first request, so no visitor waits for them.
macros_compile()
