"""Cached pages: keyed by the generations of what they show, never stale, never shared across
classes of viewer, and a write moves only the generations of the pages that show it."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cspboard.core.cache import GLOBAL, board_scope, generations
from cspboard.meetings import selectors, services

pytestmark = pytest.mark.django_db
URL = "/boards/csp/meetings/2018-03-28/"


def test_anonymous_page_is_cached_until_the_record_changes(client, scenario):
    first = client.get(URL).content.decode()
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(URL).content.decode()
    assert again == first
    assert len(ctx.captured_queries) == 1  # the generations only

    item = scenario.public_item
    services.agenda_item_update(item=item, expected_version=item.version, title="Renamed item")
    assert "Renamed item" in client.get(URL).content.decode()


def test_a_rolled_back_change_does_not_move_any_generation(scenario):
    before = generations()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.agenda_item_add(meeting=scenario.meeting, title="Never saved")
        assert generations() != before  # moved inside the transaction...
        raise RuntimeError
    assert generations() == before  # ...and back with it


def test_a_write_to_one_boards_meeting_moves_only_that_boards_generation(scenario):
    other_meeting = services.meeting_create(
        board=scenario.other, date=datetime.date(2018, 4, 2), start_time=datetime.time(10)
    )
    before = generations()
    services.agenda_item_add(meeting=scenario.meeting, title="Board A's new item")
    after = generations()
    assert after[board_scope(scenario.board.pk)] > before[board_scope(scenario.board.pk)]
    assert after.get(board_scope(scenario.other.pk)) == before.get(board_scope(scenario.other.pk))
    assert after.get(GLOBAL) == before.get(GLOBAL)

    services.agenda_item_add(meeting=other_meeting, title="Board B's new item")
    assert generations()[board_scope(scenario.board.pk)] == after[board_scope(scenario.board.pk)]


def test_names_shown_across_boards_move_the_global_generation(scenario):
    before = generations()
    scenario.chair.name = "Fiona Chair-Renamed"
    scenario.chair.save(update_fields=["name"])
    after = generations()
    assert after[GLOBAL] > before.get(GLOBAL, 0)
    assert after.get(board_scope(scenario.board.pk)) == before.get(board_scope(scenario.board.pk))


def test_a_reminder_sent_moves_nothing(scenario, django_capture_on_commit_callbacks):
    from cspboard.actions.reminders import reminders_send
    from cspboard.actions.services import action_create

    scenario.member.email = "member@example.org"
    scenario.member.save()
    action_create(
        board=scenario.board,
        text="Send the figures",
        item=scenario.public_item,
        owners=[scenario.member.person],
        target_date=datetime.date(2018, 4, 10),
    )
    before = generations()
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders_send(today=datetime.date(2018, 4, 24))
    assert sent  # an overdue reminder, recorded
    assert generations() == before


def test_the_public_page_reflects_a_change_to_its_board_at_once(client, scenario):
    client.get(URL)
    services.decision_add(item=scenario.public_item, text="A NEW DECISION")
    assert "A NEW DECISION" in client.get(URL).content.decode()
    # And a change to a name shown on it (a presenter: the global generation).
    scenario.chair.name = "Fiona Renamed"
    scenario.chair.save(update_fields=["name"])
    assert "Fiona Renamed" in client.get(URL).content.decode()


def test_members_are_never_served_the_cached_public_page(client, scenario):
    client.get(URL)  # fills the cache for anonymous visitors
    client.force_login(scenario.member)
    html = client.get(URL).content.decode()
    assert "SECRET-MINUTES" in html and "Signed in as" in html
    client.logout()
    assert "SECRET-MINUTES" not in client.get(URL).content.decode()


# Signed-in readers: the body kept once per audience -----------------------------------------


@pytest.fixture
def renders(monkeypatch):
    """Counts the meeting page's bodies drawn (cache misses), by audience."""
    drawn = []
    original = selectors.meeting_page

    def counting(user, meeting):
        page = original(user, meeting)
        drawn.append(selectors.meeting_audience_for(user, meeting).access_class)
        return page

    monkeypatch.setattr(selectors, "meeting_page", counting)
    return drawn


def second_member(scenario, username="member2"):
    from cspboard.boards.choices import Role
    from cspboard.boards.tests.factories import MembershipFactory
    from cspboard.people.tests.factories import PersonFactory, UserFactory

    user = UserFactory(username=username, first_name="Second", last_name="Member")
    MembershipFactory(person=PersonFactory(user=user), board=scenario.board, role=Role.MEMBER)
    return user


def body_of(html: str) -> str:
    return html[html.index('<main class="govuk-main-wrapper"') : html.index("</main>")]


def test_two_members_of_the_board_share_one_render(client, scenario, renders):
    other = second_member(scenario)
    client.force_login(scenario.member)
    first = client.get(URL).content.decode()
    client.force_login(other)
    second = client.get(URL).content.decode()
    assert renders == ["member"]  # drawn once, for both
    assert body_of(first) == body_of(second)
    assert "SECRET-MINUTES" in second
    # Each header is the reader's own.
    assert "Signed in as Second Member" in second and "Signed in as Second" not in first


def test_a_member_and_the_public_never_share(client, scenario, renders):
    client.force_login(scenario.member)
    assert "SECRET-MINUTES" in client.get(URL).content.decode()
    client.force_login(scenario.outsider)  # signed in, a member of another board: the public
    html = client.get(URL).content.decode()
    assert "SECRET-MINUTES" not in html and "Sub-paper" not in html
    assert renders == ["member", "public"]


def test_an_officer_and_a_member_never_share(client, scenario, renders):
    client.force_login(scenario.member)
    assert "Run this meeting" not in client.get(URL).content.decode()
    client.force_login(scenario.officer)
    assert "Run this meeting" in client.get(URL).content.decode()
    client.force_login(scenario.member)
    assert "Run this meeting" not in client.get(URL).content.decode()
    assert renders == ["member", "officer"]


def test_withheld_material_never_reaches_the_public_after_a_member_loaded_the_page(
    client, scenario
):
    client.force_login(scenario.member)
    member_html = client.get(URL).content.decode()
    assert "Sub-paper" in member_html and "CDSA cover report" in member_html
    client.logout()
    public_html = client.get(URL).content.decode()
    # The withheld item keeps its number and title; its sub-item's title, its minutes and its
    # papers' titles are never shown to the public.
    assert "Strategic Assessment" in public_html
    for secret in ("Sub-paper", "SECRET-MINUTES", "CDSA cover report", "SECRET-DECISION"):
        assert secret not in public_html, secret


def test_the_kept_body_holds_no_token_and_each_page_its_own(client, scenario):
    client.force_login(scenario.member)
    first = client.get(URL)
    client.force_login(second_member(scenario))
    second = client.get(URL)
    tokens = [
        r.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        for r in (first, second)
    ]
    assert tokens[0] != tokens[1]  # the sign-out forms: drawn for each reader
    assert body_of(first.content.decode()).count("csrfmiddlewaretoken") == 0


def test_a_members_page_reflects_a_change_at_once(client, scenario):
    client.force_login(scenario.member)
    client.get(URL)
    services.decision_add(item=scenario.restricted_item, text="A NEW SECRET DECISION")
    assert "A NEW SECRET DECISION" in client.get(URL).content.decode()


def test_the_chair_gets_the_approval_button_others_do_not(client, scenario):
    from cspboard.meetings.choices import MeetingStatus

    meeting = scenario.draft
    meeting.status = MeetingStatus.MINUTES_WITH_CHAIR
    meeting.chair = scenario.member.person
    meeting.save(update_fields=["status", "chair"])
    url = meeting.get_absolute_url()
    client.force_login(second_member(scenario))
    assert "Approve the minutes" not in client.get(url).content.decode()
    client.force_login(scenario.member)  # the meeting's chair
    assert "Approve the minutes" in client.get(url).content.decode()


def test_a_members_cached_page_costs_what_the_header_needs(client, scenario):
    client.force_login(scenario.member)
    client.get(URL)  # kept
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    # The session, the user and the generations: the meeting, the member's memberships, the
    # boards' tree and whether they own an action (the header's link) are kept under them.
    assert len(ctx.captured_queries) == 3, [q["sql"] for q in ctx.captured_queries]


def test_a_new_membership_and_a_new_action_show_at_once(client, scenario):
    """What is kept for one reader (memberships, the header's link) is never stale either."""
    from cspboard.actions.services import action_create
    from cspboard.boards.choices import Role
    from cspboard.boards.services import membership_add

    client.force_login(scenario.outsider)
    html = client.get(URL).content.decode()
    assert "SECRET-MINUTES" not in html and "My actions" not in html
    membership_add(
        person=scenario.outsider.person,
        board=scenario.board,
        role=Role.MEMBER,
        start=datetime.date(2018, 1, 1),
    )
    assert "SECRET-MINUTES" in client.get(URL).content.decode()
    action_create(
        board=scenario.board,
        text="Send the figures",
        item=scenario.public_item,
        owners=[scenario.outsider.person],
    )
    assert "My actions" in client.get(URL).content.decode()


# The cache shared by several servers: the database's --------------------------------------


def test_the_database_cache_keeps_and_retires_public_pages(client, scenario, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cspboard_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    first = client.get(URL).content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM cspboard_cache")
        assert cursor.fetchone()[0] >= 2  # the page and the body (and the boards' ids)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).content.decode() == first
    assert any("cspboard_cache" in q["sql"] for q in ctx.captured_queries)
    assert len(ctx.captured_queries) <= 3  # the generations, the boards' ids, the page

    item = scenario.public_item
    services.agenda_item_update(item=item, expected_version=item.version, title="Renamed item")
    assert "Renamed item" in client.get(URL).content.decode()
    client.force_login(scenario.member)
    assert "SECRET-MINUTES" in client.get(URL).content.decode()


def test_the_board_page_body_is_shared_but_the_officers_link_is_theirs(client, scenario):
    board_url = scenario.board.get_absolute_url()
    client.force_login(scenario.officer)
    assert "Manage members" in client.get(board_url).content.decode()
    client.force_login(scenario.member)
    html = client.get(board_url).content.decode()
    assert "Manage members" not in html and "Signed in as" in html
    client.logout()
    html = client.get(board_url).content.decode()
    assert "Manage members" not in html and "Signed in as" not in html
    membership_person = scenario.member.person
    membership_person.name = "Renamed Member"
    membership_person.save(update_fields=["name"])
    assert "Renamed Member" in client.get(board_url).content.decode()
