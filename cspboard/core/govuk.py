"""GOV.UK Frontend components drawn with govuk-frontend-django's component dataclasses.

Each dataclass names a govuk-frontend-jinja macro (the Design System's own templates, ported to
Jinja for the Frontend version we ship). The library's `GovUKComponent.render()` builds a new Jinja
environment and compiles the macro again on every call (about 20 ms for an error message, 50 ms
for a text input: docs/decisions/0010); `render` here draws the same macro with the same data
from one environment whose templates are compiled once per process, in well under a millisecond.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment, PackageLoader, PrefixLoader, select_autoescape

_ENVIRONMENT = Environment(
    loader=PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    autoescape=select_autoescape(default_for_string=True, default=True),
    auto_reload=False,
    trim_blocks=True,
    lstrip_blocks=True,
)


@functools.cache
def _macro(template_name: str, macro_name: str):
    return getattr(_ENVIRONMENT.get_template(template_name).module, macro_name)


def params(value: Any) -> Any:
    """The macro's parameters: dataclasses as dicts (a field's `name` metadata, such as the
    label's `for`, as its key), with every None left out, as the library does, so the macros'
    `is defined` and `default()` tests see them as absent."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.metadata.get("name", f.name): params(v)
            for f in dataclasses.fields(value)
            if (v := getattr(value, f.name)) is not None
        }
    if isinstance(value, dict):
        return {k: params(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [params(v) for v in value]
    return value


def render(component: Any) -> SafeString:
    """One govuk-frontend-django component (a `GovUK...` dataclass) as HTML."""
    macro = _macro(type(component)._jinja2_template, type(component)._macro_name)
    return mark_safe(str(macro(params(component))).strip())  # noqa: S308 - the macro escapes


# The components the project draws (core/templatetags/govuk_components.py), compiled when that
# tag library loads, which core/warmup.py makes happen before a worker's first request.
USED = (
    "checkboxes",
    "error-message",
    "error-summary",
    "fieldset",
    "hint",
    "input",
    "label",
    "radios",
    "summary-list",
    "tag",
    "textarea",
)


def macros_compile() -> int:
    """Compile the macros of the components the project uses; returns how many."""
    for name in USED:
        _ENVIRONMENT.get_template(f"govuk_frontend_jinja/components/{name}/macro.html")
    return len(USED)
