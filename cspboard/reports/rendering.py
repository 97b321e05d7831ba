"""The board's report templates rendered to PDF: the cover sheet every report opens with, and
the subgroups' update report, in the seed packs' layout (board name, REPORT, subject, date,
author, contact, security; then the numbered sections). Authors write each section as plain
text: blank lines make paragraphs, lines starting "- " make bullet points (Markdown, sanitised).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import markdown
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from cspboard.core.sanitise import sanitise_html
from cspboard.meetings.models import SCHEDULE_12A_TEXT

from .contributions import subgroup_actions


def text_html(text: str) -> SafeString:
    """An author's section as HTML: Markdown, then sanitised like minutes."""
    html = markdown.markdown(text or "", extensions=["sane_lists"])
    return mark_safe(sanitise_html(html))  # noqa: S308 - sanitised just above


def appendix_lines(text: str) -> list[str]:
    """One appendix a line, numbered "Appendix 1: ..." unless the author numbered them."""
    lines = [line.strip(" -•\t") for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    return [
        line if line.lower().startswith("appendix") else f"Appendix {n}: {line}"
        for n, line in enumerate(lines, start=1)
    ]


@dataclass(frozen=True)
class Section:
    heading: str
    html: SafeString


def _legal_basis(paragraph: int | None) -> str:
    return SCHEDULE_12A_TEXT.format(n=paragraph) if paragraph else ""


def html_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it loads pango, which only PDFs need

    return HTML(string=html).write_pdf()


def cover_sheet_html(
    *,
    board_name: str,
    subject: str,
    date: datetime.date | None,
    author: str,
    contact: str,
    marking: str,
    paragraph: int | None,
    purpose: str,
    overview: str,
    appendices: str,
) -> str:
    sections = [
        Section("Purpose of Presenting the Report and Decisions Required", text_html(purpose)),
        Section("Overview and Recommendations", text_html(overview)),
    ]
    return render_to_string(
        "reports/pdf/report.html",
        {
            "board_name": board_name,
            "label": "Subject",
            "title": subject,
            "date": date,
            "author": author,
            "contact": contact,
            "marking": marking,
            "legal_basis": _legal_basis(paragraph),
            "sections": sections,
            "appendices_heading": "List of Appendices",
            "appendices": appendix_lines(appendices),
        },
    )


def cover_sheet_pdf(**kwargs) -> bytes:
    return html_pdf(cover_sheet_html(**kwargs))


def subgroup_update_html(update) -> str:
    board = update.meeting.board
    sections = [
        Section("Brief Update", text_html(update.brief_update)),
        Section("Key Challenge(s)", text_html(update.key_challenges)),
        Section("Emerging Trends", text_html(update.emerging_trends)),
        Section(f"Support required from the {board.name}", text_html(update.support_required)),
    ]
    return render_to_string(
        "reports/pdf/report.html",
        {
            "board_name": board.name,
            "label": "Title",
            "title": update.title,
            "date": update.report_date or update.meeting.date,
            "author": update.author_text,
            "contact": update.contact,
            "marking": update.security_marking,
            "legal_basis": update.legal_basis,
            "sections": sections,
            "appendices_heading": "Appendices",
            "appendices": appendix_lines(update.appendices),
            "led_actions": subgroup_actions(
                update.subgroup, as_at=update.meeting.agenda_published_on
            ),
        },
    )


def subgroup_update_pdf(update) -> bytes:
    return html_pdf(subgroup_update_html(update))


def no_update_pdf(meeting, subgroups) -> bytes:
    """One page naming the subgroups that sent nothing, as the 2023 agenda prints them."""
    return html_pdf(
        render_to_string(
            "reports/pdf/no_update.html", {"meeting": meeting, "subgroups": list(subgroups)}
        )
    )
