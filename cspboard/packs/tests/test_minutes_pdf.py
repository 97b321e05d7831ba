import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cspboard.meetings.services import attendance_record
from cspboard.packs.minutes import build_minutes_pdf
from cspboard.people.tests.factories import PersonFactory

from .helpers import first_page_with, page_texts


def minutes_url(meeting):
    return reverse(
        "packs:meeting_minutes", kwargs={"slug": meeting.board.slug, "date": meeting.date}
    )


def whole(texts):
    return " ".join("\n".join(texts).split())


@pytest.fixture
def attended(scenario):
    attendance_record(
        meeting=scenario.meeting,
        person=PersonFactory(name="Ann Apology"),
        status="apologies",
    )
    attendance_record(
        meeting=scenario.meeting,
        person=PersonFactory(name="Gus Guest", post_title="Analyst"),
        capacity="presenter",
    )
    attendance_record(meeting=scenario.meeting, name="Nora Notes", capacity="note_taker")
    return scenario


def test_public_minutes_in_the_seeds_layout(client, attended):
    response = client.get(minutes_url(attended.meeting))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    texts = page_texts(response.content)
    text = whole(texts)
    assert text.startswith("Community Safety Partnership Board Minutes")
    assert "Wednesday 28 March 2018, 10.00am - 1.00pm" in text
    assert "Barking Learning Centre" in text
    assert "Present: Fiona Chair (Chair)" in text
    assert "Also present: Gus Guest, Analyst" in text
    assert "Apologies: Ann Apology" in text
    assert "Minutes: Nora Notes" in text
    assert "Item Minutes/ Actions" in text
    assert "1 Performance Report PUBLIC-MINUTES discussed." in text
    assert "Decisions: • PUBLIC-DECISION agreed" in text or "PUBLIC-DECISION agreed" in text
    # The withheld item as the meeting page shows it to the public.
    assert "2 Strategic Assessment Item restricted due to sensitive information." in text
    assert "paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972" in text
    for secret in ("SECRET-MINUTES", "SECRET-SUB-MINUTES", "SECRET-DECISION", "Sub-paper"):
        assert secret not in text
    assert "DRAFT" not in text and "RESTRICTED" not in text
    for number, page in enumerate(texts, start=1):
        assert f"Page {number}" in page


@pytest.mark.parametrize("user", ["member", "officer"])
def test_members_minutes_hold_withheld_items_marked(client, scenario, user):
    client.force_login(getattr(scenario, user))
    response = client.get(minutes_url(scenario.meeting))
    assert response["Cache-Control"] == "private, no-store"
    texts = page_texts(response.content)
    text = whole(texts)
    assert "SECRET-MINUTES" in text and "SECRET-SUB-MINUTES" in text
    assert "SECRET-DECISION" in text
    assert "SECRET-DECLARATION" in text  # on the withheld item, for members only
    assert "Item restricted due to sensitive information" not in text
    for page in texts:
        assert "RESTRICTED" in page


def test_outsiders_get_the_public_minutes(client, scenario):
    client.force_login(scenario.outsider)
    text = whole(page_texts(client.get(minutes_url(scenario.meeting)).content))
    assert "SECRET-MINUTES" not in text and "PUBLIC-MINUTES" in text
    assert "SECRET-DECLARATION" not in text


def test_draft_minutes_only_for_those_who_may_see_drafts(client, scenario):
    url = minutes_url(scenario.draft)
    assert client.get(url).status_code == 404
    client.force_login(scenario.outsider)
    assert client.get(url).status_code == 404
    client.force_login(scenario.member)
    texts = page_texts(client.get(url).content)
    assert "DRAFT-MINUTES" in whole(texts)
    for page in texts:
        assert "DRAFT" in page.replace("DRAFT-MINUTES", "")


def test_no_minutes_before_the_meeting(client, scenario):
    client.force_login(scenario.officer)
    assert client.get(minutes_url(scenario.unpublished)).status_code == 404
    url = reverse("packs:meeting_minutes", kwargs={"slug": "csp", "date": "2019-01-01"})
    assert client.get(url).status_code == 404


def test_draft_marking_on_every_page_of_long_minutes(scenario):
    from cspboard.meetings.services import agenda_item_add

    for n in range(2, 12):
        agenda_item_add(
            meeting=scenario.draft,
            number=str(n),
            title=f"Item {n}",
            minutes="<p>" + "Long discussion of the matter. " * 80 + "</p>",
        )
    texts = page_texts(build_minutes_pdf(scenario.draft, members=True))
    assert len(texts) > 2
    for number, page in enumerate(texts, start=1):
        assert "DRAFT" in page and f"Page {number}" in page


def test_the_meeting_page_links_the_minutes(client, scenario):
    page = client.get(scenario.meeting.get_absolute_url()).content.decode()
    assert minutes_url(scenario.meeting) in page
    assert (
        minutes_url(scenario.draft)
        not in client.get(scenario.draft.get_absolute_url()).content.decode()
    )
    client.force_login(scenario.member)
    draft_page = client.get(scenario.draft.get_absolute_url()).content.decode()
    assert minutes_url(scenario.draft) in draft_page
    assert "Download the draft minutes (PDF)" in draft_page


def test_previous_minutes_in_the_pack_are_marked_draft(scenario):
    import datetime

    from cspboard.meetings.services import meeting_create

    later = meeting_create(
        board=scenario.board,
        date=datetime.date(2018, 9, 26),
        start_time=datetime.time(10),
        status="agenda_published",
        agenda_published_on=datetime.date(2018, 9, 18),
    )
    from cspboard.packs.builder import build_pack

    texts = page_texts(build_pack(later, members=True))
    page = texts[first_page_with(texts, "DRAFT-MINUTES") - 1]
    assert "DRAFT" in page.replace("DRAFT-MINUTES", "")
    public = whole(page_texts(build_pack(later, members=False)))
    assert "DRAFT-MINUTES" not in public


def test_the_command_writes_the_minutes(scenario, tmp_path):
    out = tmp_path / "minutes.pdf"
    args = ["--board", "csp", "--date", "2018-03-28", "--minutes", "--out", str(out)]
    call_command("agenda-pack", *args)
    text = whole(page_texts(out.read_bytes()))
    assert "PUBLIC-MINUTES" in text and "SECRET-MINUTES" not in text
    with pytest.raises(CommandError):
        call_command(
            "agenda-pack", "--board", "csp", "--date", "2018-06-27", "--minutes", "--out", str(out)
        )
    call_command(
        "agenda-pack",
        "--board",
        "csp",
        "--date",
        "2018-06-27",
        "--minutes",
        "--members",
        "--out",
        str(out),
    )
    assert "DRAFT" in whole(page_texts(out.read_bytes()))
