from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import BoardAtomFeed, BoardRssFeed
from .sitemaps import SITEMAPS

app_name = "following"
urlpatterns = [
    path("boards/<slug:slug>/feed.rss", BoardRssFeed(), name="board_rss"),
    path("boards/<slug:slug>/feed.atom", BoardAtomFeed(), name="board_atom"),
    path("boards/<slug:slug>/follow/", views.subscribe, name="subscribe"),
    path(
        "boards/<slug:slug>/follow/check-your-email/", views.subscribe_sent, name="subscribe_sent"
    ),
    path("follow/confirm/<str:token>/", views.confirm, name="confirm"),
    path("follow/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
