import zipfile

import pytest

from cspboard.actions.extraction import extract_actions
from cspboard.actions.readers import UnreadableMinutes, docx_to_html, read_minutes
from cspboard.documents.tests.documents_to_read import pdf, zip_bomb

from .docx import make_docx, para, run, table


def test_docx_paragraphs_bold_lists_and_tables():
    data = make_docx(
        para("The board reviewed the plan."),
        para(run("ACTION", bold=True), run(" – Steven Calder to meet with Angie Fuller.")),
        para("Jonathon Toy (JT) & partners agreed.", listed=True),
        table([["Minutes", "Action"], ["The log was reviewed.", "JH to update the log"]]),
    )
    html = docx_to_html(data)
    assert "<strong>ACTION</strong> – Steven Calder" in html
    assert "<li>Jonathon Toy (JT) &amp; partners agreed.</li>" in html
    assert "<td><p>Minutes</p></td>" in html
    actions = extract_actions(html)
    assert [a.text for a in actions] == [
        "Steven Calder to meet with Angie Fuller.",
        "JH to update the log",
    ]


def test_read_minutes_by_suffix(tmp_path):
    (tmp_path / "minutes.txt").write_text("ACTION: JH to update the log", encoding="utf-8")
    (tmp_path / "minutes.html").write_text("<p>ACTION: JH to update the log</p>", encoding="utf-8")
    (tmp_path / "minutes.docx").write_bytes(make_docx(para("ACTION: JH to update the log")))
    for name in ("minutes.txt", "minutes.html", "minutes.docx"):
        assert "ACTION: JH to update the log" in read_minutes(tmp_path / name)


def test_windows_text_is_read(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes("ACTION – Clare to circulate the plan".encode("cp1252"))
    assert read_minutes(path) == "ACTION – Clare to circulate the plan"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.docx", b"not a zip at all", "not a valid DOCX"),
        ("minutes.txt", b"\x00\x01\x02binary", "not a text, HTML or DOCX"),
    ],
)
def test_unreadable_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableMinutes, match=message):
        read_minutes(path)


def test_zip_without_a_document(tmp_path):
    path = tmp_path / "minutes.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(UnreadableMinutes, match="not a Word document"):
        read_minutes(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UnreadableMinutes, match="No such file"):
        read_minutes(tmp_path / "nope.txt")
    with pytest.raises(UnreadableMinutes, match="folder"):
        read_minutes(tmp_path)


def test_read_minutes_reads_a_pdf(tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf("<p>The log was reviewed.</p><p>ACTION: JH to update the log</p>"))
    text = read_minutes(path)
    assert "ACTION: JH to update the log" in text
    assert [a.text for a in extract_actions(text)] == ["JH to update the log"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.pdf", lambda: b"%PDF-1.7 cut short", "damaged or unfinished PDF"),
        ("minutes.docx", lambda: zip_bomb(megabytes=120), "would unpack to 120 MB"),
    ],
)
def test_hostile_files_are_refused(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content())
    with pytest.raises(UnreadableMinutes, match=message):
        read_minutes(path)
