"""The person's pages (under /people/, named in the `people` namespace): drawn by boards, since
beyond the person's name they show their roles on boards and what the apps above boards register,
and only their boards' officers may delete them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cspboard.core.exceptions import RecordInUse
from cspboard.people.selectors import person_references
from cspboard.people.services import in_use_message, person_delete

from .access import second_factor_first
from .selectors import person_for_officer, person_page


@require_safe
def person_detail(request, slug: str):
    response = render(
        request, "people/person_detail.html", {"page": person_page(slug, user=request.user)}
    )
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


def _back(request, person) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return person.get_absolute_url()


@login_required
@second_factor_first
@never_cache
@require_http_methods(["GET", "POST"])
def person_delete_confirm(request, slug: str):
    """Deleting someone entered by mistake; refused, with the safe alternative, for anyone the
    record names."""
    person = person_for_officer(request.user, slug, include_past=True)
    back = _back(request, person)
    problem = ""
    if request.method == "POST":
        try:
            person_delete(person=person, by=request.user)
        except RecordInUse as error:
            problem = str(error)
        else:
            messages.success(request, f"{person.display_name} was deleted")
            return redirect(
                reverse("boards:board_list") if back == person.get_absolute_url() else back
            )
    else:
        references = person_references(person)
        if references:
            problem = in_use_message(person, references)
    return render(
        request,
        "people/person_confirm_delete.html",
        {"person": person, "problem": problem, "back": back},
        status=409 if problem and request.method == "POST" else 200,
    )
