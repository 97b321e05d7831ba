"""Every page and every file URL, for each kind of visitor: what each must and must not see."""

import pytest

SECRETS = [
    "SECRET-MINUTES",
    "SECRET-DECISION",
    "SECRET-SUB-MINUTES",
    "SECRET-DECLARATION",
    "CDSA cover report",
    "Sub annex",
    "Hotspot annex",
]
PUBLIC_TEXT = ["Performance Report", "PUBLIC-MINUTES", "PUBLIC-DECISION", "Performance pack"]

VISITORS = ["anonymous", "outsider", "member", "officer"]
ENTITLED = {"member", "officer"}


def client_for(client, scenario, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(scenario, visitor))
    return client


def body(response) -> str:
    return (
        b"".join(response.streaming_content).decode("latin-1")
        if response.streaming
        else (response.content.decode())
    )


@pytest.mark.parametrize("visitor", VISITORS)
def test_meeting_page(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    html = body(c.get("/boards/csp/meetings/2018-03-28/"))
    for text in PUBLIC_TEXT + ["Strategic Assessment", "Sub-paper"]:
        assert text in html, text
    if visitor in ENTITLED:
        for text in SECRETS:
            assert text in html, text
    else:
        for text in SECRETS:
            assert text not in html, text
        assert "Item restricted due to sensitive information" in html
        assert "paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972" in html


@pytest.mark.parametrize("visitor", VISITORS)
def test_paper_files(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    public = c.get(scenario.public_doc.get_absolute_url())
    assert public.status_code == 200 and "PUBLIC-DOC-TEXT" in body(public)
    for doc, text in [
        (scenario.restricted_doc, "SECRET-DOC-TEXT"),
        (scenario.sub_doc, "SECRET-SUB-DOC"),
        (scenario.marked_doc, "MARKED-DOC-TEXT"),
    ]:
        response = c.get(doc.get_absolute_url())
        if visitor in ENTITLED:
            assert response.status_code == 200 and text in body(response)
            assert "no-store" in response["Cache-Control"]
        else:
            assert response.status_code == 404
            assert text not in body(response) and doc.title not in body(response)


@pytest.mark.parametrize("visitor", VISITORS)
def test_draft_minutes(client, scenario, visitor):
    html = body(client_for(client, scenario, visitor).get("/boards/csp/meetings/2018-06-27/"))
    assert ("DRAFT-MINUTES" in html) == (visitor in ENTITLED)


@pytest.mark.parametrize("visitor", VISITORS)
def test_unpublished_agenda(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    html = body(c.get("/boards/csp/meetings/2030-09-25/"))
    assert ("UNPUBLISHED-ITEM" in html) == (visitor == "officer")
    response = c.get(scenario.unpublished_doc.get_absolute_url())
    assert response.status_code == (200 if visitor == "officer" else 404)


@pytest.mark.parametrize("visitor", VISITORS)
def test_public_pages_hold_no_withheld_text(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    chair_slug = scenario.chair.slug
    for url in ["/", "/boards/", "/boards/csp/", "/boards/vawg/", f"/people/{chair_slug}/"]:
        response = c.get(url)
        assert response.status_code == 200, url
        html = body(response)
        for text in SECRETS:
            assert text not in html, (url, text)


@pytest.mark.parametrize("visitor", VISITORS)
def test_upload_form_only_for_officers(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    response = c.get(f"/documents/add/{scenario.restricted_item.pk}/")
    if visitor == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif visitor == "officer":
        assert response.status_code == 200
    else:
        assert response.status_code == 404
        assert "Strategic Assessment" not in body(response)


@pytest.mark.parametrize("visitor", VISITORS)
def test_error_pages_leak_nothing(client, scenario, visitor):
    c = client_for(client, scenario, visitor)
    for url in [
        "/boards/nope/",
        "/boards/csp/meetings/2018-03-29/",
        "/boards/csp/meetings/2018-02-30/",
        f"/documents/{scenario.restricted_doc.pk}/wrong-name.pdf",
        f"/documents/{scenario.restricted_doc.pk + 999}/cdsa.pdf",
    ]:
        response = c.get(url)
        assert response.status_code == 404, url
        html = body(response)
        assert "Page not found" in html
        for text in SECRETS:
            assert text not in html, (url, text)


def test_subgroup_member_does_not_see_parent_board_papers(client, scenario):
    from cspboard.boards.tests.factories import MembershipFactory
    from cspboard.people.tests.factories import PersonFactory, UserFactory

    user = UserFactory()
    MembershipFactory(person=PersonFactory(user=user), board=scenario.subgroup)
    client.force_login(user)
    html = body(client.get("/boards/csp/meetings/2018-03-28/"))
    assert "SECRET-MINUTES" not in html
    assert client.get(scenario.restricted_doc.get_absolute_url()).status_code == 404
