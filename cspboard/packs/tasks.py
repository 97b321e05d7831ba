"""The packs' background tasks, run by `cspboard db_worker` (docs/decisions/0006)."""

from django_tasks import task

from .builds import _run_build
from .conversion import convert_and_keep


@task()
def build_pack(build_id: int) -> str:
    """Build the pack a `PackBuild` row asks for, recording its progress on the row."""
    return _run_build(build_id)


@task()
def convert_paper(document_id: int) -> bool:
    """Convert a paper that is not a PDF (DOCX, ODT, XLSX) once, when it is added, and keep
    the PDF in the documents store for every pack that carries it (`conversion.py`)."""
    return convert_and_keep(document_id)
