"""RSS and Atom feeds of a saved search: `/search/feed.atom?q=...` with the search page's
options. Always the public's view, whoever fetches it (a feed reader has no session, and a
feed's address is shared), newest first."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from cspboard.boards.access import PUBLIC

from .forms import SearchForm
from .query import parse
from .selectors import Filters, Result, search

FEED_LENGTH = 30


class SavedSearch:
    def __init__(self, form: SearchForm):
        data = form.cleaned_data
        self.query = parse(data["q"])
        self.filters = Filters(
            board=data["board"],
            kinds=tuple(data["kind"]),
            date_from=data["date_from"],
            date_to=data["date_to"],
            by_date=True,
        )
        self.params = {k: v for k, v in form.data.lists() if k not in ("page", "order")}

    @property
    def query_string(self) -> str:
        return urlencode(self.params, doseq=True)


class SearchRssFeed(Feed):
    description_template = None
    route = "search:feed_rss"

    def get_object(self, request) -> SavedSearch:
        form = SearchForm(request.GET)
        if not form.is_valid() or not parse(form.cleaned_data["q"]):
            raise Http404("A feed needs words to search for")
        return SavedSearch(form)

    def title(self, saved: SavedSearch) -> str:
        return f"Search: {saved.query.text}"

    def link(self, saved: SavedSearch) -> str:
        return f"{reverse('search:search')}?{saved.query_string}"

    def feed_url(self, saved: SavedSearch) -> str:
        return f"{reverse(self.route)}?{saved.query_string}"

    def description(self, saved: SavedSearch) -> str:
        return f"What the partnership's public record holds for “{saved.query.text}”, newest first."

    def items(self, saved: SavedSearch) -> list[Result]:
        return search(PUBLIC, saved.query, saved.filters, per_page=FEED_LENGTH).results

    def item_title(self, result: Result) -> str:
        return f"{result.entry.get_kind_display()}: {result.entry.title}"

    def item_description(self, result: Result) -> str:
        return str(result.snippet)

    def item_link(self, result: Result) -> str:
        return result.url

    def item_guid(self, result: Result) -> str:
        return result.entry.key

    item_guid_is_permalink = False

    def item_pubdate(self, result: Result):
        day = result.entry.date or result.entry.updated_at.date()
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

    def item_updateddate(self, result: Result):
        return result.entry.updated_at


class SearchAtomFeed(SearchRssFeed):
    feed_type = Atom1Feed
    route = "search:feed_atom"

    def subtitle(self, saved: SavedSearch) -> str:
        return self.description(saved)
