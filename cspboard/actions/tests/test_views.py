import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspboard.actions import services
from cspboard.actions.models import ActionItem, ActionProposal
from cspboard.meetings import services as meeting_services
from cspboard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date
VISITORS = ["anonymous", "outsider", "member", "officer"]


def login(client, s, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(s, visitor))


@pytest.mark.parametrize("visitor", VISITORS)
def test_log_shows_the_public_only_actions_from_published_unrestricted_minutes(
    client, log, visitor
):
    login(client, log, visitor)
    html = client.get("/boards/csp/actions/?status=all").content.decode()
    assert "PUBLIC-ACTION" in html
    entitled = visitor in ("member", "officer")
    for text in ["SECRET-ACTION", "SECRET-SUB-ACTION", "DRAFT-ACTION"]:
        assert (text in html) == entitled, text
    for action in (log.secret_action, log.sub_action, log.draft_action):
        response = client.get(action.get_absolute_url())
        assert response.status_code == (200 if entitled else 404)
    printable = client.get("/boards/csp/actions/?status=all&print=1").content.decode()
    assert ("SECRET-ACTION" in printable) == entitled


@pytest.mark.parametrize("visitor", VISITORS)
def test_only_officers_and_owners_post_updates(client, log, visitor):
    login(client, log, visitor)
    url = log.public_action.get_absolute_url()
    response = client.post(url, {"action": "update", "update-text": "Plan drafted"})
    posted = log.public_action.updates.exists()
    if visitor in ("member", "officer"):  # member owns this action
        assert response.status_code == 302 and posted
    else:
        assert not posted
    response = client.post(url, {"action": "close"})
    log.public_action.refresh_from_db()
    assert (log.public_action.status == "closed") == (visitor == "officer")


def test_filters_counts_and_sorting(client, log):
    client.force_login(log.officer)
    services.action_close(action=log.sub_action)
    html = client.get("/boards/csp/actions/").content.decode()
    assert "SECRET-SUB-ACTION" not in html  # closed, and the default shows open ones
    html = client.get("/boards/csp/actions/?status=closed").content.decode()
    assert "SECRET-SUB-ACTION" in html and "PUBLIC-ACTION" not in html
    html = client.get(f"/boards/csp/actions/?owner={log.member.person.slug}").content.decode()
    assert "PUBLIC-ACTION" in html and "DRAFT-ACTION" not in html
    html = client.get("/boards/csp/actions/?overdue=1").content.decode()
    assert "PUBLIC-ACTION" in html  # due 1 June 2018
    html = client.get("/boards/csp/actions/?rag=A").content.decode()
    assert "SECRET-ACTION" in html and "PUBLIC-ACTION" not in html  # no date yet: amber


def test_officer_confirms_a_proposal_from_the_minutes(client, scenario):
    client.force_login(scenario.officer)
    item = scenario.draft.items.get()
    meeting_services.item_minutes_set(
        item=item, minutes="<p>ACTION: Fiona Chair to write to MOPAC by 30 June 2018.</p>"
    )
    proposal = ActionProposal.objects.get()
    url = "/boards/csp/meetings/2018-06-27/actions/"
    page = client.get(url).content.decode()
    assert "Fiona Chair to write to MOPAC" in page
    response = client.post(
        url,
        {
            "step": "confirm",
            "proposal": proposal.pk,
            f"p{proposal.pk}-text": "Write to MOPAC",
            f"p{proposal.pk}-owners": [scenario.chair.pk],
            f"p{proposal.pk}-target_date": "30/06/2018",
        },
    )
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert action.text == "Write to MOPAC" and list(action.owners.all()) == [scenario.chair]
    assert action.target_date == D(2018, 6, 30)
    assert "Nothing is waiting" in client.get(url).content.decode()


def test_ambiguous_owner_is_asked_about(client, scenario):
    client.force_login(scenario.officer)
    a = PersonFactory(name="Jade Hodgson")
    b = PersonFactory(name="John Hart")
    meeting_services.attendance_record(meeting=scenario.draft, person=a)
    meeting_services.attendance_record(meeting=scenario.draft, person=b)
    meeting_services.item_minutes_set(
        item=scenario.draft.items.get(), minutes="<p>ACTION: JH to update the action log.</p>"
    )
    response = client.get("/boards/csp/meetings/2018-06-27/actions/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "could be" in html and "Jade Hodgson" in html and "John Hart" in html


@pytest.mark.parametrize("visitor", ["anonymous", "outsider", "member"])
def test_meeting_actions_page_is_for_officers(client, log, visitor):
    login(client, log, visitor)
    response = client.get("/boards/csp/meetings/2018-03-28/actions/")
    assert response.status_code == (302 if visitor == "anonymous" else 404)


def test_my_actions_lists_the_owners_open_actions(client, log):
    client.force_login(log.member)
    html = client.get("/actions/mine/").content.decode()
    assert "PUBLIC-ACTION" in html and "SECRET-ACTION" not in html
    assert client.__class__().get("/actions/mine/").status_code == 302


def test_log_queries_do_not_grow_with_actions(client, log):
    client.force_login(log.officer)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/boards/csp/actions/?status=all").status_code == 200
        return len(ctx.captured_queries)

    count()  # the first look creates the board's action settings
    before = count()
    for n in range(5):
        action = services.action_create(
            board=log.board,
            text=f"More {n}",
            item=log.public_item,
            owners=[PersonFactory(), PersonFactory()],
        )
        services.action_update_post(action=action, text="progress")
    assert count() == before


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_next_meetings_action_log_item_lists_outstanding_actions(client, log, visitor):
    meeting_services.agenda_item_add(
        meeting=log.unpublished, title="Minutes and Action Log", role="minutes_and_action_log"
    )
    log.unpublished.status = "agenda_published"
    log.unpublished.save()
    login(client, log, visitor)
    html = client.get("/boards/csp/meetings/2030-09-25/").content.decode()
    assert "Outstanding actions" in html and "PUBLIC-ACTION" in html
    assert ("SECRET-ACTION" in html) == (visitor == "member")


@pytest.mark.parametrize("visitor", VISITORS)
def test_the_board_sets_its_rating_rule(client, log, visitor):
    login(client, log, visitor)
    url = "/boards/csp/actions/settings/"
    response = client.post(
        url,
        {"amber_within_days": "30", "reminder_due_soon_days": "7", "reminder_no_update_days": "28"},
    )
    from cspboard.actions.services import action_settings_for

    amber = action_settings_for(log.board).amber_within_days
    if visitor == "officer":
        assert response.status_code == 302 and amber == 30
        bad = client.post(
            url,
            {
                "amber_within_days": "-1",
                "reminder_due_soon_days": "x",
                "reminder_no_update_days": "",
            },
        )
        html = bad.content.decode()
        assert bad.status_code == 400 and "There is a problem" in html
        assert "Enter 0 or more days" in html and "Enter a whole number of days" in html
    else:
        assert amber == 14
        assert response.status_code == (302 if visitor == "anonymous" else 404)


def test_the_rule_changes_the_ratings(client, log):
    from cspboard.actions.services import action_settings_save

    today = datetime.date.today()
    action = services.action_create(
        board=log.board,
        text="RULE-TEST",
        item=log.public_item,
        raised_on=D(2018, 3, 28),
        target_date=today + datetime.timedelta(days=20),
    )
    client.force_login(log.officer)
    assert "Green" in client.get(action.get_absolute_url()).content.decode()
    action_settings_save(
        board=log.board, amber_within_days=30, reminder_due_soon_days=7, reminder_no_update_days=28
    )
    assert "Amber" in client.get(action.get_absolute_url()).content.decode()


def test_my_actions_rates_by_each_boards_rule(client, log):
    from cspboard.actions.services import action_settings_save

    today = datetime.date.today()
    services.action_create(
        board=log.board,
        text="MINE-RULE",
        item=log.public_item,
        owners=[log.member.person],
        raised_on=D(2018, 3, 28),
        target_date=today + datetime.timedelta(days=20),
    )
    client.force_login(log.member)
    row = client.get("/actions/mine/").content.decode().split("MINE-RULE")[1][:600]
    assert "Green" in row
    action_settings_save(
        board=log.board, amber_within_days=30, reminder_due_soon_days=7, reminder_no_update_days=28
    )
    row = client.get("/actions/mine/").content.decode().split("MINE-RULE")[1][:600]
    assert "Amber" in row


def test_the_header_links_my_actions_for_anyone_who_owns_one(client, log):
    my_actions = 'href="/actions/mine/"'
    assert my_actions not in client.get("/").content.decode()
    client.force_login(log.officer)  # owns no action
    assert my_actions not in client.get("/").content.decode()
    client.force_login(log.member)  # owns the public action
    assert my_actions in client.get("/").content.decode()
    assert my_actions in client.get("/boards/csp/actions/").content.decode()


def test_the_my_actions_link_costs_one_query_a_page(client, log):
    client.force_login(log.member)
    with CaptureQueriesContext(connection) as with_link:
        client.get("/boards/")
    owns = [q for q in with_link.captured_queries if '"actions_actionitem"' in q["sql"]]
    assert len(owns) == 1


def test_each_change_to_an_action_posts_to_its_own_address(client, log):
    action = log.public_action
    page = action.get_absolute_url()
    close = reverse("actions:action_close", args=[action.board.slug, action.number])
    assert close == page + "close/"
    anonymous = client.post(close)
    assert anonymous.status_code == 302 and anonymous["Location"].endswith(f"?next={page}")
    client.force_login(log.member)  # owns the action: may post an update, not close it
    assert client.post(close).status_code == 404
    update = reverse("actions:action_update", args=[action.board.slug, action.number])
    assert client.post(update, {"update-text": "Drafted"})["Location"] == page
    client.force_login(log.officer)
    assert client.get(close).status_code == 405
    redate = reverse("actions:action_redate", args=[action.board.slug, action.number])
    assert client.post(redate, {"redate-target_date": "not a date"}).status_code == 400
    html = client.get(page).content.decode()
    assert f'action="{close}"' in html and f'action="{update}"' in html
    assert client.post(close)["Location"] == page
    action.refresh_from_db()
    assert action.status == "closed" and action.updates.count() == 1
