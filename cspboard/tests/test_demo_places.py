"""The demo's places of concern: the places the seeds name, pinned at police.uk's own points,
with the survey's, the walkabouts', the audit's and the police data's findings, and the
restricted item's partner intelligence withheld."""

import datetime
from dataclasses import dataclass

import pytest
from django.db.models import Count

from cspboard.boards.access import PUBLIC
from cspboard.demo.loader import load_demo
from cspboard.demo.tests.helpers import quick_pdf
from cspboard.performance.models import StreetCrime
from cspboard.places.models import Place, PlaceFinding

pytestmark = pytest.mark.django_db

POINTS = {
    "the-heathway": "On or near Dagenham Heathway",
    "chadwell-heath": "On or near Japan Road",
    "barking-town-centre": "On or near James Street",
    "barking-station-station-parade": "On or near Station Parade",
    "wakering-road": "On or near Wakering Road",
    "east-street-london-road": "On or near East Street",
    "dagenham-east": "On or near Dagenham East",
}


@dataclass
class Found:
    slug: str
    source: str
    reporter: str
    marking: str
    paragraph: int | None
    text: str
    public: bool


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Loaded once for the module, what the tests read taken out, then rolled back."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        result = load_demo(today=datetime.date(2023, 11, 1), render_pdf=quick_pdf)
        places = {p.slug: p for p in Place.objects.filter(board__slug="csp").select_related("area")}
        at_point = {
            slug: StreetCrime.objects.filter(
                location=location,
                latitude=float(places[slug].latitude),
                longitude=float(places[slug].longitude),
            ).exists()
            for slug, location in POINTS.items()
            if slug in places
        }
        public = set(PlaceFinding.objects.visible_to(PUBLIC).values_list("pk", flat=True))
        findings = [
            Found(
                slug=f.place.slug,
                source=f.source,
                reporter=f.reporter,
                marking=f.security_marking,
                paragraph=f.schedule_12a_paragraph,
                text=f.text,
                public=f.pk in public,
            )
            for f in PlaceFinding.objects.select_related("place", "reported_by_organisation")
        ]
        busiest = (
            StreetCrime.objects.filter(month=datetime.date(2023, 1, 1))
            .exclude(location="On or near ")
            .values("location")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        transaction.set_rollback(True)
    return result.counts, places, at_point, findings, busiest


def test_the_places_the_seeds_name_at_police_uk_points(demo):
    counts, places, at_point, _, _ = demo
    assert set(places) == set(POINTS) | {"becontree-heath"}
    assert counts["places"] == 8
    # Each point is police.uk's own for the "On or near" location, as the demo data holds it.
    assert at_point == dict.fromkeys(POINTS, True)
    assert {p.area.slug for p in places.values()} == {"barking-and-dagenham"}
    assert not places["becontree-heath"].has_point


def test_the_findings_as_the_seeds_describe_them(demo):
    findings = demo[3]

    def places_with(source):
        return {f.slug for f in findings if f.source == source}

    assert places_with("walkabout") == {"the-heathway", "chadwell-heath", "barking-town-centre"}
    assert places_with("eva") == {
        "barking-station-station-parade",
        "wakering-road",
        "east-street-london-road",
    }
    assert {"becontree-heath", "dagenham-east"} <= places_with("survey")
    assert {f.reporter for f in findings if f.source == "eva"} == {"Metropolitan Police Service"}


def test_the_police_data_finding_counts_the_crimes_held(demo):
    findings, busiest = demo[3], demo[4]
    (finding,) = [f for f in findings if f.source == "police_data"]
    assert busiest["location"] == "On or near Station Parade"
    assert finding.slug == "barking-station-station-parade"
    assert finding.text.startswith(
        f"{busiest['n']} street crimes recorded on or near Station Parade in January 2023"
    )


def test_the_partner_intelligence_is_withheld_from_the_public(demo):
    findings = demo[3]
    (restricted,) = [f for f in findings if f.source == "partner_intelligence"]
    assert restricted.slug == "the-heathway"
    assert (restricted.marking, restricted.paragraph, restricted.public) == ("RESTRICTED", 1, False)
    assert all(f.public for f in findings if f is not restricted)
