from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from cspboard.accounts import views as accounts_views
from cspboard.boards import views as boards_views
from cspboard.core import views as core_views
from cspboard.core.converters import IsoDateConverter
from cspboard.meetings.views import meeting as meetings_views

register_converter(IsoDateConverter, "isodate")

urlpatterns = [
    path("", meetings_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("emails/", boards_views.outbox, name="outbox"),
    path("emails/<int:pk>/retry/", boards_views.outbox_retry, name="outbox_retry"),
    path("", include("cspboard.actions.urls")),
    path("", include("cspboard.performance.urls")),
    path("", include("cspboard.calendars.urls")),
    path("", include("cspboard.following.urls")),
    path("boards/", include("cspboard.boards.urls")),
    path("boards/<slug:slug>/imports/", include("cspboard.imports.urls")),
    path("boards/<slug:slug>/meetings/", include("cspboard.packs.urls")),
    path("boards/<slug:slug>/meetings/", include("cspboard.meetings.urls")),
    path("documents/", include("cspboard.documents.urls")),
    path("people/", include("cspboard.boards.urls_people")),
    path("", include("cspboard.search.urls")),
    path("reports/", include("cspboard.reports.urls")),
    path("", include("cspboard.plans.urls")),
    path("", include("cspboard.funding.urls")),
    path("", include("cspboard.places.urls")),
    path("accounts/login/", accounts_views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("cspboard.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("cspboard.api.urls")),
]

handler404 = "cspboard.core.views.page_not_found"
handler403 = "cspboard.core.views.permission_denied"
handler500 = "cspboard.core.views.server_error"
