"""The site administration behind the same second factor as the rest of the service.

Django's admin manages log-ins, groups and authenticator devices, so a password alone must not
open it (a stolen one could take over any account): an administrator or staff member who has
not verified their second factor this session is sent to do so first, then back to the page
they asked for.
"""

from __future__ import annotations

from django.contrib import admin
from django.shortcuts import redirect

from cspboard.boards.access import second_factor_pending, two_factor_url


class AdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        return super().has_permission(request) and not second_factor_pending(request.user)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and second_factor_pending(request.user):
            return redirect(two_factor_url(request.GET.get("next") or request.path))
        return super().login(request, extra_context)
