"""The funded services' half of the one rule (cspboard.meetings.permissions): each award and
return, for each kind of viewer, gets the same answer from the database filter
(`award_visible_q`, `funding_return_visible_q`) as from its row-level twin."""

import itertools

import pytest

from cspboard.boards.access import PUBLIC, Access, access_for
from cspboard.funding.choices import AwardStatus, ReturnStatus
from cspboard.funding.models import Award, QuarterlyReturn
from cspboard.funding.tests.factories import (
    AwardFactory,
    FundingStreamFactory,
    QuarterlyReturnFactory,
)
from cspboard.meetings.permissions import (
    AWARD_PUBLIC_STATUSES,
    RETURN_PUBLIC_STATUSES,
    can_see_award,
    can_see_funding_return,
)

pytestmark = pytest.mark.django_db


def test_the_rule_names_the_funding_statuses_as_stored():
    from cspboard.funding.choices import PUBLIC_AWARD_STATUSES

    assert set(AWARD_PUBLIC_STATUSES) == set(PUBLIC_AWARD_STATUSES)
    assert set(RETURN_PUBLIC_STATUSES) == {ReturnStatus.ACCEPTED}


@pytest.fixture
def grid(scenario):
    s = scenario
    stream = FundingStreamFactory(board=s.board)
    sub_stream = FundingStreamFactory(board=s.subgroup)
    markings = [("UNRESTRICTED", None), ("RESTRICTED", 3), ("UNRESTRICTED", 1)]
    for st, status, (marking, paragraph) in itertools.product(
        (stream, sub_stream), AwardStatus.values, markings
    ):
        award = AwardFactory(
            stream=st, status=status, security_marking=marking, schedule_12a_paragraph=paragraph
        )
        for quarter, r_status in enumerate(ReturnStatus.values, start=1):
            QuarterlyReturnFactory(award=award, quarter=quarter, status=r_status)
    return s


def viewers(s):
    return {
        "public": PUBLIC,
        "outsider": access_for(s.outsider),
        "member": access_for(s.member),
        "officer": access_for(s.officer),
        "admin": Access(is_admin=True),
    }


def test_filter_and_twin_agree_for_every_viewer(grid):
    for name, access in viewers(grid).items():
        awards = Award.objects.select_related("stream")
        seen = set(Award.objects.visible_to(access).values_list("pk", flat=True))
        assert seen == {a.pk for a in awards if can_see_award(access, a)}, name
        returns = QuarterlyReturn.objects.select_related("award__stream")
        seen = set(QuarterlyReturn.objects.visible_to(access).values_list("pk", flat=True))
        assert seen == {r.pk for r in returns if can_see_funding_return(access, r)}, name


def test_what_each_viewer_sees(grid):
    v = viewers(grid)
    public = list(Award.objects.visible_to(v["public"]))
    assert public and all(
        a.status in AWARD_PUBLIC_STATUSES and not a.is_marked_withheld for a in public
    )
    assert len(public) == 2 * 2  # two boards, awarded and ended, unrestricted
    assert list(Award.objects.visible_to(v["outsider"])) == public
    # Members and officers of the board see all of it, its subgroup's too.
    assert Award.objects.visible_to(v["member"]).count() == 18
    assert Award.objects.visible_to(v["officer"]).count() == 18
    public_returns = QuarterlyReturn.objects.visible_to(v["public"])
    assert public_returns.count() == 4
    assert {r.status for r in public_returns} == {ReturnStatus.ACCEPTED}
