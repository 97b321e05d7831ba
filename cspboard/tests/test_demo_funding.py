"""The demo's funded services (cspboard/demo/data/funding.yaml), loaded through the services:
the seeds' LCPF, its CVS grant round of 2023/24 withheld as the seeds withheld it, and Box-Up's
detached outreach."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cspboard.boards.access import PUBLIC
from cspboard.boards.models import Board
from cspboard.demo.loader import load_demo
from cspboard.demo.tests.helpers import quick_pdf
from cspboard.funding.models import Award, FundingStream

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def demo():
    result = load_demo(today=D(2026, 1, 1), render_pdf=quick_pdf)
    assert result.counts["funding streams"] == 3
    assert result.counts["funding awards"] == 3
    return Board.objects.get(slug="csp")


def test_the_seeds_funding(demo):
    lcpf = FundingStream.objects.get(board=demo, short_name="LCPF")
    assert (lcpf.name, lcpf.funder) == ("London Crime Prevention Fund", "MOPAC")
    assert "£451,054" in lcpf.description
    cvs = Award.objects.get(service_name="LCPF CVS grants 2023/24")
    assert cvs.is_marked_withheld and cvs.schedule_12a_paragraph == 1
    assert cvs.provider is None and cvs.commissioning_lead.name == "Jade Hodgson"
    assert not cvs.amounts.exists()  # the seeds give no amount for the round
    outreach = Award.objects.get(service_name="Detached outreach on Ilford Lane")
    assert outreach.provider.name == "Box-Up"
    assert (outreach.starts_on, outreach.ends_on) == (D(2023, 7, 1), D(2024, 6, 30))
    assert "Redbridge" in outreach.commissioning_lead_text
    young = Award.objects.get(service_name="Keeping children and young people safe")
    assert [(a.financial_year, a.amount) for a in young.amounts.all()] == [(2017, Decimal(268000))]


def test_the_public_sees_what_is_not_withheld(client, demo):
    visible = set(Award.objects.visible_to(PUBLIC).values_list("service_name", flat=True))
    assert visible == {"Detached outreach on Ilford Lane", "Keeping children and young people safe"}
    page = client.get(reverse("funding:funded_services", args=["csp"])).content.decode()
    assert "Box-Up" in page and "CVS grants" not in page
    page = client.get(reverse("funding:funded_services", args=["csp"]) + "?year=2017")
    assert "£268,000" in page.content.decode()
