"""The record's saves keep its search entries: each save of a thing that can be found brings its
entries in line, in the same transaction (so a rolled-back change leaves no entry behind). A
paper's text is read by the worker once the paper is committed. Deletions need nothing: an
entry goes with its thing (on_delete=CASCADE)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from cspboard.actions.models import ActionItem, ActionUpdate
from cspboard.boards.models import Board
from cspboard.documents.models import Document
from cspboard.meetings.models import AgendaItem, Decision, Meeting
from cspboard.people.models import Person

from .services import search_sync


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaded from a fixture or a backup, entries included
        return
    search_sync(instance)


def _paper_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    search_sync(instance)
    from .tasks import read_paper_text

    pk = instance.pk
    transaction.on_commit(lambda: read_paper_text.enqueue(pk))


def _decision_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    item = AgendaItem.objects.select_related("meeting").filter(pk=instance.item_id).first()
    if item is not None:
        search_sync(item)


def _update_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    search_sync(instance.action)


def connect() -> None:
    for model in (Board, Person, Meeting, AgendaItem, ActionItem):
        post_save.connect(_saved, sender=model, dispatch_uid=f"search:{model.__name__}")
    post_save.connect(_paper_saved, sender=Document, dispatch_uid="search:Document")
    post_save.connect(_decision_changed, sender=Decision, dispatch_uid="search:Decision")
    post_delete.connect(_decision_changed, sender=Decision, dispatch_uid="search:Decision:del")
    post_save.connect(_update_saved, sender=ActionUpdate, dispatch_uid="search:ActionUpdate")
