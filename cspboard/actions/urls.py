from django.urls import path

from .views import action_page, log, spreadsheet_import

app_name = "actions"
urlpatterns = [
    path("boards/<slug:slug>/actions/", log.action_log, name="action_log"),
    path(
        "boards/<slug:slug>/actions/export.<str:fmt>",
        log.action_log_export,
        name="action_log_export",
    ),
    path(
        "boards/<slug:slug>/actions/import/", spreadsheet_import.action_import, name="action_import"
    ),
    path("boards/<slug:slug>/actions/reminders/", log.reminder_list, name="reminder_list"),
    path("boards/<slug:slug>/actions/settings/", log.action_settings, name="action_settings"),
    path(
        "boards/<slug:slug>/actions/<int:number>/", action_page.action_detail, name="action_detail"
    ),
    path(
        "boards/<slug:slug>/actions/<int:number>/update/",
        action_page.action_update,
        name="action_update",
    ),
    path(
        "boards/<slug:slug>/actions/<int:number>/close/",
        action_page.action_close,
        name="action_close",
    ),
    path(
        "boards/<slug:slug>/actions/<int:number>/reopen/",
        action_page.action_reopen,
        name="action_reopen",
    ),
    path(
        "boards/<slug:slug>/actions/<int:number>/target-date/",
        action_page.action_redate,
        name="action_redate",
    ),
    path(
        "boards/<slug:slug>/actions/<int:number>/rating/",
        action_page.action_rate,
        name="action_rate",
    ),
    path(
        "boards/<slug:slug>/actions/<int:number>/duplicate/",
        action_page.action_mark_duplicate,
        name="action_mark_duplicate",
    ),
    path(
        "boards/<slug:slug>/meetings/<isodate:date>/actions/",
        log.meeting_actions,
        name="meeting_actions",
    ),
    path("actions/mine/", log.my_actions, name="my_actions"),
    path("actions/update/<str:token>/", action_page.action_update_link, name="action_update_link"),
]
