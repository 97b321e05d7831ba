from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "cspboard.demo"
    label = "demo"
