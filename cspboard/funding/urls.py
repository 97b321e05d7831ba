"""Included at the site's root."""

from django.urls import path

from . import views

app_name = "funding"
B = "boards/<slug:slug>/funding/"
urlpatterns = [
    path(B, views.funding_board, name="funding_board"),
    path(B + "streams/add/", views.stream_create, name="stream_create"),
    path(B + "awards/add/", views.award_create, name="award_create"),
    path(B + "awards/<int:pk>/", views.award_detail, name="award_detail"),
    path(B + "awards/<int:pk>/change/", views.award_edit, name="award_edit"),
    path(B + "awards/<int:pk>/amounts/", views.amount_set, name="amount_set"),
    path(B + "awards/<int:pk>/measures/add/", views.measure_add, name="measure_add"),
    path(B + "awards/<int:pk>/returns/request/", views.return_request, name="return_request"),
    path(B + "returns/<int:pk>/", views.return_review, name="return_review"),
    path("boards/<slug:slug>/funded-services/", views.funded_services, name="funded_services"),
    path("funding/returns/<str:token>/", views.return_link, name="return_link"),
]
