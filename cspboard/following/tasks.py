from django_tasks import task

from .services import search_alerts_send


@task()
def send_search_alerts() -> int:
    """Once a day (settings.SCHEDULE): each saved search's new public results, e-mailed."""
    return search_alerts_send()
