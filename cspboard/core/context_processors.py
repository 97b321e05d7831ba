from django.conf import settings
from django.utils.functional import SimpleLazyObject


def service(request):
    """The council's and service's names, and `SEES_OUTBOX`: whether the header links to the
    e-mails page (officers, staff and administrators; worked out only when a header asks)."""

    def sees_outbox() -> bool:
        from .selectors import may_see_outbox

        return may_see_outbox(getattr(request, "user", None))

    return {
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "SERVICE_NAME": settings.SERVICE_NAME,
        "SEES_OUTBOX": SimpleLazyObject(sees_outbox),
    }
