"""Cached pages, invalidated per board by generations moved inside the writing transaction.

Every write to a row that a cached page shows moves a counter (`CacheGeneration`) in the same
transaction: the counter of the row's board ("board:<id>"), or "global" for what is shown across
boards (boards, people, organisations), or "data" for the open data any board's performance
report reads (areas, populations, street crimes, crime counts). Cached pages are keyed by the
counters of what they show, read before they are rendered, so:

- a page is never served stale, whichever process or server rendered it: the writer's
  transaction moves the counter with the row, and a reader sees both or neither;
- a rolled-back write moves nothing;
- a write to board A's meeting leaves board B's pages cached, and a write nobody sees on a page
  (a reminder's record, a pack build's progress) moves nothing at all.

The public meeting page costs about 15 ms of ORM and template work; a cached copy costs one
small query (the counters) and a cache look-up. Anonymous visitors get the whole page from the
cache; signed-in readers of a meeting page get its body from the cache, kept once per class of
viewer (`meetings.selectors.meeting_audience`), inside a header and messages drawn for them.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections.abc import Callable, Iterable
from contextvars import ContextVar

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils.safestring import SafeString, mark_safe

from .models import CacheGeneration

GLOBAL = "global"
DATA = "data"
PAGE_SECONDS = 3600


def board_scope(board_id: int) -> str:
    return f"board:{board_id}"


# Which counter a saved or deleted row moves --------------------------------------------------
#
# Rows of these apps (and these single models of other apps) appear on cached pages.
RECORD_APPS = {"people", "boards", "meetings", "documents", "actions", "performance", "reports"}
RECORD_MODELS = {"packs.publication"}
# The path from a row to the id of the board whose pages show it. A row never moves to another
# board (an item moves only between meetings of its board: `plan_item_move`).
BOARD_OF = {
    "boards.membership": "board_id",
    "boards.standingitem": "board_id",
    "boards.sharingagreement": "board_id",
    "meetings.meeting": "board_id",
    "meetings.agendaitem": "meeting.board_id",
    "meetings.attendance": "meeting.board_id",
    "meetings.declaration": "meeting.board_id",
    "meetings.decision": "item.meeting.board_id",
    "meetings.minutesreview": "meeting.board_id",  # the minutes PDF names who approved them
    "documents.document": "item.meeting.board_id",
    "actions.actionlogsettings": "board_id",
    "actions.actionitem": "board_id",
    "actions.actionupdate": "action.board_id",
    "actions.actionproposal": "item.meeting.board_id",
    "performance.indicator": "board_id",
    "performance.measurement": "indicator.board_id",
    "performance.ratingoverride": "indicator.board_id",
    "performance.commentary": "indicator.board_id",
    "performance.reportpublication": "board_id",
    "performance.meetingreport": "meeting.board_id",
    "performance.reportsnapshot": "board_id",
    "reports.reportsettings": "board_id",
    "reports.reportrequest": "item.meeting.board_id",
    "reports.reportsubmission": "request.item.meeting.board_id",
    "reports.subgroupupdate": "meeting.board_id",
    "packs.publication": "meeting.board_id",
}
# Open data shared by every board's performance report.
DATA_MODELS = {
    "performance.area",
    "performance.arealsoa",
    "performance.population",
    "performance.streetcrime",
    "performance.crimecount",
    "performance.crimeimport",
}
# Records of what was sent and when: shown on no page that is cached, in no pack.
UNSEEN = {"actions.remindersent", "reports.reportnotice", "reports.subgroupupdatenotice"}
# Any other row of a record app moves the global counter: a model added without a rule here is
# never served stale, only retired more widely than it need be.


def _follow(instance, path: str):
    value = instance
    for name in path.split("."):
        value = getattr(value, name)
        if value is None:
            return None
    return value


def scope_of(instance) -> str | None:
    """The counter a change to `instance` moves, or None when no cached page shows it."""
    meta = instance._meta
    label = meta.label_lower
    if label in UNSEEN:
        return None
    if label in DATA_MODELS:
        return DATA
    path = BOARD_OF.get(label)
    if path is not None:
        try:
            board_id = _follow(instance, path)
        except ObjectDoesNotExist:  # its meeting went first, in a cascade: be safe
            board_id = None
        return board_scope(board_id) if board_id is not None else GLOBAL
    if meta.app_label in RECORD_APPS or label in RECORD_MODELS:
        return GLOBAL
    return None


def bump_generation(*scopes: str) -> None:
    """Move the counters. Called inside the writing transaction, so a rolled-back write changes
    nothing. The step is random, so a counter value a rolled-back transaction used (and a page
    might have been kept under, in that transaction) is not reached again."""
    _read.set(None)  # this request reads the counters again
    for scope in dict.fromkeys(scopes):
        step = random.randint(1, 1 << 20)  # noqa: S311 - uniqueness, not secrecy
        if CacheGeneration.objects.filter(scope=scope).update(value=F("value") + step):
            continue
        try:
            with transaction.atomic():
                CacheGeneration.objects.create(scope=scope, value=step)
        except IntegrityError:  # created by another transaction meanwhile
            CacheGeneration.objects.filter(scope=scope).update(value=F("value") + step)


def bump_board_generation(board_id: int) -> None:
    bump_generation(board_scope(board_id))


def on_record_change(sender, instance=None, action=None, **kwargs) -> None:
    """post_save, post_delete and m2m_changed (connected in `core/apps.py`)."""
    if sender.__name__.startswith("Historical"):
        # The audit trail's rows are written beside the change itself: one move is enough.
        return
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed: once, after the change
    # For m2m_changed, the row whose relation changed decides (an item's presenters: its board).
    scope = scope_of(instance) if instance is not None else None
    if scope is not None:
        bump_generation(scope)


# Reading the counters ----------------------------------------------------------------------------


def generations() -> dict[str, int]:
    """Every counter, in one query: a small table (one row a board, and two)."""
    return dict(CacheGeneration.objects.values_list("scope", "value"))


def generation_key(values: dict[str, int], scopes: Iterable[str]) -> str:
    return ".".join(f"{values.get(scope, 0):x}" for scope in scopes)


def every_generation_key(values: dict[str, int]) -> str:
    """For pages that list every board's meetings (the home page, the boards list)."""
    text = ",".join(f"{scope}={value}" for scope, value in sorted(values.items()))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def board_generation_key(board_id: int, *, data: bool = False) -> str:
    """The key part for what one board's pages, packs and PDFs show (one query)."""
    scopes = [GLOBAL, board_scope(board_id)] + ([DATA] if data else [])
    return generation_key(generations(), scopes)


def _board_id_for_slug(slug: str, values: dict[str, int]) -> int | None:
    """A board's id from its slug without a query: the map is kept under the global counter,
    which every change to a board moves."""
    key = f"board-ids:{values.get(GLOBAL, 0):x}"
    ids = cache.get(key)
    if ids is None:
        board_model = apps.get_model("boards", "Board")
        ids = dict(board_model.objects.values_list("slug", "id"))
        cache.set(key, ids, timeout=PAGE_SECONDS)
    return ids.get(slug)


def page_generation_key(
    *,
    board_slug: str | None = None,
    board_id: int | None = None,
    data: bool = False,
    every_board: bool = False,
    values: dict[str, int] | None = None,
) -> str:
    """The counters of what a page shows, read in one query (unless given): always the global
    one; a board's (given by id, or by slug); the open data's; or, for lists of every board, all
    of them."""
    values = generations() if values is None else values
    if every_board:
        return every_generation_key(values)
    if board_id is None and board_slug is not None:
        board_id = _board_id_for_slug(board_slug, values)
    scopes = [GLOBAL]
    if board_id is not None:
        scopes.append(board_scope(board_id))
    if data:
        scopes.append(DATA)
    return generation_key(values, scopes)


# Pages and fragments ------------------------------------------------------------------------------


# The counters a request read, for the rest of it: forgotten when the next request starts and
# whenever this thread moves a counter (a request that writes reads them again).
_read: ContextVar[dict[str, int] | None] = ContextVar("cspboard_generations", default=None)


def forget_generations(**kwargs) -> None:
    _read.set(None)


def request_generations(request) -> dict[str, int]:
    """The counters, read once for the request (before anything it shows is drawn)."""
    values = getattr(request, "cache_generations", None)
    if values is None or _read.get() is not values:
        values = request.cache_generations = generations()
        _read.set(values)
    return values


def kept_for_request(key: str, compute: Callable, *, every_board: bool = False):
    """`compute()`, kept under the counters this request has read already (the global one, or
    every one): no query when nothing it reads has changed. Computed afresh, and not kept, when
    the request has read no counters (it then costs no more than before)."""
    values = _read.get()
    if values is None:
        return compute()
    generation = every_generation_key(values) if every_board else generation_key(values, [GLOBAL])
    full_key = f"kept:{generation}:{_today()}:{key}"
    found = cache.get(full_key)
    if found is None:
        found = compute()
        cache.set(full_key, found, timeout=PAGE_SECONDS)
    return found


def cached_record(request, key: str, fetch: Callable, *, board_slug: str):
    """A row (with the rows it was fetched with) as `fetch()` returns it, kept under the
    counters of its board and of what is shown across boards: a meeting page asks for its
    meeting with no query when nothing of the board's has changed. `fetch` raising (a 404)
    keeps nothing."""
    values = request_generations(request)
    full_key = f"record:{page_generation_key(board_slug=board_slug, values=values)}:{key}"
    found = cache.get(full_key)
    if found is None:
        found = fetch()
        cache.set(full_key, found, timeout=PAGE_SECONDS)
    return found


def _today() -> str:
    # Today's date is in every key too: ratings, "upcoming" and "as at" change with it.
    return datetime.date.today().isoformat()


def cached_public_page(
    request,
    key: str,
    render: Callable[[], HttpResponse],
    *,
    board_slug: str | None = None,
    board_id: int | None = None,
    data: bool = False,
    every_board: bool = False,
) -> HttpResponse:
    """Return `render()`'s response, from the cache when the visitor is anonymous (no token, no
    withheld material) and nothing it shows has changed since it was stored. The keyword
    arguments say what the page shows (`page_generation_key`)."""
    from django.contrib.messages import get_messages

    if request.user.is_authenticated or len(get_messages(request)):
        return render()
    # A fragment drawn for this page reads the same counters (`cached_fragment`).
    values = request_generations(request)
    generation = page_generation_key(
        board_slug=board_slug, board_id=board_id, data=data, every_board=every_board, values=values
    )
    full_key = f"page:{generation}:{_today()}:{key}"
    cached = cache.get(full_key)
    if cached is not None:
        return HttpResponse(cached, content_type="text/html; charset=utf-8")
    response = render()
    if response.status_code == 200 and not response.cookies:
        cache.set(full_key, response.content, timeout=PAGE_SECONDS)
    return response


def cached_fragment(
    key: str, render: Callable[[], str], *, board_id: int, data: bool = False, request=None
) -> SafeString:
    """A piece of a page shared by every viewer of one class, kept under the counters of what
    it shows (the board's and the global one). `render` must draw it from the record and the
    class alone: never a token, a message or a name that belongs to one viewer (render it
    without the request's context processors, so `{% csrf_token %}` draws nothing). The
    counters `cached_public_page` read for the same request are used again."""
    values = request_generations(request) if request is not None else None
    generation = page_generation_key(board_id=board_id, data=data, values=values)
    full_key = f"fragment:{generation}:{_today()}:{key}"
    html = cache.get(full_key)
    if html is None:
        html = str(render())
        cache.set(full_key, html, timeout=PAGE_SECONDS)
    return mark_safe(html)  # noqa: S308 - a template's own output, escaped when it was drawn
