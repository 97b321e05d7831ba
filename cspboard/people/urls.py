from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("<slug:slug>/", views.person_detail, name="person_detail"),
    path("<slug:slug>/delete/", views.person_delete_confirm, name="person_delete"),
]
