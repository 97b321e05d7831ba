import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspboard.boards.choices import Role
from cspboard.boards.models import Membership, SharingAgreement
from cspboard.boards.services import membership_add, membership_end, sharing_agreement_set
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.people.models import Person
from cspboard.people.tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
MEMBERS = "/boards/csp/members/"


@pytest.fixture
def officer_client(client, scenario):
    person = scenario.officer.person
    person.name = "Olive Officer"  # the history names who made a change by their name
    person.save()
    client.force_login(scenario.officer)
    return client


def html(response) -> str:
    return response.content.decode()


def error_summary(response) -> str:
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html(response), re.S)
    assert match, "no error summary"
    return match.group(0)


def input_tag(response, name) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html(response))
    assert match, f"no input {name}"
    return match.group(0)


# The members page -------------------------------------------------------------------------------


def test_members_page_lists_current_upcoming_and_past_members_with_log_ins(
    officer_client, scenario
):
    board = scenario.board
    police = OrganisationFactory(name="Metropolitan Police Service", slug="met")
    past = PersonFactory(name="Paula Past")
    membership_add(person=past, board=board, start=D(2015, 1, 1), end=D(2017, 12, 31))
    future = PersonFactory(name="Fred Future", organisation=police)
    membership_add(person=future, board=board, start=datetime.date.today() + datetime.timedelta(30))
    invited = PersonFactory(name="Ivy Invited", email="ivy@example.org")
    membership_add(person=invited, board=board, start=D(2020, 1, 1))
    emailed = PersonFactory(name="Ed Emailed", email="ed@example.org")
    membership_add(person=emailed, board=board, start=D(2020, 1, 1))
    user = UserFactory(username="ivy@example.org")
    user.set_unusable_password()
    user.save()
    invited.user = user
    invited.save()
    sharing_agreement_set(board=board, organisation=police, status="sent", sent_on=D(2018, 1, 5))

    page = html(officer_client.get(MEMBERS))
    current = page[page.index("Current members") : page.index("Starting later")]
    for text in ["Member", "Officer", "Ivy Invited", "Invited, no password yet", "Ed Emailed"]:
        assert text in current, text
    assert "Send the invitation again" in current
    assert "Create log-in and send invitation" in current
    assert "Has a log-in" in current  # the scenario's officer and member sign in with passwords
    assert "Fred Future" in page[page.index("Starting later") : page.index("Information sharing")]
    assert "Paula Past" in page[page.index("Past members") :]
    assert "Paula Past" not in current
    agreements = page[page.index("Information sharing agreements") : page.index("Past members")]
    assert "Metropolitan Police Service" in agreements and "5 Jan 2018" in agreements
    assert "Fred Future" in agreements  # the organisation's members are named
    assert "have not signed and returned it yet" in agreements


def test_members_page_queries_do_not_grow_with_members(officer_client, scenario):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert officer_client.get(MEMBERS).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(6):
        organisation = OrganisationFactory()
        user = UserFactory()
        person = PersonFactory(email=f"p{n}@example.org", user=user, organisation=organisation)
        membership_add(person=person, board=scenario.board, start=D(2020, 1, 1))
        membership_add(
            person=PersonFactory(), board=scenario.board, start=D(2010, 1, 1), end=D(2012, 1, 1)
        )
        sharing_agreement_set(board=scenario.board, organisation=organisation, status="sent")
    assert count() == before


def test_history_page_queries_do_not_grow_with_changes(officer_client, scenario):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert officer_client.get(MEMBERS + "history/").status_code == 200
        return len(ctx.captured_queries)

    sharing_agreement_set(board=scenario.board, organisation=OrganisationFactory(), status="sent")
    before = count()
    for _ in range(5):
        membership = membership_add(
            person=PersonFactory(), board=scenario.board, start=D(2020, 1, 1), by=scenario.officer
        )
        membership_end(membership=membership, end=D(2021, 1, 1), by=scenario.officer)
        sharing_agreement_set(
            board=scenario.board,
            organisation=OrganisationFactory(),
            status="sent",
            by=scenario.officer,
        )
    assert count() == before


# Adding a member --------------------------------------------------------------------------------


def test_add_an_existing_person(officer_client, scenario):
    person = PersonFactory(name="Jane Scotchbrook")
    response = officer_client.post(
        MEMBERS + "add/", {"person": person.pk, "role": Role.DEPUTY_CHAIR, "start": "01/04/2024"}
    )
    assert response.status_code == 302 and response["Location"] == MEMBERS
    membership = Membership.objects.get(person=person)
    assert (membership.role, membership.start) == (Role.DEPUTY_CHAIR, D(2024, 4, 1))
    assert membership.history.get().history_user == scenario.officer
    follow = officer_client.get(MEMBERS)
    assert "Jane Scotchbrook added as deputy chair from 1 April 2024" in html(follow)


def test_add_a_new_person(officer_client, scenario):
    fire = OrganisationFactory(name="London Fire Brigade")
    response = officer_client.post(
        MEMBERS + "add/",
        {
            "name": "Nia Newcomer",
            "post_title": "Borough Commander",
            "organisation": fire.pk,
            "email": "nia@example.org",
            "role": Role.MEMBER,
            "start": "2024-05-01",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Nia Newcomer")
    assert (person.post_title, person.organisation, person.email) == (
        "Borough Commander",
        fire,
        "nia@example.org",
    )
    assert person.memberships.get().start == D(2024, 5, 1)


@pytest.mark.parametrize(
    "start, message",
    [
        ("31/02/2024", "The date the membership starts must be a real date"),
        ("next tuesday", "The date the membership starts must be a real date"),
        ("", "Enter the date the membership starts"),
    ],
)
def test_add_member_with_a_bad_date_shows_the_error_summary_and_keeps_the_input(
    officer_client, scenario, start, message
):
    before = Membership.objects.count()
    response = officer_client.post(
        MEMBERS + "add/",
        {"name": "Nia Newcomer", "email": "nia@example.org", "role": "member", "start": start},
    )
    assert response.status_code == 400
    assert message in error_summary(response)
    assert '<a href="#id_start">' in error_summary(response)
    assert html(response).count(message) == 2  # in the summary and beside the field
    assert f'value="{start}"' in input_tag(response, "start") or not start
    assert 'value="Nia Newcomer"' in input_tag(response, "name")
    assert "govuk-input--error" in input_tag(response, "start")
    assert 'aria-describedby="id_start_helptext id_start-error"' in input_tag(response, "start")
    assert "<title>Error: " in html(response)
    assert (
        Membership.objects.count() == before
        and not Person.objects.filter(name="Nia Newcomer").exists()
    )


def test_add_member_needs_one_person(officer_client, scenario):
    response = officer_client.post(MEMBERS + "add/", {"role": "member", "start": "01/01/2024"})
    assert "Choose a person, or enter a new person&#x27;s full name" in error_summary(response)
    person = PersonFactory()
    response = officer_client.post(
        MEMBERS + "add/",
        {"person": person.pk, "name": "Someone Else", "role": "member", "start": "01/01/2024"},
    )
    assert "Leave the new person&#x27;s name empty" in error_summary(response)


def test_add_member_twice_shows_the_service_error_beside_the_person(officer_client, scenario):
    person = PersonFactory(name="Dee Duplicate")
    membership_add(person=person, board=scenario.board, start=D(2020, 1, 1))
    response = officer_client.post(
        MEMBERS + "add/", {"person": person.pk, "role": "member", "start": "01/01/2024"}
    )
    assert response.status_code == 400
    assert "already holds that role on this board then" in error_summary(response)
    assert '<a href="#id_person">' in error_summary(response)
    assert "govuk-select--error" in html(response)


# Ending a membership ----------------------------------------------------------------------------


def test_end_a_membership(officer_client, scenario):
    membership = membership_add(person=PersonFactory(), board=scenario.board, start=D(2020, 1, 1))
    url = f"{MEMBERS}{membership.pk}/end/"
    response = officer_client.post(url, {"end": "31/03/2024"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end == D(2024, 3, 31)


@pytest.mark.parametrize(
    "end, message",
    [
        (
            "31/12/2019",
            "The end date must be on or after the day the membership started, 1 January 2020",
        ),
        ("32/01/2024", "The last day of the membership must be a real date"),
        ("", "Enter the last day of the membership"),
    ],
)
def test_end_before_start_or_impossible_date_is_refused(officer_client, scenario, end, message):
    membership = membership_add(person=PersonFactory(), board=scenario.board, start=D(2020, 1, 1))
    response = officer_client.post(f"{MEMBERS}{membership.pk}/end/", {"end": end})
    assert response.status_code == 400
    assert message in error_summary(response)
    assert f'value="{end}"' in input_tag(response, "end") or not end
    assert "govuk-input--error" in input_tag(response, "end")
    membership.refresh_from_db()
    assert membership.end is None


# Handing over the chair -------------------------------------------------------------------------


def test_hand_over_the_chair(officer_client, scenario):
    anne = PersonFactory(name="Anne Bristow")
    fiona = PersonFactory(name="Fiona Taylor")
    membership_add(person=anne, board=scenario.board, role=Role.CHAIR, start=D(2015, 1, 1))
    page = html(officer_client.get(MEMBERS + "chair/"))
    assert "Anne Bristow is the chair today" in page
    response = officer_client.post(
        MEMBERS + "chair/", {"new_chair": fiona.pk, "from_date": "01/01/2018", "outgoing": "stays"}
    )
    assert response.status_code == 302
    assert Membership.objects.get(person=anne, role=Role.CHAIR).end == D(2017, 12, 31)
    assert Membership.objects.get(person=anne, role=Role.MEMBER).start == D(2018, 1, 1)
    assert Membership.objects.get(person=fiona, role=Role.CHAIR).start == D(2018, 1, 1)
    assert "Fiona Taylor chairs the board from 1 January 2018" in html(officer_client.get(MEMBERS))


def test_hand_over_refusal_shows_beside_the_date(officer_client, scenario):
    anne = PersonFactory(name="Anne Bristow")
    membership_add(person=anne, board=scenario.board, role=Role.CHAIR, start=D(2018, 1, 1))
    response = officer_client.post(
        MEMBERS + "chair/",
        {"new_chair": PersonFactory().pk, "from_date": "01/01/2018", "outgoing": "leaves"},
    )
    assert response.status_code == 400
    assert '<a href="#id_from_date">' in error_summary(response)
    assert "hand over the chair from a later date" in error_summary(response)
    assert 'value="01/01/2018"' in input_tag(response, "from_date")


# Information sharing agreements -----------------------------------------------------------------


def test_set_an_agreement(officer_client, scenario):
    org = scenario.officer.person.organisation
    url = f"/boards/csp/sharing-agreements/{org.slug}/"
    response = officer_client.post(
        url,
        {
            "status": "returned",
            "sent_on": "05/01/2018",
            "signed_on": "01/02/2018",
            "returned_on": "03/02/2018",
        },
    )
    assert response.status_code == 302
    agreement = SharingAgreement.objects.get(board=scenario.board, organisation=org)
    assert (agreement.status, agreement.returned_on) == ("returned", D(2018, 2, 3))
    # The form opens with what is recorded.
    assert 'value="05/01/2018"' in input_tag(officer_client.get(url), "sent_on")


def test_agreement_signed_before_sent_is_refused(officer_client, scenario):
    org = scenario.officer.person.organisation
    response = officer_client.post(
        f"/boards/csp/sharing-agreements/{org.slug}/",
        {"status": "signed", "sent_on": "05/01/2018", "signed_on": "01/01/2018"},
    )
    assert response.status_code == 400
    summary = error_summary(response)
    assert "The date it was signed must be on or after the date it was sent" in summary
    assert '<a href="#id_signed_on">' in summary
    assert 'value="01/01/2018"' in input_tag(response, "signed_on")
    assert not SharingAgreement.objects.exists()


# The audit history ------------------------------------------------------------------------------


def test_history_shows_who_changed_what_and_when(officer_client, scenario):
    membership = MembershipFactory(
        person=PersonFactory(name="Hana History"), board=scenario.board, start=D(2020, 1, 1)
    )
    officer_client.post(f"{MEMBERS}{membership.pk}/end/", {"end": "31/03/2024"})
    org = scenario.officer.person.organisation
    officer_client.post(
        f"/boards/csp/sharing-agreements/{org.slug}/", {"status": "sent", "sent_on": "05/01/2018"}
    )
    page = html(officer_client.get(MEMBERS + "history/"))
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S)
    text = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]
    assert any(
        "Olive Officer" in row
        and "Changed: Hana History: member" in row
        and "End: (blank) → 31 March 2024" in row
        for row in text
    ), text
    assert any(
        "Olive Officer" in row
        and "information sharing agreement" in row
        and "Sent: 5 January 2018" in row
        for row in text
    ), text
    # Memberships made by a factory (as by an import) say the user is not recorded.
    assert any("Added: Hana History: member" in row and "Not recorded" in row for row in text)
