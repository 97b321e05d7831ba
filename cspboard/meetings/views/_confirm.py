"""The one shape of a view that changes the record: call the service, and either say it is done
or show why the service refused.

    outcome = attempt(request, services.meeting_cancel, form=form, meeting=meeting, ...)
    if outcome:
        return redirect(...)

A refusal is one of the exceptions the services raise for the people using them
(`core.exceptions`, and Django's `ValidationError`). It goes on the form when there is one (a
`ValidationError` on the fields it names), else into an error message, or, with `show=False`,
nowhere: the view draws it itself (a confirmation page answering 409, an htmx fragment).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError

from cspboard.core.exceptions import EditConflict, NotAllowed

from ..forms import validation_messages


@dataclass
class Outcome:
    """What came of a service call: its result, or the refusal. True when it was done."""

    result: Any = None
    error: Exception | None = None
    refusal: str = ""  # the refusal, in the words shown

    def __bool__(self) -> bool:
        return self.error is None

    @property
    def conflict(self) -> EditConflict | None:
        """Someone else's save, to show beside the person's own text."""
        return self.error if isinstance(self.error, EditConflict) else None


def refusal_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def add_service_errors(form, error: ValidationError) -> None:
    """A service's ValidationError on the fields of the form it names (the rest on the form)."""
    for field, messages_ in validation_messages(error).items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def attempt(
    request,
    service: Callable[..., Any],
    /,
    *,
    form=None,
    refused: tuple[type[Exception], ...] | Mapping[type[Exception], str | None] = (NotAllowed,),
    show: bool = True,
    success: str | Callable[[Any], str] = "",
    **kwargs,
) -> Outcome:
    """Call `service(**kwargs)`. If it raises one of `refused` (a mapping gives fixed words for
    some of them), the refusal goes on `form`, else in an error message unless `show` is False.
    If it is done, `success` (words, or a function of the service's result) is the message.
    (`form`, `refused`, `show` and `success` are this function's own: no service takes them.)"""
    words_for = dict(refused) if isinstance(refused, Mapping) else dict.fromkeys(refused)
    try:
        result = service(**kwargs)
    except tuple(words_for) as error:
        fixed = next((w for kind, w in words_for.items() if isinstance(error, kind)), None)
        outcome = Outcome(error=error, refusal=fixed or refusal_text(error))
        if form is not None and isinstance(error, ValidationError) and not fixed:
            add_service_errors(form, error)
        elif form is not None:
            form.add_error(None, outcome.refusal)
        elif show:
            messages.error(request, outcome.refusal)
        return outcome
    if success:
        messages.success(request, success(result) if callable(success) else success)
    return Outcome(result=result)
