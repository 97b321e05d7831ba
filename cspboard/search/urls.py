from django.urls import path

from . import feeds, views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/feed.rss", feeds.SearchRssFeed(), name="feed_rss"),
    path("search/feed.atom", feeds.SearchAtomFeed(), name="feed_atom"),
]
