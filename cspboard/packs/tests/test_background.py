"""Packs built in the background, with progress any process can show. Deterministic: builds run
in the request (PACK_BUILD_INLINE, the packs tests' default), or the test stands an unfinished
build's row up itself. A real worker builds a pack in test_worker.py."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cspboard.meetings.services import agenda_item_add, agenda_publish
from cspboard.packs import builds, services
from cspboard.packs.choices import BuildStatus
from cspboard.packs.models import PackBuild

from .helpers import page_texts


def urls(meeting):
    kwargs = {"slug": meeting.board.slug, "date": meeting.date}
    return reverse("packs:meeting_pack", kwargs=kwargs), reverse(
        "packs:pack_progress", kwargs=kwargs
    )


def running_build(meeting, *, members, step=12, total=40, fingerprint=None, **fields):
    """A build under way in some other process, as its row shows it."""
    services._prepare(meeting)
    return PackBuild.objects.create(
        meeting=meeting,
        kind=services.pack_kind(members=members),
        fingerprint=fingerprint or services.pack_fingerprint(meeting, members=members),
        status=fields.pop("status", BuildStatus.RUNNING),
        step=step,
        steps_total=total,
        **fields,
    )


def test_a_quick_build_is_served_at_once_and_recorded(client, scenario):
    pack_url, _ = urls(scenario.meeting)
    client.force_login(scenario.member)
    response = client.get(pack_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    build = PackBuild.objects.get()
    assert (build.kind, build.status) == ("members", BuildStatus.DONE)
    assert build.step == build.steps_total > 3 and build.finished_at is not None


def test_a_slow_build_sends_the_reader_to_its_progress(client, scenario, settings):
    settings.PACK_BUILD_INLINE = False
    settings.PACK_BUILD_WAIT = 0
    running_build(scenario.meeting, members=True)
    pack_url, progress_url = urls(scenario.meeting)
    client.force_login(scenario.member)
    response = client.get(pack_url)
    assert response.status_code == 302 and response["Location"] == progress_url

    page = client.get(progress_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Building the members&#x27; pack: 12 of 40 parts." in html
    assert 'role="status"' in html and 'aria-live="polite"' in html
    assert f'hx-get="{progress_url}"' in html and 'hx-trigger="every 2s"' in html
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert "check again" in html  # the plain link
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]
    assert PackBuild.objects.count() == 1  # the build under way is watched, not doubled

    partial = client.get(progress_url, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    text = partial.content.decode()
    assert "12 of 40 parts" in text and "<html" not in text


def test_progress_shows_nothing_of_a_pack_the_reader_may_not_have(client, scenario, settings):
    running_build(scenario.meeting, members=True, step=7, total=33)
    pack_url, progress_url = urls(scenario.meeting)
    # The public's progress page is about the public pack only: built (inline), it sends them on.
    response = client.get(progress_url)
    assert response.status_code == 302 and response["Location"] == pack_url
    whole = "\n".join(page_texts(client.get(pack_url).content))
    assert "SECRET-DOC-TEXT" not in whole
    client.force_login(scenario.outsider)
    assert client.get(progress_url)["Location"] == pack_url

    settings.PACK_BUILD_INLINE = False
    settings.PACK_BUILD_WAIT = 0
    client.logout()
    running_build(scenario.unpublished, members=True)
    for user in (None, scenario.member):
        if user:
            client.force_login(user)
        assert client.get(urls(scenario.unpublished)[1]).status_code == 404


def test_when_the_build_is_done_the_progress_page_sends_the_reader_on(client, scenario):
    pack_url, progress_url = urls(scenario.meeting)
    client.force_login(scenario.member)
    response = client.get(progress_url)  # builds (inline) and finds it done
    assert response.status_code == 302 and response["Location"] == pack_url
    partial = client.get(progress_url, headers={"HX-Request": "true"})
    assert partial.status_code == 286  # htmx stops polling...
    assert partial["HX-Redirect"] == pack_url  # ...and opens the pack


def test_a_build_overtaken_by_a_change_is_replaced(client, scenario, settings):
    old = running_build(scenario.meeting, members=True, fingerprint="0" * 32)
    pack_url, progress_url = urls(scenario.meeting)
    client.force_login(scenario.member)
    response = client.get(progress_url)  # a new build for the record as it is now
    assert response["Location"] == pack_url
    assert PackBuild.objects.exclude(pk=old.pk).get().status == BuildStatus.DONE


def test_a_build_that_stopped_making_progress_is_replaced(client, scenario, settings):
    stuck = running_build(scenario.meeting, members=True)
    PackBuild.objects.filter(pk=stuck.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    pack_url, _ = urls(scenario.meeting)
    client.force_login(scenario.member)
    assert client.get(pack_url).status_code == 200
    stuck.refresh_from_db()
    assert stuck.status == BuildStatus.FAILED and "Abandoned" in stuck.error


def test_a_build_the_worker_has_not_started_says_so_and_stops_asking(client, scenario, settings):
    settings.PACK_BUILD_INLINE = False
    settings.PACK_BUILD_WAIT = 0
    build = running_build(scenario.meeting, members=True, status=BuildStatus.QUEUED, step=0)
    pack_url, progress_url = urls(scenario.meeting)
    client.force_login(scenario.member)
    html = client.get(progress_url).content.decode()
    assert "Waiting to start building the members&#x27; pack." in html
    assert 'hx-trigger="every 2s"' in html  # a moment's wait is normal: it keeps asking

    PackBuild.objects.filter(pk=build.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=10),
        updated_at=timezone.now() - datetime.timedelta(minutes=10),
    )
    html = client.get(progress_url).content.decode()
    assert "Waiting for the background worker to start building the members&#x27; pack." in html
    assert "the worker may not be running" in html and f"{pack_url}?retry=1" in html
    assert "hx-get" not in html and 'http-equiv="refresh"' not in html  # no endless spinning
    partial = client.get(progress_url, headers={"HX-Request": "true"})
    assert partial.status_code == 286 and "background worker" in partial.content.decode()
    build.refresh_from_db()
    assert build.status == BuildStatus.QUEUED  # still in the queue: not replaced
    assert PackBuild.objects.count() == 1


def test_a_build_that_sees_the_record_change_keeps_nothing(scenario):
    build = running_build(
        scenario.meeting, members=False, fingerprint="f" * 32, status=BuildStatus.QUEUED
    )
    services._run_build(build.pk)
    build.refresh_from_db()
    assert build.status == BuildStatus.STALE
    assert services._stored(scenario.meeting, "public", "f" * 32) is None


def test_a_failed_build_says_so_and_can_be_tried_again(client, scenario, monkeypatch):
    def broken(meeting, **kwargs):
        raise RuntimeError("SECRET-DOC-TEXT in a message")

    real = builds.build_pack
    monkeypatch.setattr(builds, "build_pack", broken)
    pack_url, progress_url = urls(scenario.meeting)
    client.force_login(scenario.member)
    assert client.get(pack_url)["Location"] == progress_url
    html = client.get(progress_url).content.decode()
    assert "could not be built" in html and f"{pack_url}?retry=1" in html
    assert "SECRET-DOC-TEXT" not in html  # the error is recorded, not shown
    assert "SECRET-DOC-TEXT" in PackBuild.objects.get().error
    partial = client.get(progress_url, headers={"HX-Request": "true"})
    assert partial.status_code == 286  # no more polling
    # Asking again without retrying does not start another build.
    client.get(pack_url)
    assert PackBuild.objects.count() == 1

    monkeypatch.setattr(builds, "build_pack", real)
    response = client.get(f"{pack_url}?retry=1")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.django_db(transaction=True)
def test_publishing_an_agenda_fixes_its_packs_and_builds_nothing_in_the_background(
    client, scenario, settings, monkeypatch
):
    """Published packs are stored documents (publications.py): no live build is started for
    them, and none is ever needed to serve them."""
    settings.PACK_BUILD_INLINE = False
    agenda_item_add(meeting=scenario.unpublished, number="2", title="Second item")
    agenda_publish(meeting=scenario.unpublished)
    assert not PackBuild.objects.exists()
    monkeypatch.setattr(builds, "build_pack", None)  # nothing is built again
    response = client.get("/boards/csp/meetings/2030-09-25/pack.pdf")
    assert response.status_code == 200
    assert "UNPUBLISHED-DOC" in "\n".join(page_texts(response.content))


def test_publishing_inside_a_transaction_starts_nothing(scenario, settings):
    settings.PACK_BUILD_INLINE = False
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        agenda_publish(meeting=scenario.unpublished)
    assert not PackBuild.objects.exists()
