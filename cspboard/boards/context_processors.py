from django.utils.functional import SimpleLazyObject

from .outbox import may_see_outbox


def outbox_link(request):
    """`SEES_OUTBOX`: whether the header links to the e-mails page (officers, staff and
    administrators; worked out only when a header asks)."""
    return {
        "SEES_OUTBOX": SimpleLazyObject(lambda: may_see_outbox(getattr(request, "user", None))),
    }
