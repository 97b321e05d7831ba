from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Plans: the partnership's plans (CSP Plan, VRU plan, strategies, inspection responses),
    their priorities and actions, versions and progress reports."""

    name = "cspboard.plans"
    label = "plans"
    verbose_name = "Plans"
