"""Included under reports/ (the `isodate` converter is registered by cspboard.urls)."""

from django.urls import path

from . import views

app_name = "reports"
M = "boards/<slug:slug>/meetings/<isodate:date>/subgroups/<slug:subgroup>/"
urlpatterns = [
    path("", views.my_reports, name="my_reports"),
    path("due/", views.reports_due, name="reports_due"),
    path("items/<int:item_id>/request/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/change/", views.request_change, name="request_change"),
    path("requests/<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("requests/<int:pk>/write/", views.report_write, name="report_write"),
    path("requests/<int:pk>/upload/", views.report_upload, name="report_upload"),
    path(
        "requests/<int:pk>/versions/<int:version>/<str:filename>",
        views.submission_download,
        name="submission_download",
    ),
    path("submit/<str:token>/", views.submit_link, name="submit_link"),
    path("submit/<str:token>/upload/", views.submit_link_upload, name="submit_link_upload"),
    path("update/<str:token>/", views.update_link, name="update_link"),
    path("update/<str:token>/upload/", views.update_link_upload, name="update_link_upload"),
    path("boards/<slug:slug>/settings/", views.report_settings, name="report_settings"),
    path(M, views.subgroup_update, name="subgroup_update"),
    path(M + "update.pdf", views.subgroup_update_download, name="subgroup_update_download"),
    path(M + "write/", views.subgroup_update_write, name="subgroup_update_write"),
    path(M + "upload/", views.subgroup_update_upload, name="subgroup_update_upload"),
]
