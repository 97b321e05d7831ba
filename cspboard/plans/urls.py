from django.urls import path

from . import views, views_import

app_name = "plans"

P = "boards/<slug:slug>/plans/"
V = P + "<slug:plan>/<slug:version>/"
urlpatterns = [
    path(P, views.plan_list, name="plan_list"),
    path(P + "new/", views.plan_create, name="plan_create"),
    path(P + "<slug:plan>/", views.plan_detail, name="plan_detail"),
    path(P + "<slug:plan>/import/", views_import.plan_import, name="plan_import"),
    path(V, views.version_detail, name="version_detail"),
    path(V + "plan.csv", views.version_export, name="version_export"),
    path(V + "publish/", views.version_publish, name="version_publish"),
    path(V + "refresh/", views.version_refresh, name="version_refresh"),
    path(V + "priorities/new/", views.priority_add, name="priority_add"),
    path(V + "actions/new/", views.action_add, name="action_add"),
    path(V + "actions/<int:pk>/", views.action_detail, name="action_detail"),
    path(V + "actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path(V + "actions/<int:pk>/update/", views.action_update, name="action_update"),
]
