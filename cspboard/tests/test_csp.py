"""The Content-Security-Policy: on every page, and key pages carry nothing it would refuse."""

import re
from pathlib import Path

import pytest

from cspboard.core.tests.inline import InlineFinder

# The performance tests' seeded fixture: imported, it is this module's.
from cspboard.performance.tests.factories_web import seeded as seeded

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
}


def problems_in(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    finder = InlineFinder()
    finder.feed(response.content.decode())
    if b"govuk-template" in response.content:  # the service's pages, not the print view
        assert "/static/cspboard/init.js" in finder.scripts
    return finder.problems


def directives(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def test_pages_carry_the_policy(client, scenario):
    for url in ("/", "/accounts/login/", "/boards/csp/meetings/2018-03-28/"):
        response = client.get(url)
        assert POLICY <= directives(response), url
    not_found = client.get("/no-such-page/")
    assert POLICY <= directives(not_found)


@pytest.mark.parametrize(
    "url, who",
    [
        ("/", None),
        ("/accounts/login/", None),
        ("/boards/csp/meetings/2018-03-28/", None),
        ("/boards/csp/meetings/2018-03-28/", "officer"),
        ("/boards/csp/meetings/2030-09-25/", "officer"),
        ("/boards/csp/meetings/2030-09-25/agenda/", "officer"),
        ("/boards/csp/meetings/2018-03-28/minutes/", "officer"),
        ("/boards/csp/meetings/plan/", "officer"),
        ("/boards/csp/actions/?print=1", "officer"),
        ("/boards/csp/performance/2018-01/", None),
        ("/boards/csp/performance/2018-01/burglary/", "analyst"),
    ],
)
def test_key_pages_have_no_inline_script_handler_or_style(client, seeded, url, who):
    if who:
        client.force_login(getattr(seeded, who))
    response = client.get(url)
    assert problems_in(response) == [], url


def test_the_performance_report_has_its_charts(client, seeded):
    response = client.get("/boards/csp/performance/2018-01/")
    assert response.content.count(b"<svg") >= 1
    assert problems_in(response) == []


def test_pdfs_are_sent_without_the_policy(client, scenario):
    response = client.get(scenario.public_doc.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in response


TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# Laid out by WeasyPrint into PDFs (or sent as e-mail), never served as a page.
NOT_PAGES = (
    "/packs/_base.html",
    "/packs/_styles.html",
    "/packs/front_sheet.html",
    "/packs/parts.html",
    "/packs/minutes_document.html",
    "/packs/parts/",
    "/reports/pdf/",
    "/performance/pdf/",
    "/documents/paper.html",
    "/email/",
)
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|javascript:|\sstyle\s*=|<style\b", re.I
)


def test_no_page_template_has_inline_script_or_style():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if any(part in "/" + name for part in NOT_PAGES):
            continue
        found += [f"{name}: {m.group(0)}" for m in INLINE.finditer(path.read_text())]
    assert found == []
