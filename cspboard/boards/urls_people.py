"""/people/: the person's pages, drawn by boards (see `views_people`); the URL names stay in the
`people` namespace, as the person's `get_absolute_url` names them."""

from django.urls import path

from . import views_people as views

app_name = "people"
urlpatterns = [
    path("<slug:slug>/", views.person_detail, name="person_detail"),
    path("<slug:slug>/delete/", views.person_delete_confirm, name="person_delete"),
]
