"""The plans' leak matrix: a word planted in a draft plan, a draft version's action, a withheld
action and its update, and a withheld place and log action linked to a public action, is found
by the board's members and officers only (the board page's section by its officers only, as its
cached body is kept per audience), on every page plans add, in the plan progress paper of each
pack, and never by the public or a member of another board."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cspboard.actions.services import action_create
from cspboard.meetings.services import agenda_item_add
from cspboard.packs.tests.helpers import page_texts
from cspboard.places.models import Place
from cspboard.plans import pack, services

WORD = "plumbline"
VISITORS = ["anonymous", "outsider", "member", "officer"]
ENTITLED = {"member", "officer"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def planted(scenario):
    s = scenario
    plan = services.plan_create(board=s.board, title="Community Safety Plan", label="2017/18")
    s.published = plan.versions.get()
    s.open_action = services.plan_action_add(
        version=s.published, reference="P1", description="Public action"
    )
    s.held_action = services.plan_action_add(
        version=s.published,
        reference="P2",
        description=f"The {WORD} operation",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
    )
    services.plan_action_update_post(
        action=s.held_action,
        text=f"Update on {WORD}",
        status="in_progress",
        on=datetime.date(2018, 3, 1),
    )
    services.plan_version_publish(
        version=s.published,
        at=timezone.make_aware(datetime.datetime(2018, 3, 1, 12)),
    )
    s.draft = services.plan_version_refresh(version=s.published, label="2018/19")
    s.draft_action = services.plan_action_add(
        version=s.draft, reference="P3", description=f"Draft {WORD} idea"
    )
    s.draft_plan = services.plan_create(
        board=s.board, title=f"The {WORD} strategy", label="2018/19", slug="draft-strategy"
    )
    # Linked to the public action: a withheld place and an action raised under a withheld item.
    secret_place = Place.objects.create(
        board=s.board,
        name=f"The {WORD} yard",
        slug="yard",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
    )
    secret_log_action = action_create(
        board=s.board, meeting=s.meeting, item=s.restricted_item, text=f"Visit the {WORD} yard"
    )
    services.plan_action_link(
        action=s.open_action, places=[secret_place], action_items=[secret_log_action]
    )
    s.item = agenda_item_add(
        meeting=s.meeting, number="7", title="Plan progress", role="plan_progress"
    )
    return s


def urls(s) -> dict[str, set[str]]:
    """Each page plans add, and who may find the word on it."""
    plan = s.published.plan
    return {
        reverse("plans:plan_list", args=[s.board.slug]): ENTITLED,
        plan.get_absolute_url(): ENTITLED,
        s.published.get_absolute_url(): ENTITLED,
        s.draft.get_absolute_url(): ENTITLED,
        s.draft_plan.get_absolute_url(): ENTITLED,
        s.held_action.get_absolute_url(): ENTITLED,
        s.draft_action.get_absolute_url(): ENTITLED,
        s.open_action.get_absolute_url(): ENTITLED,
        reverse("plans:version_export", args=[s.board.slug, plan.slug, s.published.slug]): ENTITLED,
        reverse("plans:version_export", args=[s.board.slug, plan.slug, s.draft.slug]): ENTITLED,
        # The officers' forms offer the board's places and log actions to link, withheld too.
        reverse("plans:action_add", args=[s.board.slug, plan.slug, s.draft.slug]): {"officer"},
        reverse(
            "plans:action_edit", args=[s.board.slug, plan.slug, s.draft.slug, s.draft_action.pk]
        ): {"officer"},
        reverse("plans:version_refresh", args=[s.board.slug, plan.slug, s.draft.slug]): set(),
        s.board.get_absolute_url(): {"officer"},
        reverse("plans:plan_list", args=[s.subgroup.slug]): set(),
    }


def login(client, s, visitor):
    client.logout()
    if visitor != "anonymous":
        client.force_login(getattr(s, visitor))


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_page(client, planted, visitor):
    login(client, planted, visitor)
    for url, entitled in urls(planted).items():
        response = client.get(url)
        body = response.content.decode() if response.status_code == 200 else ""
        if visitor in entitled:
            assert WORD in body, (visitor, url)
        else:
            assert WORD not in body, (visitor, url)


@pytest.mark.parametrize("visitor", ["anonymous", "outsider", "member"])
def test_officers_forms_are_404_to_everyone_else(client, planted, visitor):
    s = planted
    login(client, s, visitor)
    plan = s.published.plan
    for url in (
        reverse("plans:action_add", args=[s.board.slug, plan.slug, s.draft.slug]),
        reverse("plans:plan_create", args=[s.board.slug]),
        reverse("plans:plan_import", args=[s.board.slug, plan.slug]),
        reverse("plans:version_refresh", args=[s.board.slug, plan.slug, s.draft.slug]),
        reverse("plans:priority_add", args=[s.board.slug, plan.slug, s.draft.slug]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 404), url
    update = reverse(
        "plans:action_update", args=[s.board.slug, plan.slug, s.published.slug, s.held_action.pk]
    )
    response = client.post(update, {"status": "complete", "text": "x"})
    assert response.status_code in (302, 404)
    assert s.held_action.updates.count() == 1


def test_the_pack_papers(planted):
    public = "\n".join(
        "\n".join(page_texts(p.pdf)) for p in pack.item_papers(planted.item, members=False) if p.pdf
    )
    members = "\n".join(
        "\n".join(page_texts(p.pdf)) for p in pack.item_papers(planted.item, members=True)
    )
    assert "Public action" in public and WORD not in public
    assert WORD in members
