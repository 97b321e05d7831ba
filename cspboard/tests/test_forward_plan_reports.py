"""The forward plan (meetings) with each paper's report request (reports, through the plan's
registered prefetch): what officers see of the requests, and the plan page's queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspboard.meetings.choices import ItemKind
from cspboard.meetings.forward_plan import forward_plan_for_user
from cspboard.meetings.services import (
    agenda_build_from_standing_items,
    agenda_item_add,
)
from cspboard.meetings.tests.plan_fixtures import URL, meeting_on, plan_meeting

# The meetings app's forward plan fixture: imported, it is this module's.
from cspboard.meetings.tests.plan_fixtures import plan as plan
from cspboard.people.tests.factories import PersonFactory
from cspboard.reports.services import (
    report_request_create,
    report_request_withdraw,
    report_submit_form,
)

pytestmark = pytest.mark.django_db


def test_plan_page_queries_do_not_grow_with_meetings_or_items(client, plan):
    client.force_login(plan.officer)

    def count() -> int:
        client.get(URL)  # warm: session and content types
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(4):
        meeting = meeting_on(plan.board, datetime.date(2032, 2, 1 + n))
        agenda_build_from_standing_items(meeting=meeting)
        item = agenda_item_add(
            meeting=meeting,
            title=f"Extra {n}",
            presenters=[PersonFactory()],
            minutes_allowed=10,
            before_closing_items=True,
        )
        agenda_item_add(meeting=meeting, parent=item, title="sub", presenters=[PersonFactory()])
        # Papers whose reports are asked for (the officer sees each request and its author),
        # and one not asked for yet.
        paper = agenda_item_add(meeting=meeting, title=f"Paper {n}", kind=ItemKind.PAPER)
        report_request_create(item=paper, author=PersonFactory())
        agenda_item_add(meeting=meeting, title=f"Unasked {n}", kind=ItemKind.PAPER)
    assert count() == before


# "Today" for requests on the first meeting of the plan (Wednesday 26 March 2031).
BEFORE_M1 = datetime.date(2031, 2, 3)


@pytest.fixture
def papers(plan):
    """The plan, with three papers on its first meeting: one whose report is requested, one
    whose report is submitted, and one not asked for yet."""
    s = plan
    s.author = PersonFactory(name="Erik Stein")
    s.asked = agenda_item_add(
        meeting=s.m1, title="Knife Crime Paper", kind=ItemKind.PAPER, before_closing_items=True
    )
    s.asked_request = report_request_create(
        item=s.asked, author=s.author, deadline=datetime.date(2031, 3, 11), today=BEFORE_M1
    )
    s.received = agenda_item_add(
        meeting=s.m1, title="ASB Paper", kind=ItemKind.PAPER, before_closing_items=True
    )
    s.received_request = report_request_create(
        item=s.received,
        author=PersonFactory(name="David Rhodes"),
        deadline=datetime.date(2031, 3, 12),
        today=BEFORE_M1,
    )
    report_submit_form(
        request=s.received_request, subject="ASB Paper", purpose="To note.", today=BEFORE_M1
    )
    s.unasked = agenda_item_add(
        meeting=s.m1, title="Hate Crime Paper", kind=ItemKind.PAPER, before_closing_items=True
    )
    return s


def _row(plan_, item):
    for pm in plan_.meetings:
        for row in pm.items:
            for view in [row, *row.children]:
                if view.item.pk == item.pk:
                    return view
    raise AssertionError(f"{item} is not on the plan")


def test_officers_plan_carries_each_papers_request(papers):
    s = papers
    result = forward_plan_for_user(s.officer, "csp", BEFORE_M1)
    asked = _row(result, s.asked)
    assert asked.report_request == s.asked_request and not asked.can_request_report
    assert asked.report_request.author.name == "Erik Stein"
    assert _row(result, s.received).report_request == s.received_request
    unasked = _row(result, s.unasked)
    assert unasked.report_request is None and unasked.can_request_report
    # Verbal and standing items have no report to ask for.
    assert not _row(result, s.knife).can_request_report
    standing = next(v for v in plan_meeting(result, s.m1).items if v.item.is_standing)
    assert not standing.can_request_report and standing.report_request is None
    # After the deadline, a report still waiting is overdue; a submitted one never is.
    late = forward_plan_for_user(s.officer, "csp", datetime.date(2031, 3, 20))
    assert _row(late, s.asked).report_overdue
    assert not _row(late, s.received).report_overdue
    assert not _row(result, s.asked).report_overdue


def test_a_withdrawn_request_leaves_the_report_to_ask_for_again(papers):
    report_request_withdraw(request=papers.asked_request)
    row = _row(forward_plan_for_user(papers.officer, "csp", BEFORE_M1), papers.asked)
    assert row.report_request is None and row.can_request_report


@pytest.mark.parametrize("visitor", [None, "outsider", "member"])
def test_only_officers_get_report_requests_on_the_plan(client, papers, visitor):
    result = forward_plan_for_user(getattr(papers, visitor) if visitor else None, "csp", BEFORE_M1)
    row = _row(result, papers.asked)
    assert row.report_request is None and not row.can_request_report
    if visitor:
        client.force_login(getattr(papers, visitor))
    html = client.get(URL).content.decode()
    assert "Request the report" not in html
    assert "/reports/requests/" not in html and "/reports/items/" not in html
    assert "Erik Stein" not in html and "View the request" not in html


def test_plan_page_links_officers_to_requests(client, papers):
    s = papers
    client.force_login(s.officer)
    html = client.get(URL).content.decode()
    assert (
        "Report requested from Erik Stein, due 11 March 2031."
        f' <a class="govuk-link" href="/reports/requests/{s.asked_request.pk}/">View the request'
    ) in " ".join(html.split())
    assert "Report submitted by David Rhodes, due 12 March 2031." in " ".join(html.split())
    assert f'href="/reports/requests/{s.received_request.pk}/"' in html
    assert f'href="/reports/items/{s.unasked.pk}/request/">Request the report' in html
    for item in (s.asked, s.received, s.knife, s.dhr):
        assert f'href="/reports/items/{item.pk}/request/"' not in html
    # Each link names its item for screen readers.
    assert (
        f'Request the report<span class="govuk-visually-hidden"> for item {s.unasked.number},'
        " Hate Crime Paper</span>"
    ) in html
    # The link leads to the reports app's page for the item.
    assert client.get(f"/reports/items/{s.unasked.pk}/request/").status_code == 200
