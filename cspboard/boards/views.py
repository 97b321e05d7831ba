from django.shortcuts import render
from django.views.decorators.http import require_safe

from .selectors import board_page, boards_all


@require_safe
def board_list(request):
    return render(request, "boards/board_list.html", {"boards": boards_all()})


@require_safe
def board_detail(request, slug: str):
    return render(request, "boards/board_detail.html", {"page": board_page(slug)})
