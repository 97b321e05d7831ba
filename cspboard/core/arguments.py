"""Argument types shared by the management commands."""

import argparse
import datetime


def iso_date(value: str) -> datetime.date:
    """A YYYY-MM-DD date for argparse, refused with a message that says what was expected."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{value}" is not a date written as YYYY-MM-DD') from None


def add_sending_arguments(parser, what: str) -> None:
    """--dry-run and --today, for a command that sends e-mails (`what`: "reminders")."""
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=f"List the {what} that would be sent; send and record nothing",
    )
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=iso_date,
        help="Work as if today were this date (default: today)",
    )
