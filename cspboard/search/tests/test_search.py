"""Search finds what the pages show, to whom they show it, and nothing else."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspboard.actions.services import action_create, action_update_post
from cspboard.boards.access import PUBLIC, access_for
from cspboard.documents.services import document_remove
from cspboard.documents.tests.factories import make_document
from cspboard.meetings.models import AgendaItem
from cspboard.meetings.services import agenda_item_add, agenda_item_update, decision_add
from cspboard.search.models import SearchEntry
from cspboard.search.query import parse
from cspboard.search.selectors import Filters, search
from cspboard.search.services import paper_text_read, search_rebuild

PLANTED = "quillfeather"


def found(access, words, **filters):
    return search(access, parse(words), Filters(**filters))


def keys(results):
    return {r.entry.key.split(":")[0] for r in results.results}


@pytest.fixture
def planted(scenario, django_capture_on_commit_callbacks):
    """The word only in withheld material: a withheld item's minutes and decision, a restricted
    paper on a public item, and an action raised under the withheld item."""
    s = scenario
    with django_capture_on_commit_callbacks(execute=True):
        item = agenda_item_add(
            meeting=s.meeting,
            number="9",
            title="Serious violence funding",
            security_marking="RESTRICTED",
            schedule_12a_paragraph=3,
            minutes=f"<p>The {PLANTED} proposal was agreed.</p>",
        )
        decision_add(item=item, text=f"Fund the {PLANTED} service")
        make_document(
            s.public_item,
            title="Annex",
            text=f"{PLANTED} figures",
            marking="RESTRICTED",
            paragraph=3,
            filename="annex-q.pdf",
        )
        action_create(board=s.board, item=item, meeting=s.meeting, text=f"Brief on {PLANTED}")
    s.planted_item = item
    return s


def viewers(s):
    from django.contrib.auth.models import AnonymousUser

    return {
        "public": access_for(AnonymousUser()),
        "outsider": access_for(s.outsider),
        "member": access_for(s.member),
        "officer": access_for(s.officer),
    }


def test_a_word_only_in_withheld_material_is_found_by_the_boards_members_alone(planted):
    for name, access in viewers(planted).items():
        results = found(access, PLANTED)
        if name in ("member", "officer"):
            assert keys(results) == {"minutes", "decision", "paper", "action"}, name
            assert results.total == 4
        else:
            assert results.total == 0 and results.results == [], name


def test_the_scenarios_withheld_and_unpublished_words(scenario):
    search_rebuild()
    public, member = PUBLIC, access_for(scenario.member)
    for words in ("secret minutes", "secret doc text", "secret sub minutes", "secret decision"):
        assert found(public, f'"{words}"').total == 0, words
        assert found(member, f'"{words}"').total >= 1, words
    # Draft minutes: the board's members and officers, not the public; an unpublished agenda:
    # its officers only.
    assert found(public, '"draft minutes"').total == 0
    assert found(member, '"draft minutes"').total == 1
    assert found(member, '"unpublished item"').total == 0
    assert found(access_for(scenario.officer), '"unpublished item"').total == 1
    assert found(public, '"public minutes"').total == 1


def test_matches_are_highlighted_escaped_and_linked_to_the_item(scenario):
    item = agenda_item_add(
        meeting=scenario.meeting,
        number="7",
        title="Knife crime <script>alert(1)</script>",
        minutes="<p>Partners discussed knife crime in the town centre &amp; the station.</p>",
    )
    results = found(PUBLIC, "knife")
    by_kind = {r.entry.kind: r for r in results.results}
    assert set(by_kind) == {"item", "minutes"}
    assert "<mark>Knife</mark> crime &lt;script&gt;" in by_kind["item"].title
    assert "<script>" not in by_kind["item"].title
    assert "discussed <mark>knife</mark> crime" in by_kind["minutes"].snippet
    assert by_kind["minutes"].url == f"{scenario.meeting.get_absolute_url()}#item-{item.pk}"


def test_english_stemming_and_phrases(scenario):
    agenda_item_add(
        meeting=scenario.meeting, number="8", title="Reducing violence against women and girls"
    )
    assert found(PUBLIC, "reduction violent").total == 0  # different stems
    assert found(PUBLIC, "reduce women").total == 1
    assert found(PUBLIC, '"women and girls"').total == 1
    assert found(PUBLIC, '"girls and women"').total == 0


def test_filters_by_board_kind_and_date(scenario):
    other_meeting = scenario.other.meetings.create(
        date=datetime.date(2019, 1, 9), start_time=datetime.time(10), status="minutes_published"
    )
    agenda_item_add(meeting=other_meeting, number="1", title="Hotspot patrols")
    agenda_item_add(meeting=scenario.meeting, number="9", title="Hotspot patrols review")
    assert found(PUBLIC, "hotspot").total == 2
    assert found(PUBLIC, "hotspot", board=scenario.other).total == 1
    assert found(PUBLIC, "hotspot", kinds=("minutes",)).total == 0
    assert found(PUBLIC, "hotspot", date_from=datetime.date(2018, 6, 1)).total == 1
    assert found(PUBLIC, "hotspot", date_to=datetime.date(2018, 6, 1)).total == 1
    newest = found(PUBLIC, "hotspot", by_date=True).results
    assert [r.entry.date for r in newest] == [datetime.date(2019, 1, 9), datetime.date(2018, 3, 28)]


def test_entries_follow_the_record(scenario, django_capture_on_commit_callbacks):
    item = agenda_item_add(meeting=scenario.meeting, number="9", title="Night time economy")
    assert found(PUBLIC, "economy").total == 1
    agenda_item_update(item=item, expected_version=None, title="Licensing", minutes="<p>x</p>")
    assert found(PUBLIC, "economy").total == 0
    assert found(PUBLIC, "licensing").total == 2  # the item and its minutes
    agenda_item_update(item=item, expected_version=None, minutes="")
    assert keys(found(PUBLIC, "licensing")) == {"item"}
    with django_capture_on_commit_callbacks(execute=True):
        paper = make_document(item, title="Licensing map", text="Cumulative impact zone")
    assert keys(found(PUBLIC, "cumulative impact")) == {"paper"}
    document_remove(document=paper, by=scenario.officer)
    assert found(PUBLIC, "cumulative impact").total == 0
    action = action_create(board=scenario.board, item=item, meeting=scenario.meeting, text="Map it")
    action_update_post(action=action, text="Shared with the licensing team")
    assert keys(found(PUBLIC, "licensing team")) == {"action"}


def test_a_papers_text_is_read_once(scenario):
    assert paper_text_read(scenario.public_doc.pk) is True
    assert found(PUBLIC, "public doc text").total == 1
    assert paper_text_read(scenario.public_doc.pk) is False  # the same file: not read again


def test_an_unreadable_paper_is_found_by_its_title(scenario):
    paper = make_document(scenario.public_item, title="Scanned letter", text="x")
    paper.file.save("scan.pdf", __import__("io").BytesIO(b"%PDF-1.4 broken"), save=False)
    paper_text_read(paper.pk)
    assert found(PUBLIC, "scanned letter").total == 1


def test_rebuild_gives_the_same_entries(scenario):
    search_rebuild()
    before = set(SearchEntry.objects.values_list("key", "title", "date"))
    SearchEntry.objects.all().delete()
    search_rebuild()
    assert set(SearchEntry.objects.values_list("key", "title", "date")) == before


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_words_search_without_failing(scenario, text):
    results = search(access_for(scenario.member), parse(text))
    assert results.total >= len(results.results)


def test_the_command_rebuilds(scenario):
    from io import StringIO

    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    out = StringIO()
    call_command("search-index", stdout=out)
    assert f"holds {SearchEntry.objects.count()} entries" in out.getvalue()
    assert found(PUBLIC, '"public doc text"').total == 1


def test_every_item_with_minutes_has_its_minutes_entry(scenario):
    """One item's entries never touch another's ("minutes:1" is not "minutes:12")."""
    for n in range(12):
        agenda_item_add(
            meeting=scenario.meeting, number=str(20 + n), title=f"T{n}", minutes="<p>m</p>"
        )
    search_rebuild(read_papers=False)
    with_minutes = [i for i in AgendaItem.objects.all() if i.minutes.strip()]
    assert SearchEntry.objects.filter(kind="minutes").count() == len(with_minutes) > 12
