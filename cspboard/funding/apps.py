from django.apps import AppConfig


class FundingConfig(AppConfig):
    """Funded services: funding streams, awards to providers, their outputs and outcomes, and
    the providers' quarterly returns."""

    name = "cspboard.funding"
    label = "funding"
    verbose_name = "Funded services"
