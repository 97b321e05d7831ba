from django.http import Http404

from cspboard.boards.access import access_for

from .models import Document


def document_for_viewer(user, pk: int) -> Document:
    """The paper, if this user may have it; otherwise 404, the same as for a paper that does
    not exist, so nobody learns what is withheld."""
    try:
        return (
            Document.objects.visible_to(access_for(user))
            .select_related("item", "item__meeting", "item__meeting__board")
            .get(pk=pk)
        )
    except Document.DoesNotExist:
        raise Http404 from None
