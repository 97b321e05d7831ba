"""Any text at all is split, headed and itemised without an error: what cannot be read is
left out or said in a warning, never raised."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cspboard.documents.readers import Line, SourceDocument, Where
from cspboard.imports.minutes.draft import DOCUMENT_KINDS
from cspboard.imports.minutes.parse import parse_document

# Lines shaped like the ones the readers look for, so the fuzz reaches past the first checks.
_PIECES = [
    "Agenda", "Agenda and minutes", "Notice of meeting", "Minutes", "Minutes:", "Present:",
    "Attendees: A B", "Apologies: C D", "REPORT", "Subject: X", "Security: RESTRICTED",
    "Title: Y", "This page is intentionally left blank", "Document is Restricted",
    "Action\tLead\tDue date\tStatus", "1.", "2", "3.1 Title", "(i) Sub", "4a) Sub", "Item 4",
    "Minute 23/45 Title", "15 mins", "2 minutes", "Pages 1 - 9", "RESTRICTED: Title",
    "Date: Wednesday 31 February 2019", "Wednesday, 28 March 2018 - 10:00 am - 1:00 pm",
    "28/03/2018", "Time: 2.00 pm", "Venue:", "Chair:", "Fiona Taylor (Chair)", "PART 2",
    "Exclusion of the press and public", "paragraph 9 of Part 1 of Schedule 12A",
    "RESOLVED", "The board agreed.", "| 13. Forward Plan | Chair | 49 |", "No.\tItem\tLead",
]  # fmt: skip

_LINE = st.one_of(
    st.sampled_from(_PIECES),
    st.text(max_size=80),
    st.builds(lambda n, t: f"{n}. {t}", st.integers(-5, 1000), st.text(max_size=30)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=60))
def test_any_lines_parse_without_error(lines):
    # Built as the readers build lines (a tab separates a table row's cells), without their
    # refusal of what is not text, so that every string reaches the parser.
    doc = SourceDocument(
        name="fuzz.txt",
        kind="text",
        sha256="0",
        lines=[
            Line(
                text=text,
                where=Where(file="fuzz.txt", line=number),
                cells=tuple(text.split("\t")) if "\t" in text else (),
                heading=number % 7 == 0,
            )
            for number, text in enumerate(lines, start=1)
        ],
    )
    draft = parse_document(doc)
    for meeting in draft.meetings:
        assert meeting.kind in DOCUMENT_KINDS
        assert meeting.first_line <= meeting.last_line
        for item in meeting.items:
            assert item.where is not None
            assert item.restriction_paragraph in (None, 1, 2, 3, 4, 5, 6, 7)
