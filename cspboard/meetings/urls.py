from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("<isodate:date>/", views.meeting_detail, name="meeting_detail"),
]
