"""The performance pages: who sees and changes what, what the report shows, and its queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cspboard.performance.choices import Rating
from cspboard.performance.models import Commentary, Measurement, RatingOverride
from cspboard.performance.tests.factories import StreetCrimeFactory
from cspboard.performance.tests.factories_web import (
    IndicatorFactory,
    analyst_of,
    fill,
    seed_indicators,
)

pytestmark = pytest.mark.django_db

REPORT = "/boards/csp/performance/2018-01/"
BURGLARY = REPORT + "burglary/"
PDF = REPORT + "report.pdf"
GRID = "/boards/csp/performance/data/burglary/2017/"
DATA = "/boards/csp/performance/data/"
UPLOAD = "/boards/csp/performance/upload/"
HOTSPOTS = "/boards/csp/performance/hotspots/"
BURGLARY_SENTENCE = (
    "Using 2017/18 financial year to date figures at January 2018 (1309 offences) shows a 25.1% "
    "increase (+263 offences) when compared to the same point in the previous year (1046 "
    "offences). In comparison total burglary across London is up 13.0%."
)


@pytest.fixture
def seeded(scenario):
    scenario.indicators = seed_indicators(scenario.board, scenario.subgroup)
    scenario.analyst = analyst_of(scenario.board)
    return scenario


def users(s):
    return {
        "anonymous": None,
        "outsider": s.outsider,
        "member": s.member,
        "officer": s.officer,
        "analyst": s.analyst,
    }


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


# The report is public ---------------------------------------------------------------------------


def test_the_performance_link_goes_to_the_latest_month(client, seeded):
    page = client.get("/boards/csp/")
    assert b'href="/boards/csp/performance/"' in page.content
    response = client.get("/boards/csp/performance/")
    assert response.status_code == 302 and response["Location"] == REPORT


def test_the_month_picker_chooses_a_month(client, seeded):
    response = client.get("/boards/csp/performance/?month=2017-11")
    assert response["Location"] == "/boards/csp/performance/2017-11/"
    response = client.get("/boards/csp/performance/?month=1999-01")
    assert response["Location"] == REPORT  # a month with no figures: the latest


def test_the_public_sees_the_whole_report(client, seeded):
    response = client.get(REPORT)
    assert response.status_code == 200
    text = response.content.decode()
    assert BURGLARY_SENTENCE in text
    assert "VAWG Subgroup" in text  # the summary table of the subgroup
    assert "1309, up 25.1% (up 263 offences)" in text
    assert "Up 13.0% across London" in text
    # a rating is a word in a coloured tag, never a colour alone
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in text
    assert '<strong class="govuk-tag govuk-tag--orange">Amber</strong>' in text
    assert '<strong class="govuk-tag govuk-tag--grey">Monitoring</strong>' in text
    assert "Areas for improvement using financial year to date figures to January 2018" in text
    # one page per indicator with figures, a chart and its table; none for one in development
    assert 'id="indicator-burglary"' in text and 'id="indicator-young-victims"' not in text
    assert text.count('role="img"') == 4
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">176</td>' in text
    assert '<span class="govuk-visually-hidden">no data</span>' in text  # February 2018
    assert "Change the rating or commentary" not in text
    assert "Enter figures" not in text


def test_a_month_without_figures_is_not_found(client, seeded):
    assert client.get("/boards/csp/performance/2030-01/").status_code == 404
    assert client.get("/boards/csp/performance/2018-13/").status_code == 404
    assert client.get("/boards/nope/performance/2018-01/").status_code == 404


def test_a_board_without_figures_says_so(client, scenario):
    response = client.get("/boards/csp/performance/")
    assert response.status_code == 200
    assert b"The board has no performance indicators." in response.content


def test_the_public_page_is_cached_until_a_figure_changes(client, seeded):
    assert BURGLARY_SENTENCE in client.get(REPORT).content.decode()
    fill(seeded.indicators["burglary"], 2017, [133, 159, 90, 128, 113, 106, 145, 115, 144, 186])
    assert "(1319 offences)" in client.get(REPORT).content.decode()


def test_signed_in_pages_are_not_kept_by_shared_caches(client, seeded):
    response = as_user(client, seeded.member).get(REPORT)
    assert response["Cache-Control"] == "private, no-store"


def test_the_report_queries_do_not_grow_with_the_indicators(
    client, seeded, django_assert_num_queries
):
    client.force_login(seeded.analyst)
    client.get(REPORT)  # charts drawn and kept
    with CaptureQueriesContext(connection) as five:
        assert client.get(REPORT).status_code == 200
    for n in range(6):
        extra = IndicatorFactory(board=seeded.board, subgroup=seeded.subgroup)
        fill(extra, 2017, [n + 1] * 10)
    client.get(REPORT)
    with CaptureQueriesContext(connection) as eleven:
        response = client.get(REPORT)
    assert response.content.decode().count('role="img"') == 10
    assert len(eleven) == len(five)
    # the session and user, the board, the analyst's memberships and the boards above them,
    # the data version and the stored report (its months with figures, the drafts report and
    # its charts, rendered with the revisions since a pack carried the month), the meetings to
    # prepare, and whether the analyst owns an action (the header's link)
    with django_assert_num_queries(9):
        client.get(REPORT)


def test_the_indicator_page_is_public_without_its_forms(client, seeded):
    response = client.get(BURGLARY)
    assert response.status_code == 200
    assert BURGLARY_SENTENCE in response.content.decode()
    assert b"Save the rating" not in response.content
    assert client.get(REPORT + "young-victims/").status_code == 404
    assert client.get(REPORT + "nothing/").status_code == 404


def test_the_pdf_downloads(client, seeded):
    response = client.get(PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="csp-performance-report-2018-01.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    assert client.get("/boards/csp/performance/2030-01/report.pdf").status_code == 404


# Who changes what --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [DATA, GRID, UPLOAD])
@pytest.mark.parametrize(
    "who,status",
    [("anonymous", 302), ("outsider", 404), ("member", 404), ("officer", 200), ("analyst", 200)],
)
def test_data_entry_is_for_officers_and_analysts(client, seeded, url, who, status):
    response = as_user(client, users(seeded)[who]).get(url)
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member"])
def test_others_cannot_override_or_comment(client, seeded, who):
    client = as_user(client, users(seeded)[who])
    override = client.post(
        BURGLARY, {"step": "override", "override-rating": "green", "override-reason": "Because"}
    )
    commentary = client.post(BURGLARY, {"step": "commentary", "commentary-text": "Hello"})
    expected = 302 if who == "anonymous" else 404
    assert override.status_code == expected and commentary.status_code == expected
    assert not RatingOverride.objects.exists() and not Commentary.objects.exists()


def test_others_cannot_save_figures(client, seeded):
    before = Measurement.objects.count()
    response = as_user(client, seeded.member).post(GRID, {"value-2018-02": "5"})
    assert response.status_code == 404
    assert Measurement.objects.count() == before


def test_the_analyst_sees_the_controls(client, seeded):
    text = as_user(client, seeded.analyst).get(REPORT).content.decode()
    assert "Change the rating or commentary" in text and "Enter figures" in text
    assert b"Save the rating" in client.get(BURGLARY).content


# The override and the commentary ----------------------------------------------------------------


def test_the_analyst_overrides_a_rating_with_a_reason(client, seeded):
    client.force_login(seeded.analyst)
    response = client.post(
        BURGLARY,
        {"step": "override", "override-rating": "amber", "override-reason": "A new burglary unit"},
    )
    assert response.status_code == 302 and response["Location"] == BURGLARY
    override = RatingOverride.objects.get()
    assert (override.rating, override.reason, override.month) == (
        Rating.AMBER,
        "A new burglary unit",
        datetime.date(2018, 1, 1),
    )
    text = client.get(REPORT).content.decode()
    assert "Set by the analyst" in text and "Draft" in text
    client.logout()
    assert "A new burglary unit" not in client.get(REPORT).content.decode()  # a draft
    client.force_login(seeded.analyst)
    response = client.post(REPORT + "commentary/publish/", follow=True)
    assert "The commentary and ratings for January 2018 are published" in response.content.decode()
    client.logout()
    text = client.get(REPORT).content.decode()
    assert "The analyst set this rating (the rule gives" in text
    assert "Reason: A new burglary unit" in text
    assert "Set by the analyst" in text


def test_an_override_needs_a_rating_and_a_reason(client, seeded):
    client.force_login(seeded.officer)
    response = client.post(BURGLARY, {"step": "override", "override-reason": "  "})
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert "Choose the rating" in text and "Give the reason for the rating" in text
    assert not RatingOverride.objects.exists()


def test_going_back_to_the_calculated_rating(client, seeded):
    client.force_login(seeded.analyst)
    client.post(
        BURGLARY, {"step": "override", "override-rating": "green", "override-reason": "Why"}
    )
    response = client.post(BURGLARY, {"step": "clear"})
    assert response.status_code == 302
    assert not RatingOverride.objects.exists()


def test_with_htmx_the_panel_is_swapped(client, seeded):
    client.force_login(seeded.analyst)
    response = client.post(
        BURGLARY,
        {"step": "override", "override-rating": "green", "override-reason": "A better month"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert text.lstrip().startswith('<div id="indicator-panel">')
    assert "The rating is saved." in text and "Reason: A better month" in text
    assert "<html" not in text
    errors = client.post(
        BURGLARY, {"step": "override", "override-rating": "green"}, headers={"HX-Request": "true"}
    )
    assert errors.status_code == 200 and b"Give the reason for the rating" in errors.content


def test_the_commentary_shows_in_the_report(client, seeded):
    client.force_login(seeded.officer)
    response = client.post(
        BURGLARY,
        {
            "step": "commentary",
            "commentary-text": "The police are launching a burglary initiative.",
            "commentary-benchmark_percent_change": "",
        },
    )
    assert response.status_code == 302
    assert "The police are launching a burglary initiative." in client.get(REPORT).content.decode()


def test_the_commentary_form_starts_from_what_is_saved(client, seeded):
    from cspboard.performance.services import commentary_set

    commentary_set(
        indicator=seeded.indicators["gun"],
        month=datetime.date(2018, 1, 1),
        text="Weapons sweeps",
        benchmark_percent_change=Decimal("-5.5"),
    )
    client.force_login(seeded.analyst)
    form = client.get(REPORT + "gun-crime/").context["commentary_form"]
    assert form.initial == {"text": "Weapons sweeps", "benchmark_percent_change": Decimal("-5.5")}
    assert "In comparison gun crime is down 5.5%." in client.get(REPORT).content.decode()
    assert "Down 5.5%" in client.get(REPORT + "gun-crime/").content.decode()


def test_a_bad_benchmark_change_is_refused(client, seeded):
    client.force_login(seeded.officer)
    response = client.post(
        BURGLARY,
        {"step": "commentary", "commentary-text": "x", "commentary-benchmark_percent_change": "up"},
    )
    assert response.status_code == 400
    assert b"Enter the benchmark&#x27;s change as a number" in response.content
    assert not Commentary.objects.exists()


# The grid ---------------------------------------------------------------------------------------


def test_the_grid_shows_the_year_april_to_march(client, seeded):
    text = as_user(client, seeded.analyst).get(GRID).content.decode()
    assert text.index("April 2017") < text.index("March 2018")
    assert 'name="value-2018-01" value="176"' in text
    assert 'name="benchmark-2018-01" value="6780"' in text
    assert 'name="value-2018-02"' in text and 'name="value-2018-02" value' not in text
    assert 'name="denominator-2018-01"' not in text  # a count has no denominator


def test_the_analyst_enters_a_month(client, seeded):
    client.force_login(seeded.analyst)
    data = {f"value-{m}": "" for m in ("2018-02", "2018-03")}
    current = client.get(GRID).context["form"].initial
    data |= {k: v for k, v in current.items() if v}
    data["value-2018-02"] = "150"
    data["benchmark-2018-02"] = "6700"
    response = client.post(GRID, data)
    assert response.status_code == 302 and response["Location"] == GRID
    stored = Measurement.objects.get(
        indicator=seeded.indicators["burglary"], series="local", month=datetime.date(2018, 2, 1)
    )
    assert stored.value == Decimal(150) and stored.entered_by == seeded.analyst
    # the untouched months keep who entered them (nobody, through the service)
    january = Measurement.objects.get(
        indicator=seeded.indicators["burglary"], series="local", month=datetime.date(2018, 1, 1)
    )
    assert january.entered_by is None
    assert client.get("/boards/csp/performance/")["Location"] == "/boards/csp/performance/2018-02/"


def test_clearing_a_month_removes_its_figure(client, seeded):
    client.force_login(seeded.analyst)
    data = {k: v for k, v in client.get(GRID).context["form"].initial.items() if v}
    data["value-2018-01"] = ""
    assert client.post(GRID, data).status_code == 302
    assert not Measurement.objects.filter(
        indicator=seeded.indicators["burglary"], series="local", month=datetime.date(2018, 1, 1)
    ).exists()


def test_a_bad_cell_keeps_what_was_typed_and_saves_nothing(client, seeded):
    client.force_login(seeded.analyst)
    data = {k: v for k, v in client.get(GRID).context["form"].initial.items() if v}
    data["value-2018-02"] = "150"
    data["value-2018-03"] = "lots"
    data["benchmark-2017-04"] = "-3"
    before = list(Measurement.objects.values_list("pk", "value"))
    response = client.post(GRID, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nothing has been saved." in text
    assert '<a href="#id_value-2018-03">March 2018&#x27;s value must be a number' in text
    assert "April 2017&#x27;s benchmark cannot be below zero" in text
    assert 'value="lots"' in text and 'value="150"' in text
    assert "govuk-input--error" in text
    assert list(Measurement.objects.values_list("pk", "value")) == before


def test_a_percentage_has_an_out_of_column(client, seeded):
    client.force_login(seeded.analyst)
    url = "/boards/csp/performance/data/marac-repeat-referrals/2017/"
    text = client.get(url).content.decode()
    assert 'name="value-2017-04" value="5"' in text
    assert 'name="denominator-2017-04" value="22"' in text
    response = client.post(url, {"value-2018-02": "30", "denominator-2018-02": "20"})
    assert response.status_code == 400
    assert b"value is more than the number it is out of" in response.content


def test_a_year_out_of_range_is_not_found(client, seeded):
    client.force_login(seeded.analyst)
    assert client.get("/boards/csp/performance/data/burglary/1990/").status_code == 404
    assert client.get("/boards/csp/performance/data/nothing/2017/").status_code == 404


def test_the_data_index_lists_the_indicators(client, seeded):
    text = as_user(client, seeded.officer).get(DATA).content.decode()
    assert "MARAC: Number of repeat referrals" in text
    assert GRID in text


# Hotspots ---------------------------------------------------------------------------------------


def test_hotspots_without_data_say_so(client, scenario):
    response = client.get(HOTSPOTS)
    assert response.status_code == 200
    assert b"No police.uk street crimes have been imported yet" in response.content


def test_hotspots_rank_places_and_their_change(client, scenario):
    def crimes(month, n, **kwargs):
        for _ in range(n):
            StreetCrimeFactory(month=month, **kwargs)

    busy = {"lsoa_code": "E01000005", "lsoa_name": "City of London 001E"}
    quiet = {"lsoa_code": "E01000001", "lsoa_name": "City of London 001A"}
    crimes(
        datetime.date(2019, 1, 1), 2, crime_type="Burglary", location="On or near A Road", **busy
    )
    crimes(
        datetime.date(2019, 2, 1), 5, crime_type="Burglary", location="On or near A Road", **busy
    )
    crimes(datetime.date(2019, 2, 1), 1, crime_type="Burglary", **quiet)
    crimes(datetime.date(2019, 2, 1), 9, crime_type="Other theft", **quiet)
    response = client.get(
        HOTSPOTS,
        {"crime_type": "Burglary", "area": "", "first": "2019-02-01", "last": "2019-02-01"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Burglary, February 2019" in text
    assert "compared with January 2019" in text
    assert text.index("City of London 001E") < text.index("City of London 001A")
    assert "Up 3 (+150.0%)" in text  # 5 against 2
    assert "Up 1 (none before)" in text
    assert "On or near A Road" in text
    # the first visit shows the latest three months of all crime types
    first = client.get(HOTSPOTS).content.decode()
    assert "All crime types, December 2018 to February 2019" not in first  # only 2 months held
    assert "All crime types, January 2019 to February 2019" in first


def test_hotspots_refuse_a_period_that_ends_before_it_starts(client, scenario):
    StreetCrimeFactory(month=datetime.date(2019, 1, 1))
    StreetCrimeFactory(month=datetime.date(2019, 2, 1))
    response = client.get(HOTSPOTS, {"first": "2019-02-01", "last": "2019-01-01"})
    assert response.status_code == 400
    assert b"The last month must be the same as or after the first" in response.content


# Adding and changing indicators -----------------------------------------------------------------

NEW_INDICATOR = "/boards/csp/performance/indicators/new/"


def indicator_data(**changes):
    return {
        "number": "5",
        "name": "Arson",
        "short_name": "",
        "slug": "",
        "position": "",
        "unit": "incidents",
        "measure": "count",
        "data_source": "entered",
        "target_kind": "ceiling",
        "target_value": "169",
        "green_percent": "5",
        "red_percent": "5",
        "subgroup": "",
    } | changes


def test_an_analyst_adds_an_indicator(client, seeded):
    client.force_login(seeded.analyst)
    assert client.get(NEW_INDICATOR).status_code == 200
    response = client.post(NEW_INDICATOR, indicator_data(subgroup=str(seeded.subgroup.pk)))
    assert response.status_code == 302 and response["Location"] == DATA
    arson = seeded.board.indicators.get(slug="arson")
    assert (arson.number, arson.target_value, arson.subgroup) == ("5", 169, seeded.subgroup)
    assert arson.position > seeded.indicators["sexual"].position  # at the end


def test_an_indicator_form_with_errors_keeps_what_was_typed(client, seeded):
    client.force_login(seeded.analyst)
    response = client.post(NEW_INDICATOR, indicator_data(target_value="", name="Arson attacks"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Give the most there should be in the year." in text
    assert 'value="Arson attacks"' in text
    duplicate = client.post(NEW_INDICATOR, indicator_data(slug="burglary"))
    assert duplicate.status_code == 400
    assert b"The board already has an indicator with this slug." in duplicate.content
    assert not seeded.board.indicators.filter(name__startswith="Arson").exists()


def test_an_officer_changes_an_indicator(client, seeded):
    client.force_login(seeded.officer)
    url = "/boards/csp/performance/indicators/burglary/"
    form = client.get(url).context["form"]
    assert form.initial["name"] == "Burglary" and form.initial["benchmark_label"] == "London"
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data |= {"benchmark_label": "London (MPS)", "crime_types": [], "subgroup": ""}
    data = {k: v for k, v in data.items() if v is not False}
    response = client.post(url, data)
    assert response.status_code == 302
    seeded.indicators["burglary"].refresh_from_db()
    assert seeded.indicators["burglary"].benchmark_label == "London (MPS)"


def test_members_cannot_add_indicators(client, seeded):
    client.force_login(seeded.member)
    assert client.get(NEW_INDICATOR).status_code == 404
    assert client.post(NEW_INDICATOR, indicator_data()).status_code == 404
    assert not seeded.board.indicators.filter(slug="arson").exists()
