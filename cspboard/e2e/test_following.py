"""Following a board by e-mail, in Chromium, with axe on every page: a resident subscribes from
the board page, confirms with the link the worker delivered, is e-mailed when the officer
publishes the agenda, and unsubscribes with the link in that e-mail."""

import re

from django.core import mail
from playwright.sync_api import expect

from cspboard.following.models import Subscription

MEETING = "/boards/csp/meetings/2030-09-25/"


def path_in(message, pattern: str) -> str:
    return re.search(rf"http://[^/\s]+({pattern})", message.body).group(1)


def test_subscribe_confirm_receive_unsubscribe(page, scenario, sign_in, assert_accessible):
    mail.outbox.clear()
    page.goto("/boards/csp/")
    feed = page.locator('head link[rel="alternate"][type="application/rss+xml"]')
    expect(feed).to_have_attribute("href", "/boards/csp/feed.rss")
    page.get_by_role("link", name=re.compile("^Get e-mails when the board publishes")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get e-mails about this board")
    assert_accessible(page)

    # No address: the error summary, accessible too.
    page.get_by_role("button", name="Subscribe").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    assert_accessible(page)

    page.get_by_label("Email address").fill("resident@example.org")
    page.get_by_label("The minutes are published").uncheck()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page)

    # The worker delivered the confirmation (the tests' task backend runs it at commit).
    assert [m.to for m in mail.outbox] == [["resident@example.org"]]
    page.goto(path_in(mail.outbox[0], r"/follow/confirm/[^/\s]+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your subscription")
    assert_accessible(page)
    assert not Subscription.objects.confirmed().exists()  # opening the link is not enough
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subscription confirmed")
    assert_accessible(page)

    # The officer publishes the agenda; the resident is e-mailed.
    mail.outbox.clear()
    sign_in("officer", next=f"{MEETING}agenda/publish/")
    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name=re.compile("^Publish")).click(no_wait_after=True)
    alerts = [m for m in mail.outbox if m.to == ["resident@example.org"]]
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert.subject.startswith("Agenda published: Community Safety Partnership Board")
    assert MEETING in alert.body
    unsubscribe = path_in(alert, r"/follow/unsubscribe/[^/\s]+/")
    assert alert.extra_headers["List-Unsubscribe"].endswith(f"{unsubscribe}>")
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Signed out, from the e-mail's link: the page asks first.
    page.context.clear_cookies()
    page.goto(unsubscribe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribe")
    assert_accessible(page)
    assert Subscription.objects.exists()
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have unsubscribed")
    assert_accessible(page)
    assert not Subscription.objects.exists()
