"""What every page's header needs from the action log."""

from django.utils.functional import SimpleLazyObject

from cspboard.core.cache import kept_for_request

from .models import ActionItem


def my_actions_link(request):
    """`OWNS_ACTIONS`: whether the signed-in person owns any action, for the header's "My
    actions" link. One query, made only when a page's header asks, and once per request."""

    def owns_actions() -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        # Kept under every board's generation (an action's owners move its board's).
        return kept_for_request(
            f"owns-actions:{user.pk}",
            lambda: ActionItem.objects.filter(owners__user=user).exists(),
            every_board=True,
        )

    return {"OWNS_ACTIONS": SimpleLazyObject(owns_actions)}
