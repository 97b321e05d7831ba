from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("two-factor/", views.two_factor_verify, name="two_factor"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/link/", views.two_factor_link_continue, name="two_factor_link_continue"),
    path("two-factor/link/send/", views.two_factor_link_request, name="two_factor_link_request"),
    path("two-factor/link/<str:token>/", views.two_factor_link, name="two_factor_link"),
    path("two-factor/reset/<slug:slug>/", views.two_factor_reset, name="two_factor_reset"),
    path("invite/<slug:slug>/", views.invitation_send, name="invitation_send"),
    path(
        "invitation/<uidb64>/<token>/",
        views.InvitationView.as_view(),
        name="invitation",
    ),
]
