from django.shortcuts import render
from django.views.decorators.http import require_safe

from cspboard.boards.access import access_for

from .forms import SearchForm
from .query import parse
from .selectors import Filters, search


@require_safe
def search_page(request):
    """The search page: `/search/?q=...`, with the advanced options. Results are what this
    reader may see; the page is never cached for the public (it varies by the question)."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        query = parse(data["q"])
        filters = Filters(
            board=data["board"],
            kinds=tuple(data["kind"]),
            date_from=data["date_from"],
            date_to=data["date_to"],
            by_date=data["order"] == "date",
        )
        results = search(access_for(request.user), query, filters, page=data["page"] or 1)
    response = render(
        request,
        "search/search.html",
        {
            "form": form,
            "results": results,
            "query_string": _without(request, "page"),
            "feed_query": _without(request, "page", "order"),
        },
    )
    response["Cache-Control"] = "private, no-store" if request.user.is_authenticated else "no-cache"
    return response


def _without(request, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()
