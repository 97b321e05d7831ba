from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("boards/<slug:slug>/places/", views.place_list, name="place_list"),
    path("boards/<slug:slug>/places/add/", views.place_edit, name="place_add"),
    path("boards/<slug:slug>/places/<slug:place>/", views.place_detail, name="place_detail"),
    path("boards/<slug:slug>/places/<slug:place>/edit/", views.place_edit, name="place_edit"),
    path(
        "boards/<slug:slug>/places/<slug:place>/findings/add/",
        views.finding_edit,
        name="finding_add",
    ),
    path(
        "boards/<slug:slug>/places/<slug:place>/findings/<int:finding>/edit/",
        views.finding_edit,
        name="finding_edit",
    ),
    path(
        "boards/<slug:slug>/places/<slug:place>/actions/link/",
        views.action_link,
        name="action_link",
    ),
    path(
        "boards/<slug:slug>/places/<slug:place>/actions/<int:action>/unlink/",
        views.action_unlink,
        name="action_unlink",
    ),
]
