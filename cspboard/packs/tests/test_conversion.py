import io
import stat
import sys
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cspboard.documents.services import document_add
from cspboard.documents.tests.factories import pdf_bytes
from cspboard.packs import conversion
from cspboard.packs.builder import build_pack

from .helpers import agenda_references, first_page_with, page_texts

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def add_docx(item, title="Budget paper", filename="budget.docx"):
    upload = SimpleUploadedFile(filename, docx_bytes(), content_type=DOCX)
    return document_add(item=item, upload=upload, title=title)


def fake_converter(tmp_path, body: str) -> tuple[str, object]:
    """A converter called like LibreOffice; `body` is Python run with `args`, `out` (the output
    folder) and `source` (the file to convert) set. Each call is logged."""
    log = tmp_path / "converter.log"
    script = tmp_path / "fake-soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys, time\n"
        "args = sys.argv[1:]\n"
        f"with open({str(log)!r}, 'a') as f: f.write(' '.join(args) + '\\n')\n"
        "out = pathlib.Path(args[args.index('--outdir') + 1])\n"
        "source = pathlib.Path(args[-1])\n" + body + "\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script), log


@pytest.fixture
def converted_pdf(tmp_path):
    path = tmp_path / "converted.pdf"
    path.write_bytes(pdf_bytes("CONVERTED-DOCX-TEXT"))
    return path


def test_the_converter_defaults_to_libreoffice_on_the_path(settings, monkeypatch):
    del settings.PACK_CONVERTER
    monkeypatch.setattr(conversion.shutil, "which", lambda name: f"/opt/{name}")
    assert conversion.converter() == "/opt/soffice"
    monkeypatch.setattr(conversion.shutil, "which", lambda name: None)
    assert conversion.converter() is None
    settings.PACK_CONVERTER = ""
    assert conversion.converter() is None


def test_a_docx_paper_is_converted_and_merged(scenario, settings, tmp_path, converted_pdf):
    body = f"(out / (source.stem + '.pdf')).write_bytes(open({str(converted_pdf)!r}, 'rb').read())"
    settings.PACK_CONVERTER, log = fake_converter(tmp_path, body)
    add_docx(scenario.public_item)
    texts = page_texts(build_pack(scenario.meeting, members=False))
    page = first_page_with(texts, "CONVERTED-DOCX-TEXT")
    assert page > first_page_with(texts, "PUBLIC-DOC-TEXT")  # in the item's order
    assert agenda_references(texts)["Performance Report"][1] >= page
    assert "Not included in this pack" not in "\n".join(texts)
    args = log.read_text().split()
    assert "--headless" in args and "--convert-to" in args and "pdf" in args
    assert args[-1].endswith("paper.docx")  # our own name for it, never the uploaded one

    # Kept: the next build does not convert it again.
    build_pack(scenario.meeting, members=True)
    assert len(log.read_text().splitlines()) == 1


def listing(texts: list[str]) -> str:
    whole = " ".join("\n".join(texts).split())
    assert "Budget paper (budget.docx)" in whole
    assert "Not included in this pack" in whole
    assert "/boards/csp/meetings/2018-03-28/" in whole.replace(" ", "")  # where to get it
    return whole


def test_without_a_converter_the_paper_is_listed(scenario, settings):
    settings.PACK_CONVERTER = None
    add_docx(scenario.public_item)
    texts = page_texts(build_pack(scenario.meeting, members=False))
    listing(texts)
    page = first_page_with(texts, "Budget paper")
    assert agenda_references(texts)["Performance Report"][1] >= page


def test_a_failing_converter_leaves_the_paper_listed(scenario, settings, tmp_path):
    settings.PACK_CONVERTER, log = fake_converter(tmp_path, "sys.exit(3)")
    add_docx(scenario.public_item)
    listing(page_texts(build_pack(scenario.meeting, members=False)))
    assert log.exists()


def test_a_converter_that_writes_no_pdf_leaves_the_paper_listed(scenario, settings, tmp_path):
    body = "(out / (source.stem + '.pdf')).write_bytes(b'not a pdf')"
    settings.PACK_CONVERTER, _ = fake_converter(tmp_path, body)
    add_docx(scenario.public_item)
    listing(page_texts(build_pack(scenario.meeting, members=False)))


def test_a_converter_that_hangs_is_stopped(scenario, settings, tmp_path):
    settings.PACK_CONVERTER, _ = fake_converter(tmp_path, "time.sleep(60)")
    settings.PACK_CONVERTER_TIMEOUT = 0.5
    add_docx(scenario.public_item)
    listing(page_texts(build_pack(scenario.meeting, members=False)))


def test_a_withheld_docx_stays_out_of_the_public_pack(scenario, settings, tmp_path):
    settings.PACK_CONVERTER = None
    add_docx(scenario.restricted_item, title="Secret budget", filename="secret.docx")
    whole = "\n".join(page_texts(build_pack(scenario.meeting, members=False)))
    assert "Secret budget" not in whole and "secret.docx" not in whole
    members = page_texts(build_pack(scenario.meeting, members=True))
    page = members[first_page_with(members, "Secret budget") - 1]
    assert "RESTRICTED" in page.replace("Secret budget", "")


def test_a_paper_is_converted_by_the_worker_when_it_is_added(
    scenario, settings, tmp_path, converted_pdf, django_capture_on_commit_callbacks
):
    """Adding the paper queues its conversion (run at once here: ImmediateBackend); the pack
    then uses the kept PDF and does not convert it again."""
    body = f"import shutil; shutil.copy({str(converted_pdf)!r}, out / (source.stem + '.pdf'))"
    settings.PACK_CONVERTER, log = fake_converter(tmp_path, body)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        add_docx(scenario.public_item)
    assert callbacks and len(log.read_text().splitlines()) == 1  # converted once
    texts = page_texts(build_pack(scenario.meeting, members=False))
    assert first_page_with(texts, "CONVERTED-DOCX-TEXT")
    assert len(log.read_text().splitlines()) == 1  # the pack used the kept conversion


def test_a_pdf_paper_queues_no_conversion(
    scenario, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PACK_CONVERTER, log = fake_converter(tmp_path, "sys.exit(3)")
    upload = SimpleUploadedFile("x.pdf", pdf_bytes("PDF-TEXT"), content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        document_add(item=scenario.public_item, upload=upload, title="A PDF")
    assert not log.exists()
