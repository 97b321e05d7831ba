from django.http import Http404

from cspboard.core.permissions import access_for, can_see_document

from .models import Document


def document_get_for_user(user, pk: int) -> Document:
    """The paper, if this user may have it; otherwise 404, the same as for a paper that does
    not exist, so nobody learns what is withheld."""
    try:
        document = Document.objects.select_related(
            "item", "item__parent", "item__meeting", "item__meeting__board"
        ).get(pk=pk)
    except Document.DoesNotExist:
        raise Http404 from None
    item = document.item
    withheld = item.is_withheld or (item.parent is not None and item.parent.is_withheld)
    if not can_see_document(access_for(user), document, withheld):
        raise Http404
    return document
