from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cspboard.accounts"
    label = "accounts"
    verbose_name = "Accounts"
