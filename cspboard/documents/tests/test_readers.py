"""The readers: each kind of file read into lines that know where they came from, and hostile
files refused with a message rather than a crash or an exhausted server."""

import html
import io
import zipfile

import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspboard.documents import readers
from cspboard.documents.readers import (
    MAX_BYTES,
    SourceDocument,
    UnreadableDocument,
    Where,
    read_document,
    read_path,
)
from cspboard.documents.reading import pdf as pdf_reader

from .documents_to_read import BILLION_LAUGHS, encrypted, pdf, word, zip_bomb, zipped


def texts(document: SourceDocument) -> list[str]:
    return [line.text for line in document.lines]


def line_with(document: SourceDocument, start: str):
    return next(line for line in document.lines if line.text.startswith(start))


# -- text --------------------------------------------------------------------------------------


def test_text_lines_keep_their_numbers_and_tab_separated_cells():
    document = read_document(
        b"Minutes\n\nNo.\tAction\tLead\r\n1\tCirculate the plan\tJH\n", "m.txt"
    )
    assert document.kind == "text"
    assert texts(document)[:4] == ["Minutes", "", "No.\tAction\tLead", "1\tCirculate the plan\tJH"]
    row = document.lines[3]
    assert row.cells == ("1", "Circulate the plan", "JH")
    assert row.where == Where(file="m.txt", line=4)
    assert str(row.where) == "m.txt, line 4"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig", "utf-16"])
def test_text_in_the_usual_encodings_is_read(encoding):
    document = read_document("ACTION – Clare to circulate\n".encode(encoding), "m.txt")
    assert texts(document) == ["ACTION – Clare to circulate", ""]


def test_utf16_html_is_read():
    page = "<html><body><p>ACTION – Clare to circulate</p></body></html>"
    assert texts(read_document(page.encode("utf-16"), "m.html")) == ["ACTION – Clare to circulate"]


# -- HTML --------------------------------------------------------------------------------------

PAGE = b"""<!DOCTYPE html><html><head><title>Agenda and minutes</title>
<style>p { color: red }</style><script>document.write("no")</script></head>
<body><nav><a href="/">Home</a> <a href="/meetings">Meetings</a></nav>
<h1>Community   Safety&nbsp;Partnership</h1>
<p>Wednesday, 11 December 2019 10:00 am</p>
<p><strong>Present:</strong> Cllr Worby (Chair)<br>Jade Hodgson &amp; Fiona Taylor</p>
<p><b>Apologies</b></p>
<ul><li>Mark Long</li><li>Brian   Parrot</li></ul>
<ol start="3"><li>Minutes</li><li><p>Action log</p><p>Reviewed</p></li></ol>
<table>
 <thead><tr><th>No.</th><th>Action</th><th>Lead</th></tr></thead>
 <tbody><tr><td>1</td><td><p>Review the <em>CSP</em> action log</p></td><td>JH</td></tr>
 <tr><td>2</td><td>Circulate the plan</td><td></td></tr></tbody>
</table>
<table class="mgItemTable">
 <tr><td class="mgItemNumberCell">6.</td><td><p class="mgAiTitleTxt">Domestic Abuse Commission</p>
 <p>Florence Henry updated the board.</p><p>The commission has support.</p>
 <p>ACTION: Jade Hodgson to review the log</p></td></tr>
</table>
<footer><p>Contact: Democratic Services</p></footer>
</body></html>"""


def test_html_blocks_headings_lists_and_tables():
    document = read_document(PAGE, "minutes.html")
    assert document.kind == "html"
    assert texts(document) == [
        "Community Safety Partnership",
        "Wednesday, 11 December 2019 10:00 am",
        "Present: Cllr Worby (Chair)",
        "Jade Hodgson & Fiona Taylor",
        "Apologies",
        "Mark Long",
        "Brian Parrot",
        "3. Minutes",
        "4. Action log",
        "Reviewed",
        "No.\tAction\tLead",
        "1\tReview the CSP action log\tJH",
        "2\tCirculate the plan\t",
        # ModernGov's item table lays passages out in cells: read as the cells' lines.
        "6.",
        "Domestic Abuse Commission",
        "Florence Henry updated the board.",
        "The commission has support.",
        "ACTION: Jade Hodgson to review the log",
        "Contact: Democratic Services",
    ]
    headings = [line.text for line in document.lines if line.heading]
    assert headings == ["Community Safety Partnership", "Apologies"]
    row = line_with(document, "1\t")
    assert row.cells == ("1", "Review the CSP action log", "JH")
    assert line_with(document, "2\t").cells == ("2", "Circulate the plan", "")
    assert line_with(document, "ACTION").cells == ()
    assert [line.where.line for line in document.lines] == list(range(1, 20))
    assert document.lines[0].where == Where(file="minutes.html", line=1)


def test_html_without_a_doctype_is_sniffed_and_a_bare_fragment_read():
    assert read_document(b"<html><body><p>Hello</p></body></html>", "page").kind == "html"
    assert texts(read_document(b"<p>One</p><p>Two</p>", "page.htm")) == ["One", "Two"]


@pytest.mark.parametrize("name", ["bomb.html", "bomb.xhtml", "bomb.xml"])
def test_billion_laughs_is_refused(name):
    data = BILLION_LAUGHS + b"<html><body><p>&lol9;</p></body></html>"
    with pytest.raises(UnreadableDocument, match="declares its own entities"):
        read_document(data, name)


def test_billion_laughs_in_utf16_is_refused():
    data = (BILLION_LAUGHS + b"<html><body><p>&lol9;</p></body></html>").decode().encode("utf-16")
    with pytest.raises(UnreadableDocument, match="declares its own entities"):
        read_document(data, "bomb.html")


def test_deeply_nested_html_is_read_or_refused_whole():
    def nested(depth: int) -> bytes:
        return b"<html><body><p>before</p>" + b"<div>" * depth + b"deep" + b"</div>" * depth

    assert texts(read_document(nested(200) + b"<p>after</p>", "deep.html")) == [
        "before",
        "deep",
        "after",
    ]
    with pytest.raises(UnreadableDocument, match="nests its elements too deeply"):
        read_document(nested(5000) + b"<p>after</p>", "deep.html")


# -- Word --------------------------------------------------------------------------------------


def minutes_docx() -> bytes:
    def build(document):
        document.add_heading("Community Safety Partnership", level=1)
        document.add_paragraph("Minutes of the meeting held on 28 June 2023")
        bold = document.add_paragraph()
        bold.add_run("Present").bold = True
        table = document.add_table(rows=3, cols=3)
        for row, values in zip(
            table.rows,
            [
                ["Name", "Role", "Organisation"],
                ["Jonathon Toy (JT)", "Chair", "LBBD"],
                ["Apologies", "", ""],
            ],  # fmt: skip
            strict=True,
        ):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        merged = table.cell(2, 0).merge(table.cell(2, 2))
        merged.text = "Apologies"
        document.add_paragraph("Introductions", style="List Number")
        document.add_paragraph("Declarations of interest", style="List Number")
        action = document.add_paragraph()
        action.add_run("ACTION").bold = True
        action.add_run(": JH to update the log")
        broken = document.add_paragraph("First line")
        broken.add_run().add_break(WD_BREAK.LINE)
        broken.add_run("Second line")
        document.add_paragraph("Date of next meeting: 27 September 2023")

    return word(build)


def test_docx_paragraphs_and_tables_in_body_order():
    document = read_document(minutes_docx(), "minutes.docx")
    assert document.kind == "docx"
    assert texts(document) == [
        "Community Safety Partnership",
        "Minutes of the meeting held on 28 June 2023",
        "Present",
        "Name\tRole\tOrganisation",
        "Jonathon Toy (JT)\tChair\tLBBD",
        "Apologies",  # the merged cell, once
        "1. Introductions",  # Word's numbers, which are not in the text
        "2. Declarations of interest",
        "ACTION: JH to update the log",
        "First line",
        "Second line",
        "Date of next meeting: 27 September 2023",
    ]
    headings = [line.text for line in document.lines if line.heading]
    assert headings == ["Community Safety Partnership", "Present"]
    assert line_with(document, "Jonathon").cells == ("Jonathon Toy (JT)", "Chair", "LBBD")
    assert line_with(document, "Apologies").cells == ("Apologies",)
    assert line_with(document, "Second").where == Where(file="minutes.docx", line=11)


NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="decimal"/>
 <w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>
 <w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl><w:lvl w:ilvl="2">
 <w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
 <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>"""
NUM = """<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 w:numId="90"><w:abstractNumId w:val="90"/></w:num>"""


def test_docx_multilevel_numbers_are_worked_out():
    def build(document):
        numbering = document.part.numbering_part.element
        numbering.insert(0, parse_xml(NUMBERING))
        numbering.append(parse_xml(NUM))
        for text, level in [("Minutes", 0), ("Accuracy", 1), ("Matters arising", 1),
                            ("Action log", 0), ("Open", 2), ("Closed", 2), ("Note", 3),
                            ("Forward plan", 0), ("Summer", 1)]:  # fmt: skip
            num_pr = document.add_paragraph(text)._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = 90

    assert texts(read_document(word(build), "numbered.docx")) == [
        "4. Minutes",
        "(a) Accuracy",
        "(b) Matters arising",
        "5. Action log",
        "5.1 Open",
        "5.2 Closed",
        "Note",
        "6. Forward plan",
        "(a) Summer",
    ]


def test_docx_zip_bomb_is_refused_without_inflating_it(monkeypatch):
    data = zip_bomb(megabytes=120)
    assert len(data) < 1024 * 1024

    def inflate(*args, **kwargs):
        raise AssertionError("a member of the zip was unpacked")

    # Refused from the zip's listing alone: not one byte of a member is unpacked.
    monkeypatch.setattr(zipfile.ZipExtFile, "read", inflate)
    monkeypatch.setattr(zipfile.ZipExtFile, "read1", inflate)
    with pytest.raises(UnreadableDocument, match="would unpack to 120 MB"):
        read_document(data, "bomb.docx")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_docx_with_an_entity_declaration_is_refused(encoding):
    source = zipfile.ZipFile(io.BytesIO(minutes_docx()))
    members = {name: source.read(name) for name in source.namelist()}
    xml = BILLION_LAUGHS + members["word/document.xml"].split(b"?>", 1)[1]
    members["word/document.xml"] = xml.decode().encode(encoding)
    with pytest.raises(UnreadableDocument, match="declares XML entities"):
        read_document(zipped(members), "bomb.docx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a valid DOCX file"),
        (b"PK\x03\x04 truncated", "not a valid DOCX file"),
        (zipped({"hello.txt": b"hello"}), "zip file but not a Word document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old-style Word"),
    ],
    ids=["junk", "truncated zip", "other zip", "doc"],
)
def test_what_is_not_a_docx_is_refused(data, message):
    with pytest.raises(UnreadableDocument, match=message):
        read_document(data, "minutes.docx")


def test_a_spreadsheet_is_not_a_word_document():
    members = {
        "[Content_Types].xml": (
            b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": b"<workbook/>",
    }
    with pytest.raises(UnreadableDocument, match="not a Word document"):
        read_document(zipped(members), "log.xlsx")


# -- PDF ---------------------------------------------------------------------------------------

PDF_BODY = """
<h1>Community Safety Partnership</h1>
<p>Minutes of the meeting held on 28 June 2023</p>
<table style="border-collapse: collapse">
<tr><td style="width: 40mm">No.</td><td style="width: 60mm">Action</td><td>Lead</td></tr>
<tr><td>1</td><td>Circulate the plan</td><td>Jade Hodgson</td></tr>
</table>
<p style="page-break-before: always">ACTION: JH to update the log</p>
<p>Date of next meeting: 27 September 2023</p>
"""


@pytest.fixture(scope="module")
def minutes_pdf() -> bytes:
    return pdf(PDF_BODY)


def test_pdf_lines_know_their_page_and_columns(minutes_pdf):
    document = read_document(minutes_pdf, "minutes.pdf")
    assert document.kind == "pdf"
    assert document.pages == 2
    assert texts(document)[:2] == [
        "Community Safety Partnership",
        "Minutes of the meeting held on 28 June 2023",
    ]
    row = line_with(document, "1\t")
    assert row.cells == ("1", "Circulate the plan", "Jade Hodgson")
    assert row.text == "1\tCirculate the plan\tJade Hodgson"  # a table row, as Word's are
    assert row.where == Where(file="minutes.pdf", line=4, page=1)
    action = line_with(document, "ACTION")
    assert action.text == "ACTION: JH to update the log"
    assert action.cells == ()
    assert action.where == Where(file="minutes.pdf", line=1, page=2)
    assert str(action.where) == "minutes.pdf, page 2, line 1"


def test_a_pdf_protected_against_copying_only_is_read(minutes_pdf):
    document = read_document(encrypted(minutes_pdf, user_password=""), "minutes.pdf")
    assert "ACTION: JH to update the log" in texts(document)


def test_a_pdf_that_needs_a_password_is_refused(minutes_pdf):
    with pytest.raises(UnreadableDocument, match="protected by a password"):
        read_document(encrypted(minutes_pdf, user_password="secret"), "minutes.pdf")


def test_a_truncated_pdf_is_refused(minutes_pdf):
    with pytest.raises(UnreadableDocument, match="damaged or unfinished PDF"):
        read_document(minutes_pdf[:200], "minutes.pdf")


def test_junk_named_pdf_is_refused():
    with pytest.raises(UnreadableDocument, match="damaged or unfinished PDF"):
        read_document(b"this is not a PDF at all", "minutes.pdf")


def test_a_scanned_pdf_needs_ocr():
    scan = pdf('<div style="width: 100mm; height: 100mm; background: #333"></div>')
    with pytest.raises(UnreadableDocument, match="needs OCR"):
        read_document(scan, "scan.pdf")


def test_too_many_pages_are_refused(minutes_pdf, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 1)
    with pytest.raises(UnreadableDocument, match="has 2 pages; files over 1 are not read"):
        read_document(minutes_pdf, "minutes.pdf")


def test_a_page_of_too_much_drawing_is_refused(minutes_pdf, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_CONTENT_BYTES", 1000)
    with pytest.raises(UnreadableDocument, match="page 1 has more drawing in it than"):
        read_document(minutes_pdf, "minutes.pdf")


def test_a_sixty_page_pdf_is_read_whole():
    """Its speed is measured in bench/import_minutes.py, not asserted here."""
    lines = []
    for n in range(1, 1600):
        lines.append(f"{n}. The board reviewed the action log and agreed to circulate the plan.")
        lines.append(f"{n:<6}  Circulate the revised plan    Jade Hodgson    31 March 2024")
    data = pdf("<pre>" + html.escape("\n".join(lines)) + "</pre>", css="pre { font-size: 11pt }")
    document = read_document(data, "pack.pdf")
    assert document.pages >= 55
    rows = [line for line in document.lines if line.cells]
    assert len(rows) == 1599
    assert rows[-1].cells == ("1599", "Circulate the revised plan", "Jade Hodgson", "31 March 2024")


# -- every kind ----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\n"], ids=["empty", "blank"])
def test_an_empty_file_is_refused(data):
    with pytest.raises(UnreadableDocument, match="is empty"):
        read_document(data, "minutes.txt")


def test_a_page_with_no_text_is_refused():
    with pytest.raises(UnreadableDocument, match="has no text"):
        read_document(b"<html><body><script>x()</script></body></html>", "page.html")


def test_binary_named_text_is_refused():
    with pytest.raises(UnreadableDocument, match="not a text, HTML, Word or PDF file"):
        read_document(b"\x00\x01\x02binary", "minutes.txt")


def test_an_oversize_file_is_refused(tmp_path, monkeypatch):
    with pytest.raises(UnreadableDocument, match="files over 25 MB are not read"):
        read_document(b"a" * (MAX_BYTES + 1), "huge.txt")
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(MAX_BYTES + 1)
    monkeypatch.setattr(readers.pathlib.Path, "read_bytes", lambda self: pytest.fail("read"))
    with pytest.raises(UnreadableDocument, match="files over 25 MB are not read"):
        read_path(path)


def test_read_path_says_what_is_wrong(tmp_path):
    with pytest.raises(UnreadableDocument, match="No such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(UnreadableDocument, match="is a folder"):
        read_path(tmp_path)
    (tmp_path / "minutes.txt").write_text("Minutes", encoding="utf-8")
    assert read_path(tmp_path / "minutes.txt").lines[0].where.file == "minutes.txt"


def test_the_hash_is_of_the_bytes():
    first = read_document(b"Minutes", "a.txt")
    assert first.sha256 == read_document(b"Minutes", "b.txt").sha256
    assert first.sha256 != read_document(b"Minutes.", "a.txt").sha256


# -- any bytes -----------------------------------------------------------------------------------

_HEADS = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html><body>", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]
_NAMES = ["minutes.txt", "minutes.html", "minutes.docx", "minutes.pdf", "minutes"]


def _mutated(valid: bytes):
    """A valid file with a few of its bytes overwritten, or cut short."""
    return st.one_of(
        st.integers(0, len(valid)).map(lambda end: valid[:end]),
        st.lists(
            st.tuples(st.integers(0, len(valid) - 1), st.binary(min_size=1, max_size=8)),
            min_size=1,
            max_size=6,
        ).map(lambda edits: _apply(valid, edits)),
    )


def _apply(valid: bytes, edits) -> bytes:
    data = bytearray(valid)
    for at, replacement in edits:
        data[at : at + len(replacement)] = replacement
    return bytes(data)


_SMALL_PDF = pdf(
    "<p>ACTION: JH to update the log</p><table><tr><td>1</td><td>a</td><td>b</td></tr></table>"
)
_SMALL_DOCX = minutes_docx()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.tuples(st.sampled_from(_HEADS), st.binary(max_size=2000)).map(b"".join),
        _mutated(_SMALL_PDF),
        _mutated(_SMALL_DOCX),
        _mutated(PAGE),
    ),
    name=st.sampled_from(_NAMES),
)
def test_any_bytes_are_read_or_refused_with_a_message(data, name):
    try:
        document = read_document(data, name)
    except UnreadableDocument as error:
        assert str(error)
        return
    assert isinstance(document, SourceDocument)
    assert all(isinstance(line.text, str) for line in document.lines)


_MARKUP = st.sampled_from(
    ["<p>", "</p>", "<b>", "</b>", "<br>", "<table>", "<tr>", "<td>", "</td>", "</tr>",
     "</table>", "<ol>", "<li>", "</ol>", "<h2>", "</h2>", "<script>", "</script>", "&amp;",
     "&nbsp;", " ", "\n", "\t", "<!--", "-->", "<div>", "</div>", "ACTION: JH to", "1."]
)  # fmt: skip
_WORDS = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=100, deadline=None)
@given(parts=st.lists(st.one_of(_MARKUP, _WORDS), max_size=60))
def test_any_page_reads_as_tidy_numbered_lines(parts):
    data = ("<html><body>" + "".join(parts)).encode()
    try:
        document = read_document(data, "page.html")
    except UnreadableDocument as error:
        assert str(error)
        return
    assert [line.where.line for line in document.lines] == list(range(1, len(document.lines) + 1))
    for line in document.lines:
        assert line.text
        assert "\n" not in line.text
        if line.cells:
            assert line.text == "\t".join(line.cells)
        else:
            assert line.text == " ".join(line.text.split())
