from django_tasks import task

from .services import paper_text_read


@task()
def read_paper_text(document_id: int) -> bool:
    """A paper's text read for search once, by the worker, when the paper is added or its
    file replaced (reading a long PDF takes seconds: never in the request)."""
    return paper_text_read(document_id)
