from django.urls import path

from . import views

app_name = "calendars"
urlpatterns = [
    path("boards/<slug:slug>/meetings.ics", views.board_feed, name="board_feed"),
    path("calendars/mine/", views.my_calendar, name="my_calendar"),
    path("calendars/<str:token>.ics", views.person_feed, name="person_feed"),
]
