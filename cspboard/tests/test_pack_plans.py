"""The plan progress report (plans) in the built agenda pack (packs), through the pack's
registered providers (cspboard.meetings.contributions)."""

import datetime

import pytest
from django.utils import timezone

from cspboard.meetings.services import agenda_item_add
from cspboard.packs.builder import build_pack
from cspboard.packs.tests.helpers import page_texts
from cspboard.people.tests.factories import OrganisationFactory
from cspboard.plans import pack, services

pytestmark = pytest.mark.django_db


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def progress(scenario):
    """The published meeting (agenda published 20 March 2018) with a plan-progress item; a
    plan of the board published on 1 March 2018, an update before the agenda and one after."""
    s = scenario
    s.item = agenda_item_add(
        meeting=s.meeting, number="7", title="Plan progress", role="plan_progress"
    )
    plan = services.plan_create(
        board=s.subgroup, title="VAWG action plan", kind="other", label="2017/18"
    )
    version = plan.versions.get()
    s.open_action = services.plan_action_add(
        version=version,
        reference="V1",
        description="Bystander training in schools",
        lead_organisation=OrganisationFactory(name="LBBD"),
        due_on=datetime.date(2018, 6, 30),
    )
    s.held_action = services.plan_action_add(
        version=version,
        reference="V2",
        description="Tactical plan for the HELDWORD location",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=7,
    )
    services.plan_version_publish(version=version, at=at(datetime.date(2018, 3, 1)))
    services.plan_action_update_post(
        action=s.open_action,
        text="READ-OUT update",
        status="in_progress",
        on=datetime.date(2018, 3, 10),
    )
    services.plan_action_update_post(
        action=s.open_action, text="LATER update", status="complete", on=datetime.date(2018, 3, 25)
    )
    services.plan_action_update_post(
        action=s.held_action, text="HELDUPDATE", status="in_progress", on=datetime.date(2018, 3, 5)
    )
    return s


def test_papers_as_at_the_agenda_publication(progress):
    s = progress
    public = pack.item_papers(s.item, members=False)
    members = pack.item_papers(s.item, members=True)
    assert [p.title for p in public] == [pack.TITLE, pack.RESTRICTED_TITLE]
    assert public[1].withheld and public[1].pdf == b""
    assert "paragraph 7" in public[1].legal_basis
    open_text = "\n".join(page_texts(public[0].pdf))
    assert "Bystander training" in open_text and "READ-OUT update" in open_text
    assert "LATER update" not in open_text  # dated after the agenda went out
    assert "In progress" in open_text
    assert "HELDWORD" not in open_text and "HELDUPDATE" not in open_text
    assert [p.title for p in members] == [pack.TITLE, pack.RESTRICTED_TITLE]
    held_text = "\n".join(page_texts(members[1].pdf))
    assert members[1].withheld and "HELDWORD" in held_text and "HELDUPDATE" in held_text


def test_other_items_have_no_plan_paper(progress, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert pack.item_papers(progress.public_item, members=True) == []


def test_the_built_packs(progress, settings):
    settings.CSPBOARD_PACK_PROVIDERS = ("cspboard.plans.pack.item_papers",)
    members = "\n".join(page_texts(build_pack(progress.meeting, members=True)))
    public = "\n".join(page_texts(build_pack(progress.meeting, members=False)))
    assert "READ-OUT update" in public and "READ-OUT update" in members
    assert "HELDWORD" in members and "HELDWORD" not in public
    assert "Document is Restricted" in public


def test_a_status_changed_after_the_agenda_is_read_from_the_history(progress):
    """An action with no update by the agenda's publication, its status changed later by an
    edit, is reported with its status as it stood then."""
    import datetime as dt

    from cspboard.plans.models import PlanAction
    from cspboard.plans.selectors import progress_as_at

    s = progress
    action = services.plan_action_add(
        version=s.open_action.version, reference="V3", description="Safe havens"
    )
    PlanAction.history.filter(id=action.pk).update(
        history_date=timezone.make_aware(dt.datetime(2018, 3, 2, 9))
    )
    services.plan_action_edit(action=action, status="complete")
    PlanAction.history.filter(id=action.pk, status="complete").update(
        history_date=timezone.make_aware(dt.datetime(2018, 4, 2, 9))
    )
    (plan,) = progress_as_at(s.board, as_at=dt.date(2018, 3, 20), members=False)
    v3 = next(a for sec in plan.sections for a in sec.actions if a.reference == "V3")
    assert v3.status_then == "not_started" and v3.status_label == "Not started"
    (later,) = progress_as_at(s.board, as_at=dt.date(2018, 4, 20), members=False)
    v3 = next(a for sec in later.sections for a in sec.actions if a.reference == "V3")
    assert v3.status_then == "complete"
