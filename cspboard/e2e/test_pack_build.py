"""A pack that takes a while: the reader sees its progress, updated as it goes, then gets the
PDF; with JavaScript (htmx polling) and without it (the page refreshes itself).

The build is stood up as another process would run it: its row is created by the test, moved
on step by step, then finished by running the build in the test itself, so nothing here waits
on timing."""

import pytest
from playwright.sync_api import expect

from cspboard.packs import services
from cspboard.packs.choices import BuildStatus
from cspboard.packs.models import PackBuild

MEETING = "/boards/csp/meetings/2018-03-28/"
PACK = f"{MEETING}pack.pdf"
PROGRESS = f"{MEETING}pack/"


@pytest.fixture
def slow_builds(settings, scenario):
    settings.PACK_BUILD_INLINE = False
    settings.PACK_BUILD_WAIT = 0
    settings.CSPBOARD_PACK_PROVIDERS = ()
    settings.PACK_CONVERTER = None
    services._prepare(scenario.meeting)

    def start(*, members: bool) -> PackBuild:
        return PackBuild.objects.create(
            meeting=scenario.meeting,
            kind=services.pack_kind(members=members),
            fingerprint=services.pack_fingerprint(scenario.meeting, members=members),
            status=BuildStatus.RUNNING,
            step=3,
            steps_total=40,
        )

    return start


def finish(build: PackBuild) -> None:
    """The worker takes the build up (a build is claimed while waiting) and runs it."""
    PackBuild.objects.filter(pk=build.pk).update(status=BuildStatus.QUEUED)
    services._run_build(build.pk)


def is_pack(response) -> bool:
    return response.url.endswith(PACK) and response.status == 200


def test_the_members_pack_shows_its_progress_then_opens(
    page, scenario, sign_in, slow_builds, assert_accessible
):
    build = slow_builds(members=True)
    sign_in("member", next=MEETING)
    page.get_by_role("link", name="Download the agenda pack (PDF)").click()
    page.wait_for_url(f"**{PROGRESS}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preparing the agenda pack")
    status = page.get_by_role("status")
    expect(status).to_have_text("Building the members' pack: 3 of 40 parts.")
    assert_accessible(page)

    PackBuild.objects.filter(pk=build.pk).update(step=17)
    expect(status).to_have_text("Building the members' pack: 17 of 40 parts.", timeout=10_000)

    with page.expect_response(is_pack, timeout=15_000) as answer:
        finish(build)
    response = answer.value
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "private, no-store"


def test_without_javascript_the_page_refreshes_itself(new_context, scenario, slow_builds):
    build = slow_builds(members=False)
    context = new_context(java_script_enabled=False)
    context.set_default_timeout(5_000)
    page = context.new_page()
    page.goto(PACK)
    page.wait_for_url(f"**{PROGRESS}")
    expect(page.get_by_text("Building the agenda pack: 3 of 40 parts.")).to_be_visible()
    expect(page.get_by_role("link", name="check again")).to_have_attribute("href", PROGRESS)

    with page.expect_response(is_pack, timeout=15_000):
        finish(build)
