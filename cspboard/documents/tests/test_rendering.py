import io

from pypdf import PdfReader

from cspboard.documents.rendering import paper_pdf


def test_text_papers_render_to_a_pdf_with_their_marking_and_text():
    pdf = paper_pdf(
        title="Safer Neighbourhood Board report",
        body_markdown=(
            "## Purpose\n\nThe board is asked to note.\n\n| a | b |\n|---|---|\n| 1 | 2 |"
        ),
        marking="RESTRICTED",
        author="Steve Thompson",
        legal_basis="paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972",
    )
    assert pdf.startswith(b"%PDF-")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for expected in [
        "Safer Neighbourhood Board report",
        "RESTRICTED",
        "The board is asked to note",
        "Steve Thompson",
        "paragraph 1 of Part 1 of Schedule 12A",
    ]:
        assert expected in text, expected
