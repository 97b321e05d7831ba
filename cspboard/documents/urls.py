from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("<int:pk>/<str:filename>", views.document_download, name="document_download"),
    path("add/<int:item_id>/", views.document_upload, name="document_upload"),
]
