import datetime

from django.shortcuts import render
from django.views.decorators.http import require_safe

from .selectors import CAPACITY_NOTES, meeting_page_for_user


@require_safe
def meeting_detail(request, slug: str, date: datetime.date):
    page = meeting_page_for_user(request.user, slug, date)
    response = render(
        request,
        "meetings/meeting_detail.html",
        {"page": page, "meeting": page.meeting, "capacity_notes": CAPACITY_NOTES},
    )
    if page.access.authenticated:
        # A member's page holds withheld material: never let a shared cache keep it.
        response["Cache-Control"] = "private, no-store"
    return response
