import datetime

import pytest

from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import BoardFactory, MembershipFactory
from cspboard.meetings.choices import ItemKind
from cspboard.meetings.services import agenda_item_add, meeting_create
from cspboard.people.tests.factories import PersonFactory, UserFactory

# Wednesday 26 March 2031: the agenda is due out on Tuesday 18 March (five clear working days),
# reports on Tuesday 11 March (five working days before that).
MEETING_DAY = datetime.date(2031, 3, 26)
PUBLICATION = datetime.date(2031, 3, 18)
DEADLINE = datetime.date(2031, 3, 11)
TODAY = datetime.date(2031, 2, 3)


@pytest.fixture
def coming(scenario):
    """The scenario, plus a coming meeting of its board with a paper item, a withheld paper
    item and a "subgroup updates" item; an author with an account and one without; the
    subgroup's chair with an account."""
    s = scenario
    s.coming = meeting_create(
        board=s.board,
        date=MEETING_DAY,
        start_time=datetime.time(10),
        end_time=datetime.time(13),
    )
    s.author = PersonFactory(
        name="Erik Stein", email="erik@example.org", post_title="Head of Participation"
    )
    s.author_user = UserFactory(username="author")
    s.author.user = s.author_user
    s.author.save()
    s.outside_author = PersonFactory(name="David Rhodes", email="david@example.org")
    s.paper = agenda_item_add(
        meeting=s.coming,
        title="Knife Crime Update",
        kind=ItemKind.PAPER,
        presenters=[s.author],
        minutes_allowed=15,
    )
    s.secret_paper = agenda_item_add(
        meeting=s.coming,
        title="SECRET-TITLE Domestic Homicide Review",
        kind=ItemKind.PAPER,
        security_marking="RESTRICTED",
        schedule_12a_paragraph=1,
    )
    s.updates_item = agenda_item_add(
        meeting=s.coming,
        title="Subgroup Update Reports",
        kind=ItemKind.PAPER,
        role="subgroup_updates",
    )
    s.second_subgroup = BoardFactory(slug="hate", name="Hate Crime Subgroup", parent=s.board)
    s.lead_user = UserFactory(username="lead")
    s.lead = PersonFactory(name="Angie Fuller", user=s.lead_user)
    MembershipFactory(person=s.lead, board=s.subgroup, role=Role.CHAIR)
    return s
