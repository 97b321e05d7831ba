from django.urls import path

from . import views, views_plan

app_name = "meetings"
M = "<isodate:date>/"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("series/", views.meeting_series, name="meeting_series"),
    path("standing-items/", views.standing_items, name="standing_items"),
    path(M, views.meeting_detail, name="meeting_detail"),
    path(M + "edit/", views.meeting_edit, name="meeting_edit"),
    path(M + "cancel/", views.meeting_cancel, name="meeting_cancel"),
    path(M + "delete/", views.meeting_delete, name="meeting_delete"),
    path(M + "history/", views.meeting_history, name="meeting_history"),
    path(M + "agenda/", views.agenda_manage, name="agenda_manage"),
    path(M + "agenda/items/", views.agenda_item_add, name="agenda_item_add"),
    path(
        M + "agenda/standing-items/",
        views.agenda_from_standing_items,
        name="agenda_from_standing_items",
    ),
    path(M + "agenda/items/<int:item_id>/", views.agenda_item_edit, name="agenda_item_edit"),
    path(M + "agenda/items/<int:item_id>/move/", views.agenda_item_move, name="agenda_item_move"),
    path(
        M + "agenda/items/<int:item_id>/delete/",
        views.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path(M + "agenda/publish/", views.agenda_publish, name="agenda_publish"),
    path(M + "agenda/notify/", views.agenda_notify, name="agenda_notify"),
    path(M + "attendance/", views.attendance_manage, name="attendance_manage"),
    path(M + "attendance/guests/", views.attendance_add_guest, name="attendance_add_guest"),
    path(M + "attendance/<int:row_id>/remove/", views.attendance_remove, name="attendance_remove"),
    path(M + "minutes/", views.minutes_manage, name="minutes_manage"),
    path(M + "minutes/review/", views.minutes_review, name="minutes_review"),
    path(M + "minutes/<int:item_id>/", views.minutes_item, name="minutes_item"),
    path(
        M + "minutes/<int:item_id>/history/",
        views.minutes_item_history,
        name="minutes_item_history",
    ),
    path(M + "declare/", views.declaration_ahead, name="declaration_ahead"),
    path("plan/", views_plan.plan, name="forward_plan"),
    path(
        "plan/items/<int:item_id>/status/",
        views_plan.plan_item_status,
        name="plan_item_status",
    ),
    path("plan/items/<int:item_id>/defer/", views_plan.plan_item_defer, name="plan_item_defer"),
    path("plan/items/<int:item_id>/move/", views_plan.plan_item_move, name="plan_item_move"),
]
