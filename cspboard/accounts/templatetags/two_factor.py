from django import template

from cspboard.boards import access as permissions

register = template.Library()


@register.filter
def second_factor_pending(user) -> bool:
    """Whether to offer "Verify your sign-in to see restricted papers" in the header."""
    return permissions.second_factor_pending(user)
