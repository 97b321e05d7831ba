from django.shortcuts import render
from django.views.decorators.http import require_safe

from .selectors import person_page


@require_safe
def person_detail(request, slug: str):
    return render(request, "people/person_detail.html", person_page(slug))
