from django.shortcuts import get_object_or_404

from cspboard.boards.models import Membership
from cspboard.meetings.models import Attendance

from .models import Person


def person_page(slug: str) -> dict:
    person = get_object_or_404(
        Person.objects.select_related("organisation").prefetch_related("aliases"), slug=slug
    )
    memberships = (
        Membership.objects.filter(person=person)
        .select_related("board")
        .order_by("-start", "board__name")
    )
    attendance = (
        Attendance.objects.filter(person=person)
        .select_related("meeting", "meeting__board")
        .order_by("-meeting__date")
    )
    return {"person": person, "memberships": memberships, "attendance": attendance}
