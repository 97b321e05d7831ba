from django.contrib import admin

from .models import SecondFactorEnrolment


@admin.register(SecondFactorEnrolment)
class SecondFactorEnrolmentAdmin(admin.ModelAdmin):
    """The record of set-up links and second-factor resets: read only, and no token shown."""

    list_display = ["user", "reason", "created_by", "created_at", "used_at", "completed_at"]
    list_filter = ["reason"]
    search_fields = ["user__username", "created_by__username"]
    fields = [
        "user",
        "reason",
        "created_by",
        "created_at",
        "expires_at",
        "used_at",
        "completed_at",
        "devices_removed",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
