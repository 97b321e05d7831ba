"""Adding and editing a board's indicators: their one-page fields, source, target and RAG
thresholds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cspboard.boards.access import second_factor_first

from .. import forms, pages, services
from .base import private


@login_required
@second_factor_first
@require_http_methods(["GET", "POST"])
def indicator_form(request, slug: str, indicator_slug: str | None = None):
    """Add an indicator to the board, or change one (officers and analysts)."""
    board = pages.board_for_data_entry(request.user, slug)
    instance = pages.indicator_for_entry(board, indicator_slug) if indicator_slug else None
    crime_types, _months = pages.hotspot_choices()
    form = forms.IndicatorForm(
        request.POST if request.method == "POST" else None,
        board=board,
        subgroups=pages.subgroup_choices(board),
        areas=pages.area_choices(board),
        crime_types=crime_types,
        instance=instance,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                saved = services.indicator_create(
                    board=board, by=request.user, **form.service_fields()
                )
            else:
                saved = services.indicator_update(
                    indicator=instance, by=request.user, **form.service_fields()
                )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"{saved.name} is saved.")
            return redirect("performance:data_index", slug=board.slug)
    response = render(
        request,
        "performance/indicator_form.html",
        {"board": board, "form": form, "indicator": instance},
        status=400 if form.errors else 200,
    )
    return private(request, response)
