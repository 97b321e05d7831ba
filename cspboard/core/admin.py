from django.contrib import admin, messages

from . import mail
from .models import OutgoingEmail, ScheduledRun


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox: every e-mail, sent or not, with its attempts and last error."""

    list_display = ["created_at", "subject", "recipients", "purpose", "status", "attempts"]
    list_filter = ["status", "purpose"]
    search_fields = ["subject", "to", "about"]
    date_hierarchy = "created_at"
    # Bodies can carry one-time links (invitations, setting up a second factor): the admin shows
    # who, what and how it went, never what the link was.
    exclude = ["body", "html_body"]
    readonly_fields = [
        f.name for f in OutgoingEmail._meta.fields if f.name not in {"body", "html_body"}
    ]
    actions = ["try_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Try the selected e-mails again")
    def try_again(self, request, queryset):
        for email in queryset:
            mail.email_retry(email=email)
        messages.success(request, f"{queryset.count()} e-mail(s) queued to send again.")


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ["run_on", "name", "enqueued_at"]
    readonly_fields = ["name", "run_on", "enqueued_at"]
