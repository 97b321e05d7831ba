"""Agenda packs and minutes PDFs, kept in the documents store until something in them changes,
and built in the background when they take more than a moment.

A built PDF is stored under a fingerprint of everything that can change it: the meeting, which
document, the record generation (moved by every save or delete of a record row, papers
included, inside the writing transaction), today's date (the action log's RAG ratings move with
it) and the format. A build records the fingerprint it started from and its PDF is stored only
if the fingerprint is the same when it ends; a PDF is served only under the fingerprint of the
record as it is now. So nothing is ever served stale, and nothing is rebuilt without a change.

A pack not yet stored is built by a `PackBuild`: a row saying how far the build has gone, so any
process can show its progress, run by the `build_pack` task (`tasks.py`) in the worker,
`cspboard db_worker` (docs/decisions/0006; 0005 said why it began as a thread). The task is
enqueued when the row's transaction commits. The request that asked waits about a second for it
(`PACK_BUILD_WAIT`); otherwise the reader is shown the progress page, which says honestly when
the worker has not started the build after `PACK_BUILD_QUEUE_WAIT` seconds (the worker may not
be running) instead of spinning. With `PACK_BUILD_INLINE` (the tests) the build runs in the
request itself.
Once the agenda is published its packs are fixed documents (publications.py) and these live
builds serve only officers' drafts, and meetings published before documents were fixed.
"""

from __future__ import annotations

import datetime
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from cspboard.meetings.models import Meeting

from .builder import build_pack
from .builds import _finish, _run_build
from .choices import ACTIVE_STATUSES, BuildStatus
from .minutes import build_minutes_pdf
from .models import PackBuild
from .store import _keep, _prepare, _stored, pack_fingerprint, pack_kind
from .tasks import build_pack as build_pack_task

logger = logging.getLogger(__name__)

DEFAULT_WAIT = 1.0  # seconds a request waits for a build before showing the progress page
DEFAULT_STALL = 300  # seconds without progress after which a running build counts as abandoned
DEFAULT_QUEUE_WAIT = 120  # seconds a build may wait for the worker before the page says so
POLL = 0.05


def _setting(name: str, default):
    return getattr(settings, name, default)


def pack_pdf(meeting: Meeting, *, members: bool) -> bytes:
    """The meeting's pack (members' or public), from the store if nothing has changed since it
    was built, otherwise built now, in this thread, and stored in place of the older ones."""
    _prepare(meeting)
    kind = pack_kind(members=members)
    fingerprint = pack_fingerprint(meeting, members=members)
    pdf = _stored(meeting, kind, fingerprint)
    if pdf is None:
        pdf = build_pack(meeting, members=members)
        _keep(meeting, kind, fingerprint, pdf, members=members)
    return pdf


def minutes_pdf(meeting: Meeting, *, members: bool) -> bytes:
    """The meeting's minutes as PDF (members' or public), kept like the packs. Small enough to
    build in the request."""
    kind = f"minutes-{pack_kind(members=members)}"
    fingerprint = pack_fingerprint(meeting, members=members, document="minutes")
    pdf = _stored(meeting, kind, fingerprint)
    if pdf is None:
        pdf = build_minutes_pdf(meeting, members=members)
        _keep(meeting, kind, fingerprint, pdf, members=members)
    return pdf


# Builds -----------------------------------------------------------------------------------------


@dataclass
class PackState:
    """What a reader asking for a pack gets: the PDF, or the build to watch."""

    pdf: bytes | None = None
    build: PackBuild | None = None


def _is_abandoned(build: PackBuild) -> bool:
    """A build the worker started and stopped moving (the worker was stopped or killed). A
    build still waiting for the worker is not abandoned: it is in the queue, and is built when
    the worker comes (`waiting_for_worker`)."""
    stall = datetime.timedelta(seconds=_setting("PACK_BUILD_STALL", DEFAULT_STALL))
    return build.status == BuildStatus.RUNNING and build.updated_at < timezone.now() - stall


def waiting_for_worker(build: PackBuild) -> bool:
    """Queued for longer than `PACK_BUILD_QUEUE_WAIT`: the worker is busy, or not running."""
    wait = datetime.timedelta(seconds=_setting("PACK_BUILD_QUEUE_WAIT", DEFAULT_QUEUE_WAIT))
    return build.status == BuildStatus.QUEUED and build.created_at < timezone.now() - wait


def latest_build(meeting: Meeting, *, members: bool) -> PackBuild | None:
    return (
        PackBuild.objects.filter(meeting=meeting, kind=pack_kind(members=members))
        .order_by("-created_at", "-pk")
        .first()
    )


def pack_build_start(meeting: Meeting, *, members: bool, fingerprint: str) -> PackBuild:
    """The build of this pack as the record stands at `fingerprint`: the one under way, or a new
    one, queued for the worker when the current transaction commits (built here and now with
    PACK_BUILD_INLINE)."""
    kind = pack_kind(members=members)
    active = PackBuild.objects.filter(
        meeting=meeting, kind=kind, fingerprint=fingerprint, status__in=ACTIVE_STATUSES
    ).first()
    if active is not None:
        if not _is_abandoned(active):
            return active
        _finish(active.pk, BuildStatus.FAILED, "Abandoned: the process building it stopped.")
    try:
        with transaction.atomic():
            build = PackBuild.objects.create(meeting=meeting, kind=kind, fingerprint=fingerprint)
    except IntegrityError:  # another request started it a moment ago
        return PackBuild.objects.filter(meeting=meeting, kind=kind, fingerprint=fingerprint).first()
    if _setting("PACK_BUILD_INLINE", False):
        _run_build(build.pk)
        build.refresh_from_db()
    else:
        transaction.on_commit(lambda: pack_build_enqueue(build.pk), robust=True)
    return build


def pack_build_enqueue(build_id: int) -> None:
    """Put the build on the worker's queue. If the queue cannot take it, the build is marked
    failed (the page offers to try again) rather than waiting for ever."""
    try:
        build_pack_task.enqueue(build_id)
    except Exception as exc:
        logger.exception("Pack build %s could not be queued", build_id)
        _finish(build_id, BuildStatus.FAILED, f"Not queued: {type(exc).__name__}: {exc}"[:2000])


def wait_for(build: PackBuild, seconds: float) -> PackBuild:
    """The build, reloaded, once it has ended or `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while build.is_active:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        time.sleep(min(POLL, remaining))
        try:
            build.refresh_from_db(fields=["status", "step", "steps_total", "updated_at"])
        except DatabaseError:
            continue  # the builder is writing; ask again
    return build


def pack_state(
    meeting: Meeting, *, members: bool, retry: bool = False, wait: float = 0
) -> PackState:
    """The pack as it stands now: kept, or being built (started here if need be). A build that
    is stale, abandoned or gone is replaced; a failed one only when `retry` is asked for, which
    also puts a build still waiting for the worker on the queue again (in case its task was
    lost; the claim makes a second task harmless)."""
    _prepare(meeting)
    kind = pack_kind(members=members)
    fingerprint = pack_fingerprint(meeting, members=members)
    pdf = _stored(meeting, kind, fingerprint)
    if pdf is not None:
        return PackState(pdf=pdf)
    latest = latest_build(meeting, members=members)
    if (
        latest is not None
        and latest.fingerprint == fingerprint
        and latest.status == BuildStatus.FAILED
        and not retry
    ):
        return PackState(build=latest)
    build = pack_build_start(meeting, members=members, fingerprint=fingerprint)
    if retry and waiting_for_worker(build) and not _setting("PACK_BUILD_INLINE", False):
        pack_build_enqueue(build.pk)
    if wait and build.is_active:
        build = wait_for(build, wait)
    if build.status == BuildStatus.DONE:
        pdf = _stored(meeting, kind, fingerprint)
        if pdf is not None:
            return PackState(pdf=pdf)
    return PackState(build=build)


def pack_for_download(meeting: Meeting, *, members: bool, retry: bool = False) -> PackState:
    """What the pack's address answers: the PDF if it is kept or built within about a second."""
    wait = _setting("PACK_BUILD_WAIT", DEFAULT_WAIT)
    return pack_state(meeting, members=members, retry=retry, wait=wait)
