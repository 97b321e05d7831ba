"""Papers uploaded as DOCX, ODT or XLSX, converted to PDF for the pack where a converter is
installed.

`settings.PACK_CONVERTER` names the converter: a program called the way LibreOffice is
(`<program> --headless --convert-to pdf --outdir <folder> <file>`). Left unset it is
LibreOffice's `soffice` if that is on the PATH; set to "" or None there is none, and such papers
are listed in the pack by title, with where to get them. Each conversion runs in a temporary
folder of its own (LibreOffice included: its profile goes there too, so conversions never wait
on each other's locks), with a time limit (`settings.PACK_CONVERTER_TIMEOUT`, 60 seconds).

A converted paper is kept in the documents store beside the packs, keyed by the stored file it
came from, so a pack rebuilt after an unrelated change does not convert it again. The worker
converts each such paper when it is added (`signals.on_document_saved` enqueues the
`convert_paper` task once the paper's transaction commits), so the pack finds it converted; a
pack built before that, or after a conversion that failed, converts it there and then as before
(and lists it by title if that fails too).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile

from cspboard.documents.models import Document, documents_storage

logger = logging.getLogger(__name__)

CONVERTIBLE = {".docx", ".odt", ".xlsx"}  # the formats uploads accept besides PDF
DEFAULT_TIMEOUT = 60
_AUTO = object()


def converter() -> str | None:
    """The converter program, or None when there is none."""
    configured = getattr(settings, "PACK_CONVERTER", _AUTO)
    if configured is _AUTO:
        return shutil.which("soffice")
    return configured or None


def convertible(document: Document) -> bool:
    return Path(document.filename).suffix.lower() in CONVERTIBLE


def _cache_name(document: Document) -> str:
    key = hashlib.sha256(f"{document.file.name}|{document.size}".encode()).hexdigest()[:24]
    return f"packs/converted/{document.pk}-{key}.pdf"


def converted_pdf(document: Document) -> bytes | None:
    """The paper as PDF, or None when there is no converter or it failed (logged)."""
    program = converter()
    if program is None or not convertible(document):
        return None
    storage = documents_storage()
    cached = _cache_name(document)
    try:
        if storage.exists(cached):
            with storage.open(cached, "rb") as handle:
                return handle.read()
    except OSError:
        logger.warning("Converted copy of paper %s unreadable", document.pk, exc_info=True)
    pdf = _convert(program, document)
    if pdf is not None:
        try:
            storage.save(cached, ContentFile(pdf))
        except OSError:  # kept or not, the pack has it
            logger.warning("Converted copy of paper %s not kept", document.pk, exc_info=True)
    return pdf


def _convert(program: str, document: Document) -> bytes | None:
    timeout = getattr(settings, "PACK_CONVERTER_TIMEOUT", DEFAULT_TIMEOUT)
    suffix = Path(document.filename).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="cspboard-convert-") as folder:
        work = Path(folder)
        source = work / f"paper{suffix}"  # never the uploaded name: it is not ours to trust
        out = work / "out"
        out.mkdir()
        try:
            with document.file.open("rb") as handle, source.open("wb") as copy:
                shutil.copyfileobj(handle, copy)
            process = subprocess.Popen(  # noqa: S603 - the configured converter, our arguments
                [
                    program,
                    f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out),
                    str(source),
                ],
                cwd=work,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,  # so a stuck converter's helpers can be ended with it
            )
            try:
                _, errors = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                logger.warning("Converting paper %s took over %s s", document.pk, timeout)
                return None
            if process.returncode:
                logger.warning(
                    "Converting paper %s failed (%s): %s",
                    document.pk,
                    process.returncode,
                    errors.decode(errors="replace")[-500:],
                )
                return None
            pdf = (out / "paper.pdf").read_bytes()
        except OSError as exc:
            logger.warning("Converting paper %s failed: %s", document.pk, exc)
            return None
    if not pdf.startswith(b"%PDF-"):
        logger.warning("Converting paper %s gave something other than a PDF", document.pk)
        return None
    return pdf


def convert_and_keep(document_id: int) -> bool:
    """The `convert_paper` task: convert the paper and keep the PDF, unless it is kept already.
    False when there is nothing to convert, no converter, or the conversion failed (logged)."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None or not convertible(document):
        return False
    return converted_pdf(document) is not None
