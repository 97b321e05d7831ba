from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("two-factor/", views.two_factor_verify, name="two_factor"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("invite/<slug:slug>/", views.invitation_send, name="invitation_send"),
    path(
        "invitation/<uidb64>/<token>/",
        views.InvitationView.as_view(),
        name="invitation",
    ),
]
