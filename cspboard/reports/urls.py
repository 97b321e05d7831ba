"""Included under reports/ (the `isodate` converter is registered by cspboard.urls)."""

from django.urls import path

from .views import report_requests, subgroup_updates, submissions

app_name = "reports"
M = "boards/<slug:slug>/meetings/<isodate:date>/subgroups/<slug:subgroup>/"
urlpatterns = [
    path("", report_requests.my_reports, name="my_reports"),
    path("due/", report_requests.reports_due, name="reports_due"),
    path("items/<int:item_id>/request/", report_requests.request_create, name="request_create"),
    path("requests/<int:pk>/", report_requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/change/", report_requests.request_change, name="request_change"),
    path("requests/<int:pk>/withdraw/", report_requests.request_withdraw, name="request_withdraw"),
    path("requests/<int:pk>/write/", submissions.report_write, name="report_write"),
    path("requests/<int:pk>/upload/", submissions.report_upload, name="report_upload"),
    path(
        "requests/<int:pk>/versions/<int:version>/<str:filename>",
        submissions.submission_download,
        name="submission_download",
    ),
    path("submit/<str:token>/", submissions.submit_link, name="submit_link"),
    path("submit/<str:token>/upload/", submissions.submit_link_upload, name="submit_link_upload"),
    path("update/<str:token>/", subgroup_updates.update_link, name="update_link"),
    path(
        "update/<str:token>/upload/", subgroup_updates.update_link_upload, name="update_link_upload"
    ),
    path("boards/<slug:slug>/settings/", report_requests.report_settings, name="report_settings"),
    path(M, subgroup_updates.subgroup_update, name="subgroup_update"),
    path(
        M + "update.pdf", subgroup_updates.subgroup_update_download, name="subgroup_update_download"
    ),
    path(M + "write/", subgroup_updates.subgroup_update_write, name="subgroup_update_write"),
    path(M + "upload/", subgroup_updates.subgroup_update_upload, name="subgroup_update_upload"),
]
