"""Test data for indicators, made through the services."""

import itertools

from cspboard.boards.tests.factories import BoardFactory
from cspboard.performance.services import indicator_create

_numbers = itertools.count(1)


def make_indicator(board=None, **fields):
    """An indicator (a count with a reduction target unless told otherwise) of `board`."""
    number = next(_numbers)
    board = board or BoardFactory()
    fields.setdefault("name", f"Indicator {number}")
    fields.setdefault("slug", f"indicator-{number}")
    fields.setdefault("unit", "offences")
    return indicator_create(board=board, **fields)
