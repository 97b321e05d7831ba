import pytest

from cspboard.boards.tests.factories import BoardFactory
from cspboard.imports.moderngov import Attendee
from cspboard.imports.moderngov_people import AttendeeMatcher
from cspboard.imports.services import moderngov_import
from cspboard.imports.sources import FolderSource
from cspboard.meetings.models import Attendance
from cspboard.people.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    police = OrganisationFactory(name="Thames Valley Police", short_name="TVP")
    council = OrganisationFactory(name="Reading Borough Council", short_name="RBC")
    return {
        "police": police,
        "council": council,
        "sam_police": PersonFactory(name="Sam Jones", organisation=police),
        "sam_council": PersonFactory(name="Sam Jones", organisation=council),
        "ann": PersonFactory(name="Ann Officer", organisation=council),
    }


def attendee(name, role="Member", organisation=""):
    return Attendee(id="", name=name, role=role, attendance="Present", organisation=organisation)


def test_the_organisation_named_decides_between_people_of_one_name(register):
    matcher = AttendeeMatcher()
    match = matcher.match(attendee("Sam Jones", organisation="Thames Valley Police"))
    assert (match.person, match.organisation) == (register["sam_police"], register["police"])
    assert (
        matcher.match(attendee("Sam Jones", organisation="RBC")).person == register["sam_council"]
    )
    # No organisation, or one that is neither's: nobody is guessed.
    assert matcher.match(attendee("Sam Jones")).person is None
    assert matcher.match(attendee("Sam Jones", organisation="Fire Service")).person is None


@pytest.mark.parametrize(
    ("role", "organisation"),
    [
        ("Representative of the Thames Valley Police", "police"),
        ("Partner member (TVP)", "police"),
        ("Chief Executive, Reading Borough Council", "council"),
        ("Committee Member", None),
        ("Police and Crime Commissioner", None),  # "police" alone is no organisation
    ],
)
def test_an_organisation_within_the_role(register, role, organisation):
    found = AttendeeMatcher().organisation("", role)
    assert found == (register[organisation] if organisation else None)


def test_the_register_is_left_as_it_is_when_it_disagrees(register):
    match = AttendeeMatcher().match(attendee("Ann Officer", organisation="Thames Valley Police"))
    assert match.person == register["ann"]
    assert match.register_organisation == register["council"]


def test_the_import_matches_attendees_through_their_organisation(saved, register):
    board = BoardFactory(slug="csp", name="Community Safety Partnership Board")
    path = saved / "GetMeeting-7001.xml"
    data = path.read_bytes()
    data = data.replace(b'name="Joe Unknown"', b'name="Sam Jones"')
    data = data.replace(
        b'name="Ann Officer" roledescription="Officer"',
        b'name="Ann Officer" roledescription="Officer" representing="Thames Valley Police"',
    )
    path.write_bytes(data)

    report = moderngov_import(source=FolderSource(saved), board=board)

    assert Attendance.objects.filter(person=register["sam_police"]).exists()
    # What the source says they came as is kept with the meeting's attendance.
    ann = Attendance.objects.get(person=register["ann"])
    assert (ann.role, ann.organisation.name) == ("Officer", "Thames Valley Police")
    chair = Attendance.objects.get(name="Councillor Sade Bright")
    assert (chair.role, chair.organisation, chair.organisation_name) == ("Chair", None, "")
    assert not Attendance.objects.filter(person=register["sam_council"]).exists()
    assert (
        '28/03/2018: "Ann Officer" represents Thames Valley Police at the source, but the '
        "register has them at Reading Borough Council; the register was left as it is."
        in report.notes
    )
    assert (
        '28/03/2018: "Councillor Sade Bright" (Chair) matches no one person in the register; '
        "recorded by name." in report.notes
    )
