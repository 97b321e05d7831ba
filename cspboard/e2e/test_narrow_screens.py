"""Every main page fits a 375 px phone without scrolling sideways, and a 1280 px desktop, and
axe-core finds nothing wrong at either width: wide tables scroll inside their own labelled
region, long words wrap."""

import datetime

import pytest

from cspboard.actions import services as actions
from cspboard.performance.tests.factories_web import analyst_of, seed_indicators

MEETING = "/boards/csp/meetings/2018-03-28/"

PUBLIC = [
    "/",
    "/boards/",
    "/boards/csp/",
    "/boards/csp/meetings/",
    MEETING,
    "/boards/csp/actions/",
    "/boards/csp/performance/",
]
SIGNED_IN = [
    "/",
    MEETING,
    "/boards/csp/meetings/",
    "/boards/csp/actions/",
    "/actions/mine/",
    "/boards/csp/performance/",
    "/boards/csp/meetings/plan/",
    "/boards/csp/meetings/2030-09-25/agenda/",
    "/boards/csp/meetings/2030-09-25/attendance/",
    "/boards/csp/meetings/new/",
    "/boards/csp/meetings/series/",
    "/boards/csp/meetings/standing-items/",
    "/boards/csp/meetings/2030-09-25/edit/",
    "/boards/csp/actions/settings/",
    "/boards/csp/actions/import/",
    "/boards/csp/members/",
    MEETING + "history/",
]
# Form controls without the design system's class: the browser's own unstyled boxes.
UNSTYLED = """() => [
  ...[...document.querySelectorAll("input")].filter(el =>
    !["hidden", "checkbox", "radio", "submit", "button", "file"].includes(el.type)
    && !el.classList.contains("govuk-input")),
  ...[...document.querySelectorAll("select")].filter(el => !el.classList.contains("govuk-select")),
  ...[...document.querySelectorAll("textarea")].filter(el =>
    !el.classList.contains("govuk-textarea")),
].map(el => `${el.tagName} ${el.name}`)"""

WIDTHS = [(375, 812), (1280, 800)]

OVERFLOW = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  culprits: [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(el => !(el.parentElement && el.parentElement.closest(".csp-table-wrapper")))
    .slice(0, 5).map(el => el.tagName + "." + el.className),
})"""


@pytest.fixture
def board_in_use(scenario):
    """The scenario, with a long unbroken URL in the minutes, actions on the log (one owned by
    the officer) and the performance report's indicators."""
    s = scenario
    actions.action_create(
        board=s.board,
        text=(
            "Circulate the refreshed strategic assessment to every partner: "
            "https://www.example.gov.uk/community-safety/partnership/strategic-assessment-2018-19"
            "-final-version-for-circulation.pdf"
        ),
        item=s.public_item,
        owners=[s.officer.person, s.member.person],
        target_date=datetime.date(2018, 6, 1),
    )
    actions.action_create(board=s.board, text="Book the venue", owners=[s.officer.person])
    seed_indicators(s.board, s.subgroup)
    analyst_of(s.board)
    return s


def assert_fits(page):
    sizes = page.evaluate(OVERFLOW)
    assert sizes["scrollWidth"] <= sizes["innerWidth"], f"{page.url} scrolls sideways: {sizes}"


@pytest.mark.parametrize("width,height", WIDTHS)
@pytest.mark.parametrize("url", PUBLIC)
def test_public_page_fits(page, board_in_use, assert_accessible, url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    response = page.goto(url)
    assert response.status == 200
    assert_fits(page)
    assert_accessible(page)


@pytest.mark.parametrize("width,height", WIDTHS)
def test_signed_in_pages_fit(page, board_in_use, sign_in, assert_accessible, width, height):
    page.set_viewport_size({"width": width, "height": height})
    sign_in("officer")
    for url in SIGNED_IN:
        response = page.goto(url)
        assert response.status == 200, url
        assert_fits(page)
        assert_accessible(page)
        assert page.evaluate(UNSTYLED) == [], url
