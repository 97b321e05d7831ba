"""Running a `PackBuild`: the body of the `build_pack` task (`tasks.py`), and of an inline build
(`PACK_BUILD_INLINE`). Starting builds and watching them is in `services.py`."""

from __future__ import annotations

import logging
import time

from django.db import DatabaseError
from django.utils import timezone

from .builder import build_pack
from .choices import BuildStatus, PackKind
from .models import PackBuild
from .store import _keep, pack_fingerprint

logger = logging.getLogger(__name__)


class _Stale(Exception):
    """The record changed while the pack was being built."""


def _retrying(write, attempts: int = 20) -> None:
    """A write that must land, retried while SQLite reports its table busy."""
    for attempt in range(attempts):
        try:
            write()
            return
        except DatabaseError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _finish(build_id: int, status: str, error: str = "") -> None:
    _retrying(
        lambda: PackBuild.objects.filter(pk=build_id).update(
            status=status, error=error, finished_at=timezone.now(), updated_at=timezone.now()
        )
    )


def _run_build(build_id: int) -> str:
    """Build and keep the pack a PackBuild row asks for, recording each step on the row (the
    `build_pack` task). A build no longer waiting (run already, replaced, gone) is left alone:
    the row is claimed by one conditional update, so a task run twice builds once. Returns the
    build's status at the end."""
    claimed = []
    _retrying(
        lambda: claimed.append(
            PackBuild.objects.filter(pk=build_id, status=BuildStatus.QUEUED).update(
                status=BuildStatus.RUNNING, updated_at=timezone.now()
            )
        )
    )
    if not claimed[-1]:
        return "not waiting"
    build = PackBuild.objects.select_related("meeting__board").get(pk=build_id)
    meeting = build.meeting
    members = build.kind == PackKind.MEMBERS

    def progress(done: int, total: int) -> None:
        try:
            PackBuild.objects.filter(pk=build_id).update(
                step=done, steps_total=total, updated_at=timezone.now()
            )
        except DatabaseError:  # progress is for show; a missed step does no harm
            logger.info("Pack build %s: step %s not recorded", build_id, done)
        if pack_fingerprint(meeting, members=members) != build.fingerprint:
            raise _Stale

    try:
        pdf = build_pack(meeting, members=members, progress=progress)
        kept = _keep(meeting, build.kind, build.fingerprint, pdf, members=members)
    except _Stale:
        logger.info("Pack build %s overtaken by a change to the record", build_id)
        kept = False
    except Exception as exc:
        logger.exception("Pack build %s failed", build_id)
        _finish(build_id, BuildStatus.FAILED, f"{type(exc).__name__}: {exc}"[:2000])
        return BuildStatus.FAILED
    status = BuildStatus.DONE if kept else BuildStatus.STALE
    _finish(build_id, status)
    return status
