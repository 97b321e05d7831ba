"""The leak matrix for the open-data API (cspboard/api): every operation, as anonymous, outsider,
member and officer. Words planted in a withheld item's minutes and decision, a restricted paper
and an action raised under the withheld item reach only the board's members and officers, by
every route; drafts of the minutes only them too; an unpublished agenda only the officers; the
analysts' draft commentary no one."""

import json

import pytest

from cspboard.api.api import api
from cspboard.api.tests.fixtures import (
    DRAFT_COMMENTARY,
    PUBLISHED_COMMENTARY,
    SECRET_ACTION,
    add_open_record,
)

from .test_permission_matrix import ENTITLED, SECRETS, VISITORS, client_for

WITHHELD = [*SECRETS, "Sub-paper", SECRET_ACTION]
# The API serves no declarations of interest: the withheld one can only be absent.
SERVED = [secret for secret in WITHHELD if secret != "SECRET-DECLARATION"]


@pytest.fixture
def record(scenario):
    return add_open_record(scenario)


def routes(s) -> dict[str, list[str]]:
    """Each operation's path, and the addresses that exercise it here."""
    meetings = [s.meeting, s.draft, s.unpublished]
    member_slug = s.member.person.slug
    return {
        "/api/v1/boards": ["/api/v1/boards", "/api/v1/boards?parent=csp"],
        "/api/v1/boards/{slug}": ["/api/v1/boards/csp"],
        "/api/v1/people": ["/api/v1/people", "/api/v1/people?board=csp"],
        "/api/v1/people/{slug}": [f"/api/v1/people/{member_slug}"],
        "/api/v1/meetings": ["/api/v1/meetings", "/api/v1/meetings?board=csp"],
        "/api/v1/meetings/{meeting_id}": [f"/api/v1/meetings/{m.pk}" for m in meetings],
        "/api/v1/meetings/{meeting_id}/ocd-event": [
            f"/api/v1/meetings/{m.pk}/ocd-event" for m in meetings
        ],
        "/api/v1/agenda-items": [
            "/api/v1/agenda-items",
            "/api/v1/agenda-items?board=csp",
            *(f"/api/v1/agenda-items?meeting={m.pk}" for m in meetings),
        ],
        "/api/v1/decisions": ["/api/v1/decisions", f"/api/v1/decisions?meeting={s.meeting.pk}"],
        "/api/v1/papers": ["/api/v1/papers", f"/api/v1/papers?meeting={s.meeting.pk}"],
        "/api/v1/actions": ["/api/v1/actions", "/api/v1/actions?board=csp"],
        "/api/v1/indicators": ["/api/v1/indicators"],
        "/api/v1/search": [
            "/api/v1/search?q=secret",
            "/api/v1/search?q=secret&newest_first=true&limit=50",
            "/api/v1/search?q=annex&kind=paper&board=csp",
            "/api/v1/search?q=sub",
        ],
        "/api/v1/indicators/{indicator_id}/figures": [
            f"/api/v1/indicators/{s.indicator.pk}/figures",
            f"/api/v1/indicators/{s.indicator.pk}/figures?month=2018-01",
        ],
    }


def everything(client, s) -> dict[str, str]:
    answers = {}
    for urls in routes(s).values():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            answers[url] = response.content.decode()
    return answers


def test_every_operation_is_in_the_matrix(record):
    described = set(api.get_openapi_schema(path_prefix="/api/v1/")["paths"])
    assert described == set(routes(record))


@pytest.mark.parametrize("visitor", VISITORS)
def test_withheld_material_only_for_the_entitled(client, record, visitor):
    answers = everything(client_for(client, record, visitor), record)
    joined = "\n".join(answers.values())
    if visitor in ENTITLED:
        for secret in SERVED:
            assert secret in joined, secret
        assert "SECRET-MINUTES" in answers["/api/v1/agenda-items"]
        assert "SECRET-DECISION" in answers["/api/v1/decisions"]
        assert "CDSA cover report" in answers["/api/v1/papers"]
        assert SECRET_ACTION in answers["/api/v1/actions"]
    else:
        for url, text in answers.items():
            for secret in WITHHELD:
                assert secret not in text, (url, secret)
    # The withheld item's number, title and legal basis are public, as on the meeting page.
    detail = json.loads(answers[f"/api/v1/meetings/{record.meeting.pk}"])
    withheld = next(e for e in detail["agenda"] if e["title"] == "Strategic Assessment")
    assert withheld["withheld"] and withheld["redacted"] == (visitor not in ENTITLED)
    assert "Schedule 12A" in withheld["legal_basis"]


@pytest.mark.parametrize("visitor", VISITORS)
def test_drafts_and_unpublished_agendas(client, record, visitor):
    joined = "\n".join(everything(client_for(client, record, visitor), record).values())
    assert ("DRAFT-MINUTES" in joined) == (visitor in ENTITLED)
    assert ("DRAFT-ACTION-TEXT" in joined) == (visitor in ENTITLED)
    assert ("UNPUBLISHED-ITEM" in joined) == (visitor == "officer")
    assert ("Early paper" in joined) == (visitor == "officer")
    # The analysts' drafts are never served: the API shows the report as published.
    assert DRAFT_COMMENTARY not in joined
    assert PUBLISHED_COMMENTARY in joined


@pytest.mark.parametrize("visitor", VISITORS)
def test_paper_links_lead_to_the_checked_download(client, record, visitor):
    c = client_for(client, record, visitor)
    papers = json.loads(c.get("/api/v1/papers").content)["items"]
    for paper in papers:
        response = c.get(paper["download_url"])
        assert response.status_code == 200, paper["title"]
    titles = {paper["title"] for paper in papers}
    assert ("CDSA cover report" in titles) == (visitor in ENTITLED)
    assert "Performance pack" in titles


@pytest.mark.parametrize("visitor", VISITORS)
def test_errors_hold_nothing_withheld(client, record, visitor):
    c = client_for(client, record, visitor)
    for url in [
        "/api/v1/boards/nope",
        "/api/v1/people/nobody",
        "/api/v1/meetings/999999",
        "/api/v1/meetings/999999/ocd-event",
        "/api/v1/indicators/999999/figures",
        "/api/v1/papers?cursor=forged",
    ]:
        response = c.get(url)
        assert response.status_code == 404, url
        for secret in WITHHELD:
            assert secret not in response.content.decode(), (url, secret)


def test_a_subgroup_member_sees_nothing_of_the_parent_board(client, record):
    from cspboard.boards.tests.factories import MembershipFactory
    from cspboard.people.tests.factories import PersonFactory, UserFactory

    user = UserFactory()
    MembershipFactory(person=PersonFactory(user=user), board=record.subgroup)
    client.force_login(user)
    joined = "\n".join(everything(client, record).values())
    for secret in WITHHELD:
        assert secret not in joined, secret


@pytest.mark.parametrize("visitor", [*VISITORS, "admin"])
def test_decisions_follow_minutes_visible_to(record, visitor):
    """The API's decisions list joins `minutes_visible_to`'s filters for speed: the same rows."""
    from cspboard.api.selectors import decisions
    from cspboard.boards.access import access_for
    from cspboard.meetings.models import AgendaItem, Decision
    from cspboard.meetings.services import decision_add
    from cspboard.people.tests.factories import UserFactory

    decision_add(item=record.draft.items.get(), text="DRAFT-DECISION")
    decision_add(item=record.restricted_sub, text="SECRET-SUB-DECISION")
    users = {"anonymous": None, "admin": UserFactory(is_superuser=True)}
    user = users[visitor] if visitor in users else getattr(record, visitor)
    access = access_for(user)
    expected = Decision.objects.filter(item__in=AgendaItem.objects.minutes_visible_to(access))
    assert set(decisions(access)) == set(expected)
    assert expected.exists()
