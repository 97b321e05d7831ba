"""Included under boards/<slug:slug>/meetings/ (the `isodate` converter is registered by
cspboard.urls)."""

from django.urls import path

from . import views

app_name = "packs"
urlpatterns = [
    path("<isodate:date>/pack.pdf", views.meeting_pack, name="meeting_pack"),
]
