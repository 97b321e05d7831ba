from django.urls import path

from .views import agenda, attendance, meeting, minutes, plan

app_name = "meetings"
M = "<isodate:date>/"
urlpatterns = [
    path("", meeting.meeting_list, name="meeting_list"),
    path("new/", meeting.meeting_create, name="meeting_create"),
    path("series/", meeting.meeting_series, name="meeting_series"),
    path("standing-items/", agenda.standing_items, name="standing_items"),
    path(M, meeting.meeting_detail, name="meeting_detail"),
    path(M + "edit/", meeting.meeting_edit, name="meeting_edit"),
    path(M + "cancel/", meeting.meeting_cancel, name="meeting_cancel"),
    path(M + "delete/", meeting.meeting_delete, name="meeting_delete"),
    path(M + "history/", meeting.meeting_history, name="meeting_history"),
    path(M + "agenda/", agenda.agenda_manage, name="agenda_manage"),
    path(M + "agenda/items/", agenda.agenda_item_add, name="agenda_item_add"),
    path(
        M + "agenda/standing-items/",
        agenda.agenda_from_standing_items,
        name="agenda_from_standing_items",
    ),
    path(M + "agenda/items/<int:item_id>/", agenda.agenda_item_edit, name="agenda_item_edit"),
    path(M + "agenda/items/<int:item_id>/move/", agenda.agenda_item_move, name="agenda_item_move"),
    path(
        M + "agenda/items/<int:item_id>/delete/",
        agenda.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path(M + "agenda/publish/", agenda.agenda_publish, name="agenda_publish"),
    path(M + "agenda/notify/", agenda.agenda_notify, name="agenda_notify"),
    path(M + "attendance/", attendance.attendance_manage, name="attendance_manage"),
    path(M + "attendance/guests/", attendance.attendance_add_guest, name="attendance_add_guest"),
    path(
        M + "attendance/<int:row_id>/remove/",
        attendance.attendance_remove,
        name="attendance_remove",
    ),
    path(M + "minutes/", minutes.minutes_manage, name="minutes_manage"),
    path(M + "minutes/review/", minutes.minutes_review, name="minutes_review"),
    path(M + "minutes/<int:item_id>/", minutes.minutes_item, name="minutes_item"),
    path(
        M + "minutes/<int:item_id>/history/",
        minutes.minutes_item_history,
        name="minutes_item_history",
    ),
    path(M + "declare/", attendance.declaration_ahead, name="declaration_ahead"),
    path("plan/", plan.plan, name="forward_plan"),
    path(
        "plan/items/<int:item_id>/status/",
        plan.plan_item_status,
        name="plan_item_status",
    ),
    path("plan/items/<int:item_id>/defer/", plan.plan_item_defer, name="plan_item_defer"),
    path("plan/items/<int:item_id>/move/", plan.plan_item_move, name="plan_item_move"),
]
