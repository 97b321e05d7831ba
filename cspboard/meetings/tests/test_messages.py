"""What the officer and the chair are told after each step: only who was actually e-mailed,
and by name who could not be (no e-mail address)."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail

from cspboard.boards.choices import Role
from cspboard.boards.tests.factories import MembershipFactory
from cspboard.meetings import services
from cspboard.meetings.models import Meeting
from cspboard.meetings.notifications import Recipients
from cspboard.people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

UNPUBLISHED = "/boards/csp/meetings/2030-09-25/"
DRAFT = "/boards/csp/meetings/2018-06-27/"


def told(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return [str(m) for m in get_messages(response.wsgi_request)][-1]  # this request's


@pytest.fixture
def mailable(scenario):
    """Two members with addresses; the scenario's "Member" and "Officer" have none."""
    for name in ("Ann Able", "Ben Baker"):
        person = PersonFactory(name=name, email=f"{name.split()[0].lower()}@example.org")
        MembershipFactory(board=scenario.board, person=person)
    return scenario


@pytest.fixture
def officer(client, scenario):
    client.force_login(scenario.officer)
    return client


@pytest.fixture
def chair_user(scenario):
    user = UserFactory(username="chair")
    scenario.chair.user = user
    scenario.chair.save()
    MembershipFactory(person=scenario.chair, board=scenario.board, role=Role.CHAIR)
    return user


# The wording ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "recipients, expected",
    [
        (
            Recipients("members", ("a@x", "b@x"), ("A", "B"), ()),
            "An e-mail to 2 members is queued to send.",
        ),
        (
            Recipients("members", ("a@x",), ("A",), ("C. Person", "D. Person", "E. Person")),
            "An e-mail to 1 member is queued to send; could not tell C. Person, D. "
            "Person and E. Person "
            "(no e-mail address).",
        ),
        (
            Recipients("members", (), (), ("C. Person", "D. Person")),
            "No one will be e-mailed: no member has an e-mail address (C. Person and D. Person).",
        ),
        (
            Recipients("members", (), (), ()),
            "No one will be e-mailed: the board has no members on the meeting's date.",
        ),
        (
            Recipients("chair", ("f@x",), ("Fiona Chair",), ()),
            "An e-mail to the chair, Fiona Chair, is queued to send.",
        ),
        (
            Recipients("chair", (), (), ("Fiona Chair",)),
            "No one will be e-mailed: the chair, Fiona Chair, has no e-mail address. "
            "Tell them yourself.",
        ),
        (Recipients("chair", (), (), ()), "No one will be e-mailed: the meeting has no chair."),
        (
            Recipients("officers", ("o@x", "p@x"), ("O", "P"), ("Q",)),
            "An e-mail to the officers, O and P, is queued to send; could not tell "
            "Q (no e-mail address).",
        ),
    ],
)
def test_the_summary_says_who_was_and_was_not_told(recipients, expected):
    assert recipients.summary() == expected


# Each step ----------------------------------------------------------------------------------------


def test_publishing_the_agenda_names_members_without_an_address(
    officer, mailable, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(UNPUBLISHED + "agenda/publish/")
    assert told(response) == (
        "The agenda is published. An e-mail to 2 members is queued to send; "
        "could not tell Member and Officer "
        "(no e-mail address)."
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.org", "ben@example.org"]


def test_publishing_the_page_says_beforehand_who_cannot_be_told(officer, mailable):
    html = officer.get(UNPUBLISHED + "agenda/publish/").content.decode()
    assert "Member and Officer have no e-mail address" in html


def test_when_no_member_has_an_address_no_one_is_said_to_be_told(
    officer, scenario, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(UNPUBLISHED + "agenda/publish/")
    message = told(response)
    assert message == (
        "The agenda is published. No one will be e-mailed: no member has an e-mail address "
        "(Member and Officer)."
    )
    assert "e-mailed" not in message.replace("No one will be e-mailed", "")
    assert mail.outbox == []


def test_telling_members_of_changes_counts_the_items_and_the_people(
    officer, mailable, django_capture_on_commit_callbacks
):
    services.agenda_publish(meeting=mailable.unpublished)
    services.agenda_item_add(meeting=mailable.unpublished, title="Late paper")
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(UNPUBLISHED + "agenda/notify/")
    assert told(response) == (
        "An e-mail to 2 members about 1 changed item is queued to send; could "
        "not tell Member and Officer "
        "(no e-mail address)."
    )
    assert len(mail.outbox) == 2


def test_cancelling_says_who_was_told(officer, mailable, django_capture_on_commit_callbacks):
    html = officer.get(UNPUBLISHED + "cancel/").content.decode()
    assert "Member and Officer have no e-mail address" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(UNPUBLISHED + "cancel/", {"reason": "Not quorate"})
    assert told(response) == (
        "The meeting is cancelled. It stays in the record. An e-mail to 2 "
        "members is queued to send; could not tell "
        "Member and Officer (no e-mail address)."
    )
    assert len(mail.outbox) == 2


def test_moving_a_published_meeting_says_who_was_told(officer, mailable):
    services.agenda_publish(meeting=mailable.unpublished)
    response = officer.post(
        UNPUBLISHED + "edit/",
        {"date": "25/09/2030", "start_time": "14:00", "end_time": "16:00", "venue": "Town Hall"},
    )
    assert told(response) == (
        "Meeting details saved. An e-mail to 2 members about the change is "
        "queued to send; could not tell Member and "
        "Officer (no e-mail address)."
    )


def test_saving_an_unpublished_meeting_claims_no_e_mail(officer, mailable):
    response = officer.post(
        UNPUBLISHED + "edit/",
        {"date": "25/09/2030", "start_time": "14:00", "end_time": "16:00", "venue": "Town Hall"},
    )
    assert told(response) == "Meeting details saved."


@pytest.mark.parametrize(
    "chair_email, expected",
    [
        (None, "No one will be e-mailed: the meeting has no chair."),
        ("", "No one will be e-mailed: the chair, Fiona Chair, has no e-mail address. Tell them"),
        ("fiona@example.org", "An e-mail to the chair, Fiona Chair, is queued to send."),
    ],
)
def test_sending_to_the_chair_says_whether_the_chair_was_told(
    officer, scenario, chair_email, expected, django_capture_on_commit_callbacks
):
    if chair_email is not None:
        scenario.chair.email = chair_email
        scenario.chair.save()
        Meeting.objects.filter(pk=scenario.draft.pk).update(chair=scenario.chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(DRAFT + "minutes/", {"action": "send"})
    message = told(response)
    assert message.startswith("The minutes are with the chair for approval. " + expected)
    assert len(mail.outbox) == (1 if chair_email else 0)


def test_the_chairs_answer_says_which_officers_were_told(
    client, scenario, chair_user, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=scenario.draft.pk).update(status="minutes_with_chair")
    client.force_login(chair_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DRAFT + "minutes/review/", {"decision": "approve"})
    assert told(response) == (
        "You approved the minutes. No one will be e-mailed: no officer has an "
        "e-mail address (Officer)."
    )
    assert mail.outbox == []

    Meeting.objects.filter(pk=scenario.draft.pk).update(status="minutes_with_chair")
    person = scenario.officer.person
    person.email = "officer@example.org"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            DRAFT + "minutes/review/", {"decision": "return", "comments": "Item 1 is wrong"}
        )
    assert told(response) == (
        "You returned the minutes with your comments. An e-mail to the "
        "officer, Officer, is queued to send."
    )
    assert [m.to for m in mail.outbox] == [["officer@example.org"]]


def test_an_officer_recording_the_answer_is_told_they_recorded_it(officer, scenario):
    Meeting.objects.filter(pk=scenario.draft.pk).update(status="minutes_with_chair")
    page = officer.get(DRAFT + "minutes/review/").content.decode()
    assert "recording the chair’s answer on their behalf" in page
    response = officer.post(DRAFT + "minutes/review/", {"decision": "approve"})
    assert told(response).startswith("You recorded the chair's approval of the minutes. ")


def test_publishing_the_minutes_says_who_was_told(
    officer, mailable, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=mailable.draft.pk).update(status="minutes_approved")
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(DRAFT + "minutes/", {"action": "publish"})
    assert told(response) == (
        "The minutes are published. An e-mail to 2 members is queued to send; "
        "could not tell Member and Officer "
        "(no e-mail address)."
    )
    assert len(mail.outbox) == 2


def test_a_member_with_only_an_account_address_is_told(officer, scenario):
    """The address may be on the person or on their account: both count."""
    scenario.member.email = "member@example.org"
    scenario.member.save()
    response = officer.post(UNPUBLISHED + "agenda/publish/")
    assert (
        "An e-mail to 1 member is queued to send; could not tell Officer (no e-mail address)."
    ) in told(response)


def test_no_page_claims_an_e_mail_it_did_not_queue(officer, scenario):
    """The old wordings are gone from every step."""
    messages = [told(officer.post(UNPUBLISHED + "agenda/publish/"))]
    messages.append(told(officer.post(DRAFT + "minutes/", {"action": "send"})))
    for message in messages:
        for claim in ("have been e-mailed", "has been told", "have been told", "been sent"):
            assert claim not in message
