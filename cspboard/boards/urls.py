from django.urls import path

from . import views

app_name = "boards"
urlpatterns = [
    path("", views.board_list, name="board_list"),
    path("<slug:slug>/", views.board_detail, name="board_detail"),
    path("<slug:slug>/members/", views.membership_list, name="membership_list"),
    path("<slug:slug>/members/add/", views.membership_add_view, name="membership_add"),
    path("<slug:slug>/members/chair/", views.chair_hand_over_view, name="chair_hand_over"),
    path("<slug:slug>/members/history/", views.membership_history, name="membership_history"),
    path("<slug:slug>/members/<int:pk>/end/", views.membership_end_view, name="membership_end"),
    path(
        "<slug:slug>/sharing-agreements/<slug:organisation_slug>/",
        views.sharing_agreement_view,
        name="sharing_agreement",
    ),
]
