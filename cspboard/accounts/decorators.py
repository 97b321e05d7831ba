from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from cspboard.core.permissions import second_factor_pending


def two_factor_url(next_url: str) -> str:
    return f"{reverse('accounts:two_factor')}?{urlencode({'next': next_url})}"


def second_factor_first(view):
    """Send a signed-in user who has not yet verified their second factor to do so first, and
    back here afterwards; without it the officer's pages would answer them 404."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if second_factor_pending(request.user):
            return redirect(two_factor_url(request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapped
