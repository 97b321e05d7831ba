import pytest
from django.urls import reverse

from cspboard.meetings.services import agenda_item_add

from .helpers import page_texts


def pack_url(meeting):
    return reverse("packs:meeting_pack", kwargs={"slug": meeting.board.slug, "date": meeting.date})


def fetch(client, scenario, user, meeting=None):
    if user is not None:
        client.force_login(getattr(scenario, user))
    return client.get(pack_url(meeting or scenario.meeting))


@pytest.mark.parametrize(
    ("user", "members"),
    [(None, False), ("outsider", False), ("member", True), ("officer", True)],
)
def test_who_gets_which_pack(client, scenario, user, members):
    response = fetch(client, scenario, user)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    whole = "\n".join(page_texts(response.content))
    assert ("SECRET-DOC-TEXT" in whole) is members
    assert ("Document is Restricted" in whole) is not members
    if members or user:
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(("user", "status"), [(None, 404), ("member", 404), ("officer", 200)])
def test_unpublished_agenda_is_officers_only(client, scenario, user, status):
    assert fetch(client, scenario, user, scenario.unpublished).status_code == status


def test_no_such_meeting_is_404(client, scenario):
    url = reverse("packs:meeting_pack", kwargs={"slug": "csp", "date": "2019-01-01"})
    assert client.get(url).status_code == 404


def test_pack_is_kept_until_the_record_changes(client, scenario, monkeypatch):
    from cspboard.packs import builds

    calls = []
    real = builds.build_pack

    def counting(meeting, *, members, **kwargs):
        calls.append(members)
        return real(meeting, members=members, **kwargs)

    monkeypatch.setattr(builds, "build_pack", counting)
    first = client.get(pack_url(scenario.meeting)).content
    assert client.get(pack_url(scenario.meeting)).content == first
    assert calls == [False]
    agenda_item_add(meeting=scenario.meeting, number="3", title="LATE-ITEM")
    latest = client.get(pack_url(scenario.meeting)).content
    assert calls == [False, False]
    assert "LATE-ITEM" in "\n".join(page_texts(latest))
    assert "LATE-ITEM" not in "\n".join(page_texts(first))
