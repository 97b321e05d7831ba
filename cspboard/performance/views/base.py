"""What every performance page shares."""

from __future__ import annotations


def private(request, response):
    """Signed-in pages may carry forms and names: never kept by a shared cache."""
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response
