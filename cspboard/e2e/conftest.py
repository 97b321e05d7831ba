"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test in this package is marked `browser` (`pytest -m "not browser"` leaves them out) and is
skipped, with a reason, where /usr/bin/chromium is missing.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).resolve().parent

# Sync Playwright runs an event loop in the test thread, so Django would refuse the test's own
# database queries (the scenario, the assertions) as "async-unsafe" without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The password UserFactory gives every user.
PASSWORD = "correct horse battery"


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason=f"browser tests need Debian's chromium at {CHROMIUM}")
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """One headless Debian Chromium for the whole session; Playwright cannot download its own."""
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    """`page.goto("/boards/")` goes to the live server."""
    return live_server.url


@pytest.fixture
def page(page):
    """Every journey fails if the browser refused anything under the Content-Security-Policy
    (an inline script or style, htmx's own indicator style...): Chromium reports each refusal
    on the console."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    assert not refused, f"refused under the Content-Security-Policy: {refused}"


@pytest.fixture
def context(context):
    """Fail in seconds, not Playwright's default half-minute, when something never appears."""
    context.set_default_timeout(5_000)
    return context


@pytest.fixture
def scenario(transactional_db, live_server, scenario):
    """The project's scenario, committed, so the live server's thread can see it."""
    return scenario


DANGLING_REFERENCES = """() => [
  ...document.querySelectorAll("[aria-describedby], [aria-labelledby]")
].flatMap(el => ["aria-describedby", "aria-labelledby"].flatMap(
    attr => (el.getAttribute(attr) || "").split(/\\s+/).filter(Boolean)
      .filter(id => !document.getElementById(id)).map(id => `${el.id || el.tagName} ${attr}=${id}`)
  ))"""


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core on the page as it stands; fail with its report if it finds anything."""

    def check(page):
        results = axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
        # axe lets a description point at nothing; a hint or error nobody hears is a failure too.
        dangling = page.evaluate(DANGLING_REFERENCES)
        assert not dangling, f"{page.url}: aria references to missing ids: {dangling}"

    return check


@pytest.fixture
def sign_in(page):
    """Sign in through the form, as a person would, and come back to `next`."""

    def sign_in(username, password=PASSWORD, next="/"):
        page.goto(f"/accounts/login/?next={next}")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    return sign_in
