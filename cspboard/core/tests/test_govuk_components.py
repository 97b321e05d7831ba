"""Fields, the error summary and summary lists drawn with govuk-frontend-django's components
(`core.govuk`, `core/templatetags/govuk_components.py`): the ids, names, labels, hints and errors
the pages had, Django's escaping, nothing the Content-Security-Policy refuses, and rows that never
leak from one render into another."""

import re
import threading

from django import forms
from django.template import engines
from govuk_frontend_django.components.error_message import GovUKErrorMessage
from govuk_frontend_django.components.hint import GovUKHint
from govuk_frontend_django.components.input import GovUKInput
from govuk_frontend_django.components.label import GovUKLabel

from cspboard.core.forms import GovukForm
from cspboard.core.govuk import render

from .inline import InlineFinder


class PersonForm(GovukForm):
    name = forms.CharField(label="Person's name", help_text="As it's written", max_length=20)
    start = forms.DateField(label="Start", help_text="For example, 31/1/2026")
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False)
    role = forms.ChoiceField(label="Role", choices=[("", "Choose"), ("a", "Chair's deputy")])
    boards = forms.MultipleChoiceField(
        label="Boards", choices=[("1", "One"), ("2", "Two")], widget=forms.SelectMultiple
    )
    kind = forms.ChoiceField(
        label="Kind", choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect, help_text="One"
    )
    tags = forms.MultipleChoiceField(
        label="Tags", choices=[("t", "T"), ("u", "U")], widget=forms.CheckboxSelectMultiple
    )
    tell = forms.BooleanField(label="Tell them", required=False)
    paper = forms.FileField(label="Paper", required=False)


def draw(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def tag(html: str, element: str, name: str) -> str:
    match = re.search(rf'<{element}[^>]*name="{name}"[^>]*>', html)
    assert match, f"no {element} {name}"
    return " ".join(match.group(0).split())


def invalid_form() -> PersonForm:
    form = PersonForm(data={"name": "Nia <b>", "start": "soon", "role": "a", "tags": ["u"]})
    assert not form.is_valid()
    return form


def fields(form: PersonForm) -> str:
    return draw(
        "{% for field in form %}{% include 'includes/_field.html' %}{% endfor %}", form=form
    )


def test_a_field_keeps_its_ids_label_hint_and_error():
    html = fields(invalid_form())
    start = tag(html, "input", "start")
    assert 'id="id_start"' in start and 'value="soon"' in start
    assert "govuk-input--error" in start
    assert 'aria-describedby="id_start_helptext id_start-error"' in start
    assert re.search(r'<label class="govuk-label" for="id_start">\s*Start\s*</label>', html)
    assert re.search(r'id="id_start_helptext" class="govuk-hint">\s*For example', html)
    assert re.search(
        r'<p id="id_start-error" class="govuk-error-message">\s*'
        r'<span class="govuk-visually-hidden">Error:</span> Enter a valid date\.',
        html,
    )
    name = tag(html, "input", "name")
    assert 'maxlength="20"' in name and " required" in name
    assert 'aria-describedby="id_name_helptext"' in name


def test_texts_are_escaped_as_django_escapes_them():
    html = fields(invalid_form())
    assert "Person&#x27;s name" in html and "As it&#x27;s written" in html
    assert 'value="Nia &lt;b&gt;"' in html
    assert "Chair&#x27;s deputy" in html and "&#39;" not in html


def test_each_widget_has_its_component():
    html = fields(invalid_form())
    assert re.search(r"Note \(optional\)", html)
    assert 'name="note"' in tag(html, "textarea", "note")
    assert '<option value="a" selected>' in html
    assert "multiple" in tag(html, "select", "boards")
    assert re.search(
        r'<fieldset class="govuk-fieldset" aria-describedby="id_kind-hint id_kind-error"', html
    )
    assert 'id="id_kind_0"' in tag(html, "input", "kind")
    assert "checked" in html.split('id="id_tags_1"')[1].split(">")[0]
    assert 'id="id_tell"' in tag(html, "input", "tell")
    assert 'type="file"' in tag(html, "input", "paper")


def test_the_error_summary_links_each_error_to_its_control():
    form = invalid_form()
    form.add_error(None, "Nothing was saved")
    html = draw("{% include 'includes/_error_summary.html' with intro='Check' %}", form=form)
    assert html.lstrip().startswith('<div class="govuk-error-summary"')
    assert '<a href="#id_start">Enter a valid date.</a>' in html
    assert '<a href="#id_kind_0">This field is required.</a>' in html  # a radio group's first
    assert "Nothing was saved" in html and "Check" in html
    assert draw("{% include 'includes/_error_summary.html' %}", form=PersonForm()).strip() == ""


def test_nothing_the_content_security_policy_refuses():
    form = invalid_form()
    finder = InlineFinder()
    finder.feed(fields(form) + draw("{% include 'includes/_error_summary.html' %}", form=form))
    assert finder.problems == []


def test_the_same_markup_as_the_library_draws():
    """core.govuk draws the library's macros, not its own markup: the same HTML as the
    library's render() (whitespace apart), except the "Error:" the library's render loses."""
    input_ = GovUKInput(
        id="id_x",
        name="x",
        label=GovUKLabel(text="X"),
        hint=GovUKHint(text="Hint"),
        errorMessage=GovUKErrorMessage(text="Enter x"),
    )

    def squeeze(html):
        return re.sub(r">\s+<", "><", " ".join(str(html).split()))

    ours = squeeze(render(input_))
    assert ours.replace('<span class="govuk-visually-hidden">Error:</span>', "") == squeeze(
        input_.render()
    )


def test_a_summary_list_keeps_its_rows_to_its_render():
    source = (
        "{% load govuk_components %}{% govuk_summary_list %}{% for k in keys %}"
        "{% govuk_summary_row k value_classes='v' %}<b>{{ k }}</b>{% endgovuk_summary_row %}"
        "{% endfor %}{% endgovuk_summary_list %}"
    )
    compiled = engines["django"].from_string(source)
    results: dict[str, str] = {}

    def run(name):
        for _ in range(20):
            results[name] = compiled.render({"keys": [f"{name}{i}" for i in range(30)]})

    threads = [threading.Thread(target=run, args=(n,)) for n in ("public", "member")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name, other in (("public", "member"), ("member", "public")):
        assert results[name].count('class="govuk-summary-list__row"') == 30
        assert other not in results[name]
    assert '<dd class="govuk-summary-list__value v">' in results["public"]
    assert "<b>public0</b>" in results["public"]
