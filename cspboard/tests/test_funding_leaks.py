"""Funded services' leak matrix: a word planted in every restricted or draft thing the funding
app holds (a restricted award, a proposed award, a provider's narrative, a return not yet
accepted) is found by the board's members and officers only, on every funding page; the
provider's link shows its own return and nothing once altered; the pack's funding summary
carries restricted awards in the members' pack only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cspboard.funding import links, services
from cspboard.funding.tests.factories import FundingStreamFactory, MeasureFactory
from cspboard.people.tests.factories import OrganisationFactory

WORD = "quillfeather"
VISITORS = ["anonymous", "outsider", "member", "officer"]
ENTITLED = {"member", "officer"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded(scenario):
    s = scenario
    stream = FundingStreamFactory(board=s.board, name="London Crime Prevention Fund")
    provider = OrganisationFactory(name="Box-Up")
    s.open_award = services.award_create(
        stream=stream,
        provider=provider,
        service_name="Detached outreach",
        status="awarded",
        contact_email="box@up.example",
    )
    services.award_amount_set(award=s.open_award, financial_year=2023, amount=Decimal(12345))
    measure = MeasureFactory(award=s.open_award, name="Young people engaged")
    s.restricted_award = services.award_create(
        stream=stream,
        provider=provider,
        service_name=f"Restricted {WORD} grant",
        description=f"The {WORD} decision",
        status="awarded",
        security_marking="RESTRICTED",
        schedule_12a_paragraph=3,
    )
    services.award_amount_set(award=s.restricted_award, financial_year=2023, amount=Decimal(98765))
    s.proposed_award = services.award_create(
        stream=stream, provider=provider, service_name=f"Proposed {WORD} service"
    )
    # An accepted return: its figures are public, its narrative is not.
    s.accepted = services.return_request(award=s.open_award, financial_year=2023, quarter=1)
    services.return_submit(
        quarterly_return=s.accepted,
        figures={measure.pk: "271"},
        spend="3000",
        progress=f"Progress {WORD} narrative",
        case_study=f"Case {WORD} study",
    )
    services.return_review(quarterly_return=s.accepted, accept=True, by=s.officer)
    # A submitted return, not yet accepted: nothing of it is public.
    s.submitted = services.return_request(award=s.open_award, financial_year=2023, quarter=2)
    services.return_submit(
        quarterly_return=s.submitted,
        figures={measure.pk: "4747"},
        spend="6161",
        progress=f"Draft {WORD} progress",
    )
    s.restricted_return = services.return_request(
        award=s.restricted_award, financial_year=2023, quarter=1
    )
    return s


def login(client, s, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(s, visitor))


@pytest.mark.parametrize("visitor", VISITORS)
def test_funded_services_and_award_pages(client, funded, visitor):
    s = funded
    login(client, s, visitor)
    listing = client.get(reverse("funding:funded_services", args=["csp"]))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Detached outreach" in page and "£12,345" in page
    assert (WORD in page) == (visitor in ENTITLED)
    assert ("£98,765" in page) == (visitor in ENTITLED)
    assert "Proposed" not in page  # proposals are on the officers' page

    award = client.get(s.open_award.get_absolute_url()).content.decode()
    assert ">271</td>" in award  # the accepted figure is public
    assert (WORD in award) == (visitor in ENTITLED)  # the narrative is not
    assert ("4,747" in award) == (visitor in ENTITLED)  # nor an unaccepted return
    assert ("£6,161" in award) == (visitor in ENTITLED)

    for hidden in (s.restricted_award, s.proposed_award):
        response = client.get(hidden.get_absolute_url())
        if visitor in ENTITLED:
            assert response.status_code == 200 and WORD in response.content.decode()
        else:
            assert response.status_code == 404 and WORD not in response.content.decode()


@pytest.mark.parametrize("visitor", VISITORS)
def test_officers_pages(client, funded, visitor):
    s = funded
    login(client, s, visitor)
    urls = [
        reverse("funding:funding_board", args=["csp"]),
        s.submitted.get_absolute_url(),
        s.restricted_return.get_absolute_url(),
        reverse("funding:award_create", args=["csp"]),
        reverse("funding:stream_create", args=["csp"]),
        reverse("funding:return_request", args=["csp", s.restricted_award.pk]),
        reverse("funding:measure_add", args=["csp", s.restricted_award.pk]),
        reverse("funding:amount_set", args=["csp", s.restricted_award.pk]),
        reverse("funding:award_edit", args=["csp", s.restricted_award.pk]),
    ]
    for url in urls:
        response = client.get(url)
        body = response.content.decode()
        if visitor == "officer":
            assert response.status_code == 200, url
        elif visitor == "anonymous":
            assert response.status_code == 302 and WORD not in body, url
        else:
            assert response.status_code == 404 and WORD not in body, url
    if visitor == "officer":
        board = client.get(urls[0]).content.decode()
        assert WORD in board and "£98,765" in board


@pytest.mark.parametrize("visitor", VISITORS)
def test_the_board_page_links_by_audience(client, funded, visitor):
    login(client, funded, visitor)
    page = client.get(reverse("boards:board_detail", args=["csp"])).content.decode()
    assert reverse("funding:funded_services", args=["csp"]) in page
    assert (reverse("funding:funding_board", args=["csp"]) in page) == (visitor == "officer")
    assert WORD not in page


def test_the_link_opens_its_own_return_and_nothing_once_altered(client, funded):
    s = funded
    token = links.LINK.token(r=s.restricted_return.pk, a=s.restricted_award.pk)
    page = client.get(reverse("funding:return_link", args=[token]))
    assert page.status_code == 200 and WORD in page.content.decode()  # the provider's own
    assert page["Cache-Control"] == "private, no-store"
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (altered, "nonsense", links.LINK.token(r=s.restricted_return.pk, a=s.open_award.pk)):
        response = client.get(reverse("funding:return_link", args=[bad]))
        body = response.content.decode()
        assert response.status_code == 404 and "This link is not valid" in body
        assert WORD not in body and "Restricted" not in body
    # An accepted return's link no longer opens it.
    accepted = links.LINK.token(r=s.accepted.pk, a=s.open_award.pk)
    body = client.get(reverse("funding:return_link", args=[accepted])).content.decode()
    assert "This link is not valid" in body and WORD not in body


def test_an_expired_link_says_so(client, funded, settings, monkeypatch):
    s = funded
    token = links.return_link_path(s.restricted_return)
    settings.FUNDING_RETURN_LINK_DAYS = 0
    response = client.get(token)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert WORD not in response.content.decode()


def test_the_funding_summary_in_both_packs(funded):
    from cspboard.meetings.services import agenda_item_add
    from cspboard.packs.builder import build_pack
    from cspboard.packs.tests.helpers import page_texts

    s = funded
    # The meeting is in 2017/18: the summary is of that year, as at its publication.
    services.award_amount_set(award=s.restricted_award, financial_year=2017, amount=Decimal(55555))
    services.award_amount_set(award=s.open_award, financial_year=2017, amount=Decimal(24680))
    agenda_item_add(
        meeting=s.meeting, number="7", title="LCPF update", kind="paper", role="funding_summary"
    )
    public = "\n".join(page_texts(build_pack(s.meeting, members=False)))
    members = "\n".join(page_texts(build_pack(s.meeting, members=True)))
    assert "Funding summary" in public and "Detached outreach" in public
    assert "Funding summary 2017/18" in public and "as at 20 March 2018" in public
    assert "£24,680" in public
    assert WORD not in public and "55,555" not in public
    assert "Document is Restricted" in public
    assert WORD in members and "55,555" in members
    # Returns accepted after the agenda's publication are not in its summary.
    assert "To quarter" not in members
    for pack in (public, members):
        assert "narrative" not in pack and "Proposed" not in pack  # no narratives or proposals


@pytest.mark.parametrize("visitor", ["outsider", "member"])
def test_only_officers_review_or_ask(client, funded, visitor):
    s = funded
    login(client, s, visitor)
    review = client.post(s.submitted.get_absolute_url(), {"decision": "accept", "comment": ""})
    ask = client.post(
        reverse("funding:return_request", args=["csp", s.open_award.pk]),
        {"financial_year": "2023", "quarter": "3"},
    )
    assert review.status_code == 404 and ask.status_code == 404
    s.submitted.refresh_from_db()
    assert s.submitted.status == "submitted" and s.open_award.returns.count() == 2
