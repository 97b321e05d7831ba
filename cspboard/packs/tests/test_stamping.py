import io

from pypdf import PdfReader, PdfWriter

from cspboard.documents.tests.factories import pdf_bytes
from cspboard.packs.stamping import _rotation_matrix, stamp_pages


def stamped(rotations, marks):
    writer = PdfWriter()
    for rotation in rotations:
        page = PdfReader(io.BytesIO(pdf_bytes("PAPER"))).pages[0]
        if rotation:
            page.rotate(rotation)
        writer.add_page(page)
    stamp_pages(writer, marks, first_number=7)
    out = io.BytesIO()
    writer.write(out)
    return PdfReader(io.BytesIO(out.getvalue()))


def test_numbers_and_markings_on_every_page_however_rotated():
    reader = stamped([0, 90, 180, 270], ["RESTRICTED", None, "DRAFT - RESTRICTED", None])
    texts = [page.extract_text() for page in reader.pages]
    assert [("PAPER" in t, f"Page {n}" in t) for n, t in enumerate(texts, start=7)] == [
        (True, True)
    ] * 4
    assert "RESTRICTED" in texts[0] and "DRAFT - RESTRICTED" in texts[2]
    assert "RESTRICTED" not in texts[1] + texts[3]


def test_the_paper_cannot_move_the_stamp():
    """The paper's own drawing is wrapped in q ... Q, so a transformation it leaves in force
    does not reach the stamp."""
    reader = stamped([0], [None])
    contents = reader.pages[0].get_contents().get_data()
    assert contents.startswith(b"q\n") and b"Q q" in contents and contents.rstrip().endswith(b"Q")


def test_rotated_pages_are_stamped_upright():
    # The displayed page's x axis, in the page's own space, for each rotation.
    assert _rotation_matrix(0, 0, 0, 595, 842) == ((1, 0, 0, 1, 0, 0), 595, 842)
    assert _rotation_matrix(90, 0, 0, 595, 842) == ((0, 1, -1, 0, 595, 0), 842, 595)
    assert _rotation_matrix(180, 0, 0, 595, 842) == ((-1, 0, 0, -1, 595, 842), 595, 842)
    assert _rotation_matrix(270, 0, 0, 595, 842) == ((0, -1, 1, 0, 0, 842), 842, 595)
