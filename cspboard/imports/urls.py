from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.document_import_list, name="document_import_list"),
    path("<int:pk>/", views.document_import_review, name="document_import_review"),
    path("<int:pk>/source/", views.document_import_source, name="document_import_source"),
]
