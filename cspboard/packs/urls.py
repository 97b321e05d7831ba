"""Included under boards/<slug:slug>/meetings/ (the `isodate` converter is registered by
cspboard.urls)."""

from django.urls import path

from . import views

app_name = "packs"
urlpatterns = [
    path("<isodate:date>/pack.pdf", views.meeting_pack, name="meeting_pack"),
    path("<isodate:date>/pack/", views.pack_progress, name="pack_progress"),
    path("<isodate:date>/minutes.pdf", views.meeting_minutes, name="meeting_minutes"),
    path("<isodate:date>/documents/<int:pk>.pdf", views.publication, name="publication"),
    path(
        "<isodate:date>/documents/",
        views.publications_manage,
        name="publications_manage",
    ),
]
