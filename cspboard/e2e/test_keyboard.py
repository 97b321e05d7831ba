"""Journeys made with the keyboard alone: Tab, Enter and typing, never the mouse."""

import re

from playwright.sync_api import expect

from .conftest import PASSWORD

# What a screen reader would announce for the focused element, near enough: a link's or a
# button's text, or the label of a form control.
FOCUSED_NAME = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "";
  const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
  return (el.textContent || label || el.getAttribute("aria-label") || "")
    .replace(/\\s+/g, " ").trim();
}"""


def focused(page) -> str:
    return page.evaluate(FOCUSED_NAME)


def tab_to(page, name: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element is called `name`; fail after `limit` presses."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if seen[-1] == name:
            return
    raise AssertionError(f"{name!r} never took focus in {limit} Tabs; focus went to {seen}")


def follow(page, url_pattern: str) -> None:
    """Press Enter on the focused link or button and wait for the next page."""
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(url_pattern))
    page.wait_for_load_state()


def test_skip_link_is_first_and_moves_focus_to_main_content(page, scenario):
    page.goto("/boards/csp/")
    page.keyboard.press("Tab")
    assert focused(page) == "Skip to main content"
    expect(page.get_by_role("link", name="Skip to main content")).to_be_visible()

    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'main-content'")
    page.keyboard.press("Tab")
    in_main = page.evaluate(
        "document.getElementById('main-content').contains(document.activeElement)"
    )
    assert in_main, f"the next Tab went to {focused(page)!r}, outside the main content"


def test_visitor_reaches_a_meeting_and_sees_the_restricted_item_withheld(page, scenario):
    page.goto("/")
    page.keyboard.press("Tab")
    assert focused(page) == "Skip to main content"
    tab_to(page, "Boards")
    follow(page, r"/boards/$")
    tab_to(page, "Community Safety Partnership Board")
    follow(page, r"/boards/csp/$")
    tab_to(page, "Wednesday 28 March 2018")
    follow(page, r"/boards/csp/meetings/2018-03-28/$")

    item = page.locator(f"#item-{scenario.restricted_item.pk}")
    expect(item).to_contain_text("2. Strategic Assessment")
    expect(item.get_by_text("Item restricted due to sensitive information").first).to_be_visible()
    expect(page.get_by_text("SECRET-MINUTES")).to_have_count(0)


def test_member_signs_in_and_reads_restricted_minutes(page, scenario):
    page.goto("/")
    tab_to(page, "Sign in")
    follow(page, r"/accounts/login/")
    tab_to(page, "Username")
    page.keyboard.type("member")
    tab_to(page, "Password", limit=1)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Signed in as member")).to_be_visible()

    tab_to(page, "Community Safety Partnership Board, Wednesday 28 March 2018")
    follow(page, r"/boards/csp/meetings/2018-03-28/$")
    expect(page.get_by_text("SECRET-MINUTES")).to_be_visible()
    expect(page.get_by_text("Item restricted due to sensitive information")).to_have_count(0)
