"""The PDF primitives the pack and the minutes share: HTML laid out by WeasyPrint, papers read by
pypdf, and runs of pages assembled into one numbered, marked PDF (`stamping.py`)."""

from __future__ import annotations

import io

RESTRICTED = "RESTRICTED"
DRAFT = "DRAFT"


def html_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it loads pango, which only packs need

    return HTML(string=html).write_pdf()


def layout(html: str):
    from weasyprint import HTML  # imported late, as above

    return HTML(string=html).render()


def read_pdf(pdf: bytes):
    from pypdf import PdfReader  # imported late, as WeasyPrint is: only packs read PDFs

    reader = PdfReader(io.BytesIO(pdf))
    if reader.is_encrypted:
        reader.decrypt("")  # papers "protected" with an empty password open in any reader
    return reader


def assemble(runs: list[tuple[list, str | None]]) -> bytes:
    """One PDF of the runs of pages in order, numbered, each page with its run's marking."""
    # Imported late, as PdfReader is: pypdf takes a fifth of a second to load.
    from pypdf import PdfWriter

    from .stamping import stamp_pages

    writer = PdfWriter()
    marks: list[str | None] = []
    for pages, marking in runs:
        for page in pages:
            writer.add_page(page)
            marks.append(marking)
    stamp_pages(writer, marks)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
