"""Helpers for the tests that load the demo (here and in cspboard/tests/)."""

from cspboard.documents.tests.factories import pdf_bytes


def quick_pdf(**kwargs):
    """A stand-in for the demo's paper renderer: a PDF of the paper's title only."""
    return pdf_bytes(kwargs["title"])
