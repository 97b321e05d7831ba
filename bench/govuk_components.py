"""What drawing GOV.UK components through govuk-frontend-django costs, against hand-written markup.

    .venv/bin/python bench/govuk_components.py [--rows N] [--repeat R]

Renders, with the project's template engine and no database, each shape both ways and prints the
best of R timings of one render (milliseconds):

- a summary list of N rows: the library's `{% gds_summary_list %}` tags against a `<dl>` loop,
  and our `{% govuk_summary_list %}` (the library's dataclasses, drawn by `core.govuk`);
- a table of N rows and four columns: the library's `{% gds_table %}` against a `<table>` loop;
- one text field with a hint and an error: the library's `GovUKInput.render()` (a new Jinja
  environment each call), `{% govuk_field %}` (the library's label, hint and error through
  `core.govuk` around Django's widget) and the hand-written markup it replaced;
- an error summary of three errors: `{% gds_error_summary %}` against a hand-written `<div>`.

docs/decisions/0010-govuk-frontend-django.md records what it printed and what was decided.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("CSPBOARD_ENV", "development")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspboard.settings")

import django  # noqa: E402 - settings first

django.setup()

from django import forms  # noqa: E402
from django.template import engines  # noqa: E402
from govuk_frontend_django.components.base import GovUKComponent  # noqa: E402
from govuk_frontend_django.components.error_message import GovUKErrorMessage  # noqa: E402
from govuk_frontend_django.components.hint import GovUKHint  # noqa: E402
from govuk_frontend_django.components.input import GovUKInput  # noqa: E402
from govuk_frontend_django.components.label import GovUKLabel  # noqa: E402

from cspboard.core.forms import GovukForm  # noqa: E402
from cspboard.core.govuk import render  # noqa: E402

SUMMARY_HAND = """<dl class="govuk-summary-list">{% for row in rows %}
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{ row.key }}</dt>
<dd class="govuk-summary-list__value">{{ row.value }}</dd></div>{% endfor %}</dl>"""

SUMMARY_LIBRARY = """{% load govuk_frontend_django %}{% gds_summary_list %}{% for row in rows %}
{% gds_summary_list_row %}{% gds_summary_list_row_key text=row.key %}\
{% gds_summary_list_row_value text=row.value %}{% endgds_summary_list_row %}{% endfor %}\
{% endgds_summary_list %}"""

SUMMARY_TAG = """{% load govuk_components %}{% govuk_summary_list %}{% for row in rows %}
{% govuk_summary_row row.key %}{{ row.value }}{% endgovuk_summary_row %}{% endfor %}\
{% endgovuk_summary_list %}"""

TABLE_HAND = """<table class="govuk-table"><thead class="govuk-table__head">
<tr class="govuk-table__row">{% for key, name in columns %}
<th scope="col" class="govuk-table__header">{{ name }}</th>{% endfor %}</tr></thead>
<tbody class="govuk-table__body">{% for row in rows %}<tr class="govuk-table__row">
<td class="govuk-table__cell">{{ row.ref }}</td><td class="govuk-table__cell">{{ row.owner }}</td>
<td class="govuk-table__cell">{{ row.due }}</td><td class="govuk-table__cell">{{ row.status }}</td>
</tr>{% endfor %}</tbody></table>"""

TABLE_LIBRARY = """{% load govuk_frontend_django %}{% gds_table columns rows %}"""

FIELD_HAND = """{% if field.errors %}<div class="govuk-form-group govuk-form-group--error">\
{% else %}<div class="govuk-form-group">{% endif %}
<label class="govuk-label" for="{{ field.id_for_label }}">{{ field.label }}</label>
{% if field.help_text %}<div class="govuk-hint" id="{{ field.auto_id }}_helptext">\
{{ field.help_text }}</div>{% endif %}
{% if field.errors %}<p class="govuk-error-message" id="{{ field.id_for_label }}-error">\
<span class="govuk-visually-hidden">Error:</span> {{ field.errors|join:" " }}</p>{% endif %}
{{ field }}</div>"""

FIELD_TAG = """{% load govuk_components %}{% govuk_field field %}"""

ERRORS_HAND = """<div class="govuk-error-summary" data-module="govuk-error-summary">
<div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">
{% for href, text in errors %}<li><a href="{{ href }}">{{ text }}</a></li>{% endfor %}
</ul></div></div></div>"""

ERRORS_LIBRARY = """{% load govuk_frontend_django %}\
{% gds_error_summary titleText="There is a problem" %}{% for href, text in errors %}\
{% gds_error_summary_error_list_item href=href text=text %}{% endfor %}{% endgds_error_summary %}"""


class NameForm(GovukForm):
    name = forms.CharField(label="Name", help_text="As it appears on the register")


def best_ms(fn, repeat: int) -> float:
    number = 5
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    engine = engines["django"]
    rows = [
        {
            "key": f"Key {i}",
            "value": f"Value {i} <b>",
            "ref": f"A{i}",
            "owner": f"Owner {i}",
            "due": "1 May 2026",
            "status": "Open",
        }
        for i in range(args.rows)
    ]
    columns = [("ref", "Ref"), ("owner", "Owner"), ("due", "Due"), ("status", "Status")]
    form = NameForm(data={"name": ""})
    form.is_valid()
    errors = [("#id_a", "Enter a"), ("#id_b", "Enter b"), ("#id_c", "Enter c")]
    context = {"rows": rows, "columns": columns, "form": form, "errors": errors}

    context["field"] = form["name"]

    def library_input():
        return GovUKInput(
            id="id_name",
            name="name",
            label=GovUKLabel(text="Name"),
            hint=GovUKHint(text="As it appears on the register"),
            errorMessage=GovUKErrorMessage(text="This field is required."),
        ).render()

    def timed(source: str) -> float:
        compiled = engine.from_string(source)
        return best_ms(lambda: compiled.render(context), args.repeat)

    shapes = [
        (f"summary list, {args.rows} rows", SUMMARY_HAND, SUMMARY_LIBRARY),
        (f"table, {args.rows} rows x 4", TABLE_HAND, TABLE_LIBRARY),
        ("error summary, 3 errors", ERRORS_HAND, ERRORS_LIBRARY),
    ]
    print(f"{'':32}{'hand-written':>14}{'library':>12}{'library, core.govuk':>22}")
    for name, hand, library in shapes:
        hand_ms, library_ms = timed(hand), timed(library)
        with core_renderer():
            core_ms = timed(library)
        print(f"{name:32}{hand_ms:12.2f}ms{library_ms:10.2f}ms{core_ms:20.2f}ms")
    print(f"{'  the same, govuk_summary_list':32}{'':24}{timed(SUMMARY_TAG):20.2f}ms")
    hand_ms, library_ms = timed(FIELD_HAND), best_ms(library_input, args.repeat)
    core_ms = timed(FIELD_TAG)
    print(f"{'one field, hint and error':32}{hand_ms:12.2f}ms{library_ms:10.2f}ms{core_ms:20.2f}ms")


@contextlib.contextmanager
def core_renderer():
    """The library's template tags, drawing through `core.govuk.render` while inside."""
    original = GovUKComponent.render, GovUKComponent.__str__, GovUKComponent.__html__

    def fast(self, *args, **kwargs):
        return render(self)

    GovUKComponent.render = GovUKComponent.__str__ = GovUKComponent.__html__ = fast
    try:
        yield
    finally:
        GovUKComponent.render, GovUKComponent.__str__, GovUKComponent.__html__ = original


if __name__ == "__main__":
    main()
