"""Funded services' pages: the provider's return by link (errors keep what was typed), the
officer's forms and review, and the query counts of the list and detail pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cspboard.core.models import OutgoingEmail
from cspboard.funding import links, services
from cspboard.funding.choices import ReturnStatus
from cspboard.funding.models import Award, QuarterlyReturn
from cspboard.funding.tests.factories import FundingStreamFactory, MeasureFactory
from cspboard.people.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(scenario):
    stream = FundingStreamFactory(board=scenario.board, name="London Crime Prevention Fund")
    award = services.award_create(
        stream=stream,
        provider=OrganisationFactory(name="Box-Up"),
        service_name="Detached outreach",
        status="awarded",
        contact_email="box@up.example",
    )
    services.award_amount_set(award=award, financial_year=2023, amount=Decimal(40000))
    MeasureFactory(award=award, name="Young people engaged", annual_target=Decimal(100))
    MeasureFactory(award=award, name="Referrals", quarterly_target=Decimal(10))
    return award


def test_the_provider_submits_by_link_and_keeps_what_was_typed_on_error(client, award):
    r = services.return_request(award=award, financial_year=2023, quarter=1)
    a, b = award.measures.all()
    url = links.return_link_path(r)
    page = client.get(url)
    assert page.status_code == 200 and "Young people engaged" in page.content.decode()
    data = {f"m{a.pk}": "twenty", f"m{b.pk}": "9", "spend": "10000", "progress": "Weekly sessions"}
    refused = client.post(url, data)
    body = refused.content.decode()
    assert refused.status_code == 400
    assert "as a number" in body and 'value="twenty"' in body and "Weekly sessions" in body
    assert QuarterlyReturn.objects.get().status == ReturnStatus.REQUESTED
    data[f"m{a.pk}"] = "24"
    sent = client.post(url, data, follow=True)
    assert "Return sent" in sent.content.decode()
    r.refresh_from_db()
    assert r.status == ReturnStatus.SUBMITTED and r.spend == Decimal(10000)


def test_the_officer_asks_reviews_and_sends_back(client, scenario, award):
    client.force_login(scenario.officer)
    url = reverse("funding:return_request", args=["csp", award.pk])
    response = client.post(url, {"financial_year": "2023", "quarter": "2", "due_on": ""})
    r = QuarterlyReturn.objects.get()
    assert response.status_code == 302 and response["Location"] == r.get_absolute_url()
    assert OutgoingEmail.objects.count() == 1
    services.return_submit(
        quarterly_return=r,
        figures={m.pk: "5" for m in award.measures.all()},
        spend="1",
        progress="Some",
    )
    refused = client.post(r.get_absolute_url(), {"decision": "return", "comment": ""})
    assert (
        refused.status_code == 400
        and "Say what the provider needs to change" in refused.content.decode()
    )
    client.post(r.get_absolute_url(), {"decision": "return", "comment": "Add the spend detail"})
    r.refresh_from_db()
    assert r.status == ReturnStatus.RETURNED
    page = client.get(links.return_link_path(r)).content.decode()
    assert "Add the spend detail" in page  # the link opens the return again, with the comment


def test_the_officer_adds_an_award_with_a_restricted_marking_needing_a_paragraph(
    client, scenario, award
):
    client.force_login(scenario.officer)
    url = reverse("funding:award_create", args=["csp"])
    data = {
        "stream": award.stream_id,
        "service_name": "Mentoring",
        "provider": award.provider_id,
        "status": "awarded",
        "security_marking": "RESTRICTED",
        "schedule_12a_paragraph": "",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Schedule 12A paragraph" in refused.content.decode()
    data["schedule_12a_paragraph"] = "3"
    assert client.post(url, data).status_code == 302
    assert Award.objects.get(service_name="Mentoring").is_marked_withheld


def _accepted(award, quarter, figure, spend):
    r = services.return_request(award=award, financial_year=2023, quarter=quarter)
    services.return_submit(
        quarterly_return=r,
        figures={m.pk: figure for m in award.measures.all()},
        spend=spend,
        progress="Done",
    )
    services.return_review(quarterly_return=r, accept=True, by=None)


def test_ratings_on_the_award_page(client, scenario, award):
    _accepted(award, 1, "25", "10000")
    _accepted(award, 2, "5", "10000")
    # 30 young people against 50 to date: red; 30 referrals against 20: green; spend on plan.
    page = client.get(award.get_absolute_url()).content.decode()
    assert page.count(">Red<") == 1 and page.count(">Green<") == 2


def test_query_counts_do_not_grow_with_awards(
    client, scenario, award, django_assert_max_num_queries
):
    client.force_login(scenario.officer)
    for n in range(6):
        other = services.award_create(
            stream=award.stream,
            provider=award.provider,
            service_name=f"Service {n}",
            status="awarded",
        )
        MeasureFactory(award=other)
        services.award_amount_set(award=other, financial_year=2023, amount=Decimal(1000))
        _accepted(other, 1, "3", "250")
    with django_assert_max_num_queries(20):
        assert client.get(reverse("funding:funding_board", args=["csp"])).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("funding:funded_services", args=["csp"])).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(award.get_absolute_url()).status_code == 200
