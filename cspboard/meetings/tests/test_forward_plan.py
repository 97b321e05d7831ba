"""The forward plan: future meetings' draft agendas, read and rearranged."""

import datetime
import re

import pytest
from django.utils import timezone

from cspboard.core.exceptions import NotAllowed
from cspboard.meetings.choices import MeetingStatus, PlanStatus
from cspboard.meetings.forward_plan import (
    forward_plan_for_user,
    plan_item_defer,
    plan_item_move,
    plan_item_set_status,
)
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.meetings.services import agenda_item_add
from cspboard.meetings.tests.plan_fixtures import URL, meeting_on, plan_meeting

# The plan fixture (shared with the plan's report requests' test): imported, it is this module's.
from cspboard.meetings.tests.plan_fixtures import plan as plan

pytestmark = pytest.mark.django_db


def _agenda(meeting):
    return [
        (i.number, i.title, i.parent_id is not None)
        for i in AgendaItem.objects.filter(meeting=meeting).order_by("position")
    ]


# Reading the plan -------------------------------------------------------------------------------


def test_plan_lists_future_meetings_only_soonest_first(plan):
    cancelled = meeting_on(plan.board, datetime.date(2031, 5, 1))
    Meeting.objects.filter(pk=cancelled.pk).update(status=MeetingStatus.CANCELLED)
    result = forward_plan_for_user(None, "csp", timezone.localdate())
    dates = [p.meeting.date for p in result.meetings]
    assert dates == [plan.unpublished.date, plan.m1.date, plan.m2.date]
    m1 = plan_meeting(result, plan.m1)
    knife = next(v for v in m1.items if v.item.pk == plan.knife.pk)
    assert [c.item.title for c in knife.children] == ["Stop and search charter"]
    assert m1.total == 20 + 15 + 5 + 10  # standing items, the item, its sub-item, the DHR


def test_174_of_180_is_not_over_and_181_is(client, scenario):
    meeting = meeting_on(scenario.board, datetime.date(2032, 1, 7))
    big = agenda_item_add(meeting=meeting, title="Strategic assessment", minutes_allowed=150)
    agenda_item_add(meeting=meeting, title="Performance", minutes_allowed=24)

    entry = plan_meeting(forward_plan_for_user(None, "csp", timezone.localdate()), meeting)
    assert (entry.total, entry.length, entry.over) == (174, 180, False)
    html = client.get(URL).content.decode()
    assert "Planned items add up to 174 minutes of 180." in html
    assert "runs over" not in html

    agenda_item_add(meeting=meeting, parent=big, title="Annex", minutes_allowed=7)
    entry = plan_meeting(forward_plan_for_user(None, "csp", timezone.localdate()), meeting)
    assert (entry.total, entry.over) == (181, True)
    html = client.get(URL).content.decode()
    assert "Planned items add up to 181 minutes of 180: the meeting runs over." in html
    assert "govuk-warning-text" in html


def test_meeting_without_an_end_time_uses_the_boards_usual_length(plan):
    entry = plan_meeting(forward_plan_for_user(None, "csp", timezone.localdate()), plan.unpublished)
    assert entry.length == plan.board.default_meeting_minutes


@pytest.mark.parametrize("visitor", [None, "outsider"])
def test_public_and_outsiders_see_titles_but_not_withheld_detail_or_comments(client, plan, visitor):
    if visitor:
        client.force_login(getattr(plan, visitor))
    html = client.get(URL).content.decode()
    assert "Knife crime update" in html and "David Rhodes" in html
    assert "Domestic Homicide Review Update" in html  # as on the published agenda
    assert "Restricted item" in html
    assert "paragraph 1 of Part 1 of Schedule 12A" in html
    assert "SECRET-PRESENTER" not in html
    assert "SECRET-COMMENT" not in html and "OFFICER-COMMENT" not in html
    assert "Save status" not in html and "Defer to next meeting" not in html


def test_members_see_withheld_detail_but_not_comments_or_controls(client, plan):
    client.force_login(plan.member)
    response = client.get(URL)
    html = response.content.decode()
    assert "SECRET-PRESENTER" in html and "Restricted item" not in html
    assert "SECRET-COMMENT" not in html and "OFFICER-COMMENT" not in html
    assert "Save status" not in html
    assert response["Cache-Control"] == "private, no-store"


def test_officers_see_comments_and_controls(client, plan):
    client.force_login(plan.officer)
    html = client.get(URL).content.decode()
    assert "SECRET-COMMENT" in html and "OFFICER-COMMENT" in html
    assert "Save status" in html and "Defer to next meeting" in html and "Move to" in html
    assert "Report received" in html and "Report requested" in html


@pytest.mark.parametrize("visitor", [None, "outsider", "member"])
def test_a_withheld_items_sub_items_are_named_only_to_those_entitled(client, plan, visitor):
    agenda_item_add(meeting=plan.m1, parent=plan.dhr, title="SECRET-SUB-ITEM", minutes_allowed=5)
    if visitor:
        client.force_login(getattr(plan, visitor))
    html = client.get(URL).content.decode()
    assert ("SECRET-SUB-ITEM" in html) == (visitor == "member")


def test_the_plan_of_meetings_from_an_earlier_date_is_read_only(client, plan):
    """The demo's plans are of meetings now past but never held: they are read from a date."""
    past = meeting_on(plan.board, datetime.date(2019, 9, 25))
    agenda_item_add(meeting=past, title="Old planned paper", minutes_allowed=15)
    client.force_login(plan.officer)
    html = client.get(URL).content.decode()
    assert "Old planned paper" not in html
    html = client.get(URL + "?from=2019-09-01").content.decode()
    assert "Forward plan from 1 September 2019" in html
    assert "Old planned paper" in html and "Knife crime update" in html
    assert "Save status" not in html and "Request the report" not in html
    # Nonsense or a future date is the current plan.
    for value in ("nonsense", "2099-01-01"):
        html = client.get(URL + f"?from={value}").content.decode()
        assert "Old planned paper" not in html and "Save status" in html


def test_with_no_coming_meetings_the_earliest_unheld_plan_is_offered(client, scenario):
    Meeting.objects.filter(board=scenario.board, date__gte=timezone.localdate()).delete()
    past = meeting_on(scenario.board, datetime.date(2019, 9, 25))
    agenda_item_add(meeting=past, title="Old planned paper", minutes_allowed=15)
    html = client.get(URL).content.decode()
    assert "No meetings are arranged yet." in html
    assert (
        "?from=2019-09-25" in html and "See the plan of the meetings from 25 September 2019" in html
    )


def test_meeting_list_links_to_the_plan(client, scenario):
    assert URL in client.get("/boards/csp/meetings/").content.decode()


# Changing the plan ------------------------------------------------------------------------------


def test_set_status_and_comment(plan):
    plan_item_set_status(item=plan.knife, status=PlanStatus.VERBAL, comment="  by phone  ")
    plan.knife.refresh_from_db()
    assert (plan.knife.plan_status, plan.knife.plan_comment) == ("verbal", "by phone")
    assert plan.knife.history.first().plan_status == "verbal"


def test_new_items_are_planned(plan):
    assert plan.m2.items.first().plan_status == PlanStatus.PLANNED


def test_move_takes_sub_items_and_renumbers_both_agendas(plan):
    plan_item_move(item=plan.knife, to_meeting=plan.m2)
    assert _agenda(plan.m1) == [
        ("1", "Introductions and Apologies for Absence", False),
        ("2", "Declaration of Interests", False),
        ("3", "Minutes and Action Log", False),
        ("4", "Domestic Homicide Review Update", False),
        ("5", "Forward Plan", False),
        ("6", "Any Other Business", False),
        ("7", "Date of Next Meeting", False),
    ]
    assert _agenda(plan.m2) == [
        ("1", "Introductions and Apologies for Absence", False),
        ("2", "Declaration of Interests", False),
        ("3", "Minutes and Action Log", False),
        ("4", "Knife crime update", False),
        ("(i)", "Stop and search charter", True),
        ("5", "Forward Plan", False),
        ("6", "Any Other Business", False),
        ("7", "Date of Next Meeting", False),
    ]
    plan.knife_sub.refresh_from_db()
    assert plan.knife_sub.meeting_id == plan.m2.pk and plan.knife_sub.parent_id == plan.knife.pk
    positions = list(plan.m2.items.values_list("position", flat=True))
    assert len(positions) == len(set(positions))


def test_move_page_post_by_an_officer(client, plan):
    client.force_login(plan.officer)
    response = client.post(
        f"{URL}items/{plan.knife.pk}/move/", {"to_meeting": plan.m2.pk}, follow=True
    )
    assert "Moved to the meeting of 25 June 2031: Knife crime update." in response.content.decode()
    plan.knife.refresh_from_db()
    assert plan.knife.meeting_id == plan.m2.pk


@pytest.mark.parametrize("published", ["source", "target"])
def test_move_refused_when_an_agenda_is_published(plan, published):
    meeting = plan.m1 if published == "source" else plan.m2
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.AGENDA_PUBLISHED)
    plan.knife.refresh_from_db()
    with pytest.raises(NotAllowed):
        plan_item_move(item=plan.knife, to_meeting=plan.m2)
    assert AgendaItem.objects.get(pk=plan.knife.pk).meeting_id == plan.m1.pk


def test_move_refused_to_a_past_or_cancelled_meeting_or_for_a_sub_item(plan):
    with pytest.raises(NotAllowed):
        plan_item_move(item=plan.knife, to_meeting=plan.meeting)  # 2018
    Meeting.objects.filter(pk=plan.m2.pk).update(status=MeetingStatus.CANCELLED)
    with pytest.raises(NotAllowed):
        plan_item_move(item=plan.knife, to_meeting=plan.m2)
    with pytest.raises(NotAllowed):
        plan_item_move(item=plan.knife_sub, to_meeting=plan.unpublished)


def test_refused_move_shows_the_reason(client, plan):
    Meeting.objects.filter(pk=plan.m2.pk).update(status=MeetingStatus.AGENDA_PUBLISHED)
    client.force_login(plan.officer)
    response = client.post(
        f"{URL}items/{plan.knife.pk}/move/", {"to_meeting": plan.m2.pk}, follow=True
    )
    assert "items can only move between draft agendas" in response.content.decode()
    assert AgendaItem.objects.get(pk=plan.knife.pk).meeting_id == plan.m1.pk


def test_defer_moves_to_the_next_meeting_marked_deferred(client, plan):
    client.force_login(plan.officer)
    response = client.post(f"{URL}items/{plan.knife.pk}/defer/", follow=True)
    assert "Deferred to the meeting of 25 June 2031" in response.content.decode()
    plan.knife.refresh_from_db()
    assert plan.knife.meeting_id == plan.m2.pk
    assert plan.knife.plan_status == PlanStatus.DEFERRED
    assert plan.knife.plan_comment == "OFFICER-COMMENT"


def test_defer_refused_without_a_later_meeting(plan):
    item = agenda_item_add(meeting=plan.m2, title="Last", before_closing_items=True)
    with pytest.raises(NotAllowed):
        plan_item_defer(item=item)


def test_status_post_by_an_officer(client, plan):
    client.force_login(plan.officer)
    response = client.post(
        f"{URL}items/{plan.knife.pk}/status/",
        {"status": "verbal", "comment": "New note"},
        follow=True,
    )
    assert "Status saved: Knife crime update." in response.content.decode()
    plan.knife.refresh_from_db()
    assert (plan.knife.plan_status, plan.knife.plan_comment) == ("verbal", "New note")


@pytest.mark.parametrize("action", ["status", "defer", "move"])
def test_posts_need_an_officer(client, plan, action):
    url = f"{URL}items/{plan.knife.pk}/{action}/"
    data = {"status": "verbal", "comment": "x", "to_meeting": plan.m2.pk}
    response = client.post(url, data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for visitor in ("member", "outsider"):
        client.force_login(getattr(plan, visitor))
        assert client.post(url, data).status_code == 404
    # An officer of the board, reaching the item through another board's address: 404 too.
    client.force_login(plan.officer)
    assert client.post(url.replace("/csp/", "/other/"), data).status_code == 404
    plan.knife.refresh_from_db()
    assert (plan.knife.meeting_id, plan.knife.plan_status) == (plan.m1.pk, "report_received")


def test_one_minute_is_one_minute_on_the_plan_the_agenda_and_the_meeting_page(client, scenario):
    meeting = meeting_on(scenario.board, datetime.date(2032, 1, 7))
    agenda_item_add(meeting=meeting, title="Date of next meeting", minutes_allowed=1)
    client.force_login(scenario.officer)
    plan_html = client.get(URL).content.decode()
    assert "1 minute<" in plan_html and "Planned items add up to 1 minute of 180." in plan_html
    agenda_html = client.get(meeting.get_absolute_url() + "agenda/").content.decode()
    assert "<strong>1 minute</strong>" in agenda_html
    page_html = client.get(meeting.get_absolute_url()).content.decode()
    assert "<li>1 minute</li>" in page_html
    for html in (plan_html, agenda_html, page_html):
        assert not re.search(r"\b1 min(s|utes)\b", html), re.findall(r".{40}\b1 min\w*", html)


def test_officers_plan_an_item_for_a_new_meeting_from_the_plan(client, plan):
    new = meeting_on(plan.board, datetime.date(2031, 9, 24))  # nothing on its agenda yet
    add_link = "/boards/csp/meetings/2031-09-24/agenda/?return_to=plan#add-item"
    assert add_link not in client.get(URL).content.decode()
    client.force_login(plan.member)
    assert add_link not in client.get(URL).content.decode()

    client.force_login(plan.officer)
    html = client.get(URL).content.decode()
    assert add_link in html and "Add an item to this meeting's plan" in html
    form = client.get(add_link.split("#")[0]).content.decode()
    assert '<input type="hidden" name="return_to" value="plan">' in form

    response = client.post(
        "/boards/csp/meetings/2031-09-24/agenda/items/",
        {
            "title": "Serious violence duty",
            "minutes_allowed": "15",
            "kind": "paper",
            "security_marking": "UNRESTRICTED",
            "return_to": "plan",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == URL + "#plan-2031-09-24"
    entry = plan_meeting(forward_plan_for_user(None, "csp", timezone.localdate()), new)
    assert [v.item.title for v in entry.items] == ["Serious violence duty"]
