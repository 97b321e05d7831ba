"""Whole-page caching for anonymous visitors, invalidated by any change to the record.

The public meeting page costs about 15 ms of ORM and template work; a cached copy costs one
small query (the record generation) and a cache look-up. Only pages for anonymous visitors are
cached: they hold no per-user token and no withheld material.
"""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db.models import F

from .models import RecordGeneration

# The apps whose rows appear on public pages.
RECORD_APPS = {"people", "boards", "meetings", "documents", "actions", "performance", "reports"}
# And single models of other apps that public pages list (the packs app's builds are not).
RECORD_MODELS = {"packs.publication"}


def record_generation() -> int:
    value = RecordGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    return value or 0


def bump_record_generation() -> None:
    """Called inside the writing transaction, so a rolled-back write changes nothing."""
    if not RecordGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        RecordGeneration.objects.get_or_create(pk=1, defaults={"value": 1})


def on_record_change(sender, **kwargs) -> None:
    # Historical rows (the audit trail) are written beside the change itself: one bump is enough.
    meta = sender._meta
    if sender.__name__.startswith("Historical"):
        return
    if meta.app_label in RECORD_APPS or meta.label_lower in RECORD_MODELS:
        bump_record_generation()


def cached_public_page(request, key: str, render):
    """Return `render()`'s response, from the cache when the visitor is anonymous and nothing
    has changed since it was stored."""
    from django.contrib.messages import get_messages

    if request.user.is_authenticated or len(get_messages(request)):
        return render()
    # Today's date is in the key too: ratings and "upcoming" change with it.
    full_key = f"page:{record_generation()}:{datetime.date.today().isoformat()}:{key}"
    cached = cache.get(full_key)
    if cached is not None:
        from django.http import HttpResponse

        return HttpResponse(cached, content_type="text/html; charset=utf-8")
    response = render()
    if response.status_code == 200 and not response.cookies:
        cache.set(full_key, response.content, timeout=3600)
    return response
