"""Papers written as text (Markdown) rendered to PDF, as the board would receive them."""

import datetime

import markdown
from django.template.loader import render_to_string

from cspboard.core.sanitise import sanitise_html


def paper_html(
    *,
    title: str,
    body_markdown: str,
    marking: str,
    author: str = "",
    date: datetime.date | None = None,
    legal_basis: str = "",
) -> str:
    body = sanitise_html(markdown.markdown(body_markdown, extensions=["tables", "sane_lists"]))
    return render_to_string(
        "documents/paper.html",
        {
            "title": title,
            "body": body,
            "marking": marking,
            "author": author,
            "date": date,
            "legal_basis": legal_basis,
        },
    )


def paper_pdf(**kwargs) -> bytes:
    from weasyprint import HTML  # imported late: it loads pango, which only this needs

    return HTML(string=paper_html(**kwargs)).write_pdf()
