from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from cspboard.core import views as core_views
from cspboard.core.converters import IsoDateConverter

register_converter(IsoDateConverter, "isodate")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("boards/", include("cspboard.boards.urls")),
    path("boards/<slug:slug>/meetings/", include("cspboard.meetings.urls")),
    path("documents/", include("cspboard.documents.urls")),
    path("people/", include("cspboard.people.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

handler404 = "cspboard.core.views.page_not_found"
handler403 = "cspboard.core.views.permission_denied"
handler500 = "cspboard.core.views.server_error"
