from django.db import models


class Event(models.IntegerChoices):
    """What a board publishes that someone may follow. The values are bits, so a confirmation
    link can carry the choice as one number."""

    AGENDA = 1, "The agenda is published"
    SUPPLEMENT = 2, "Supplementary papers or a revised agenda are published"
    MINUTES = 4, "The minutes are published"


ALL_EVENTS = Event.AGENDA | Event.SUPPLEMENT | Event.MINUTES


def events_in(mask: int) -> list[Event]:
    return [event for event in Event if mask & event]


# The subscription's field for each event.
EVENT_FIELDS = {Event.AGENDA: "agenda", Event.SUPPLEMENT: "supplements", Event.MINUTES: "minutes"}
