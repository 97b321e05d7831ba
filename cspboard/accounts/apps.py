from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "cspboard.accounts"
    label = "accounts"
    verbose_name = "Accounts"


class AdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the site that asks for the second factor (`admin_site.py`)."""

    default = False
    default_site = "cspboard.accounts.admin_site.AdminSite"
