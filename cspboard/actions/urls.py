from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("boards/<slug:slug>/actions/", views.action_log, name="action_log"),
    path(
        "boards/<slug:slug>/actions/export.<str:fmt>",
        views.action_log_export,
        name="action_log_export",
    ),
    path("boards/<slug:slug>/actions/import/", views.action_import, name="action_import"),
    path("boards/<slug:slug>/actions/reminders/", views.reminder_list, name="reminder_list"),
    path("boards/<slug:slug>/actions/settings/", views.action_settings, name="action_settings"),
    path("boards/<slug:slug>/actions/<int:number>/", views.action_detail, name="action_detail"),
    path(
        "boards/<slug:slug>/meetings/<isodate:date>/actions/",
        views.meeting_actions,
        name="meeting_actions",
    ),
    path("actions/mine/", views.my_actions, name="my_actions"),
    path("actions/update/<str:token>/", views.action_update_link, name="action_update_link"),
]
