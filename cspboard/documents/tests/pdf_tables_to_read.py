"""Action tables as PDFs (WeasyPrint), for the tests of the rows recovered from them: the seed's
action log as a bordered table, a numbered action table, a borderless one, one over pages."""

from __future__ import annotations

import html
import pathlib

from cspboard.core.tests.shared_data import shared_data_missing

from .documents_to_read import pdf

SEEDS = pathlib.Path(__file__).resolve().parents[4] / "shared" / "seeds"
# The action log of the seed meeting of March 2018: its header and ten rows, tab-separated.
SEED_LOG = ("003_fd7ab8671c1905b6.txt", 184, 195)
LANDSCAPE = "@page { size: A4 landscape }"
TOP = "td { vertical-align: top }"  # as Word lays out a table's cells

NUMBERED = [
    ("No.", "Action", "Owner", "Due date"),
    (
        "1",
        "Circulate the revised community safety plan to all partners for comment before "
        "the next meeting",
        "Jade Hodgson",
        "30 June 2023",
    ),
    (
        "2",
        "Report back on the anti-social behaviour pilot in the town centre",
        "Insp. Tim Barfoot",
        "29 September 2023",
    ),  # fmt: skip
    (
        "3",
        "Arrange a development session on the serious violence duty",
        "Chair",
        "1 August 2023",
    ),  # fmt: skip
    (
        "4",
        "Write to the Police and Crime Commissioner about funding",
        "Penny Pyke",
        "31 July 2023",
    ),  # fmt: skip
]

OWNERS = ("Jade Hodgson", "Tim Barfoot", "Penny Pyke", "Angie Fuller", "Matthew Cole")


def seed_log_rows() -> list[list[str]]:
    name, start, end = SEED_LOG
    path = SEEDS / name
    if not path.is_file():
        shared_data_missing(f"seed document {path} is missing")
    lines = path.read_text(encoding="utf-8").splitlines()[start:end]
    return [line.split("\t") for line in lines]


def table(rows, *, border: bool = True, head: bool = True, style: str = "") -> str:
    """An HTML table: the first row its header (th, repeated on each page in a thead)."""
    tags = "border=1" if border else ""
    out = [f"<table {tags} style='border-collapse: collapse; {style}'>"]
    for index, row in enumerate(rows):
        tag = "th" if index == 0 and head else "td"
        cells = "".join(f"<{tag}>{html.escape(cell)}</{tag}>" for cell in row)
        if index == 0 and head:
            out.append(f"<thead><tr>{cells}</tr></thead><tbody>")
        else:
            out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>" if head else "</table>")
    return "".join(out)


def seed_log_pdf(*, css: str = "") -> bytes:
    body = "<h2>Community Safety Partnership Action Log</h2>" + table(
        seed_log_rows(), style="font-size: 9pt"
    )
    return pdf(body, css=f"{LANDSCAPE} {css}")


def numbered_pdf(*, border: bool = True, css: str = TOP) -> bytes:
    body = (
        "<h1>Community Safety Partnership</h1>"
        "<p>Minutes of the meeting held on 28 June 2023</p>"
        "<h2>Actions</h2>"
        + table(NUMBERED, border=border, style="width: 100%")
        + "<p>Date of next meeting: 27 September 2023</p>"
    )
    return pdf(body, css=css)


def borderless_pdf(*, css: str = TOP) -> bytes:
    rows = [row[1:] for row in NUMBERED]
    body = "<h2>Actions arising</h2>" + table(rows, border=False, head=False)
    return pdf(body, css=css)


def long_log_pdf(rows: int, *, repeat_header: bool = True) -> bytes:
    """A numbered log of `rows` actions, long enough to go over pages, header repeated."""
    data = [NUMBERED[0]] + [
        (
            str(n),
            f"Officer {n} to review the case file and report the outcome to the board",
            OWNERS[n % len(OWNERS)],
            f"{1 + n % 28} March 2024",
        )
        for n in range(1, rows + 1)
    ]
    return pdf("<h2>Action log</h2>" + table(data, head=repeat_header, style="width: 100%"),
               css=TOP)  # fmt: skip


def prose_pdf() -> bytes:
    paragraph = (
        "<p style='text-align: justify'>The board discussed the partnership plan at length. "
        "Members noted that the priorities agreed last year remain relevant, and the Chair "
        "asked officers to consider how the serious violence duty will be met. Police "
        "reported a fall in burglary and an increase in shoplifting.</p>"
    )
    return pdf("<h1>Minutes</h1>" + paragraph * 6 + "<p>Present: Chair, Vice Chair</p>")
