"""Argument types shared by the management commands."""

import argparse
import datetime


def iso_date(value: str) -> datetime.date:
    """A YYYY-MM-DD date for argparse, refused with a message that says what was expected."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{value}" is not a date written as YYYY-MM-DD') from None
