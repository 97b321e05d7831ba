"""Alerts for the record's announcements (`meetings.signals`) and the packs' (`packs.
announcements`), connected in `FollowingConfig.ready`. Each runs in the publishing service's
transaction and only queues e-mail (the worker sends it once that commits)."""

from __future__ import annotations

from cspboard.packs.choices import PublicationKind

from .choices import Event
from .services import alerts_queue


def on_agenda_published(sender, meeting, **kwargs) -> None:
    alerts_queue(meeting=meeting, event=Event.AGENDA)


def on_minutes_published(sender, meeting, **kwargs) -> None:
    alerts_queue(meeting=meeting, event=Event.MINUTES)


def _public(publications, kind: str):
    return next((p for p in publications if p.kind == kind), None)


def on_supplement(sender, meeting, publications, **kwargs) -> None:
    publication = _public(publications, PublicationKind.SUPPLEMENT_PUBLIC)
    alerts_queue(meeting=meeting, event=Event.SUPPLEMENT, publication=publication)


def on_agenda_revised(sender, meeting, publications, **kwargs) -> None:
    publication = _public(publications, PublicationKind.FRONTSHEET)
    alerts_queue(meeting=meeting, event=Event.SUPPLEMENT, publication=publication)
