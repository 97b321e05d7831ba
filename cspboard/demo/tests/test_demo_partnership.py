"""The real demo data, loaded once with its papers rendered for real."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from cspboard.boards.models import Board
from cspboard.demo.loader import load_demo
from cspboard.documents.models import Document
from cspboard.meetings.models import Meeting

pytestmark = pytest.mark.django_db
User = get_user_model()


def pdf_text(response) -> str:
    data = b"".join(response.streaming_content)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_demo_partnership(client):
    result = load_demo(today=datetime.date(2026, 11, 23))
    assert result.loaded

    csp = Board.objects.get(slug="csp")
    assert csp.name == "Community Safety Partnership Board"
    assert csp.subgroups.filter(slug="vawg").exists()
    dates = set(Meeting.objects.filter(board=csp).values_list("date", flat=True))
    for day in ["2017-12-13", "2018-03-28", "2019-12-11", "2021-12-08", "2023-06-28", "2023-09-27"]:
        assert datetime.date.fromisoformat(day) in dates, day

    url = "/boards/csp/meetings/2018-03-28/"
    public = client.get(url).content.decode()
    assert "Safer Neighbourhood Board Updates" in public
    assert "Item restricted due to sensitive information" in public
    assert "Performance Report" in public

    restricted = Document.objects.filter(
        item__meeting__date=datetime.date(2018, 3, 28), security_marking="RESTRICTED"
    )
    assert restricted.exists()
    for document in restricted:
        assert document.get_absolute_url() not in public
        assert client.get(document.get_absolute_url()).status_code == 404

    # The member sees the restricted papers, and they hold the seed's text.
    client.force_login(User.objects.get(username="member"))
    members = client.get(url).content.decode()
    for document in restricted:
        assert document.get_absolute_url() in members
    snb = restricted.filter(title__icontains="Safer Neighbourhood").first()
    assert snb is not None
    text = pdf_text(client.get(snb.get_absolute_url()))
    assert "RESTRICTED" in text

    # The outsider belongs to a subgroup only: the main board's papers stay closed.
    client.logout()
    client.force_login(User.objects.get(username="outsider"))
    assert client.get(snb.get_absolute_url()).status_code == 404

    # The board's chair changed over the years, and the board page says who chaired when.
    board_html = client.get("/boards/csp/").content.decode()
    for name in ["Anne Bristow", "Fiona Taylor", "Stuart Bell"]:
        assert name in board_html, name

    # The autumn 2023 pack's stale heading is kept on the record, not hidden.
    autumn = client.get("/boards/csp/meetings/2023-09-27/").content.decode()
    assert "29" in autumn and "March 2023" in autumn

    # The officer runs the board's next meeting end to end.
    client.logout()
    client.force_login(User.objects.get(username="officer"))
    url = "/boards/csp/meetings/2023-12-06/"
    assert client.get(url + "agenda/").status_code == 200
    assert client.post(url + "agenda/publish/").status_code == 302
    meeting = Meeting.objects.get(board=csp, date=datetime.date(2023, 12, 6))
    members = [m.person for m in csp.memberships.filter(role="member", end__isnull=True)[:2]]
    response = client.post(url + "attendance/", {f"status_{p.pk}": "present" for p in members})
    assert response.status_code == 302
    item = meeting.items.filter(parent=None).order_by("position")[3]
    response = client.post(
        url + f"minutes/{item.pk}/",
        {"minutes": "The board noted the update.", "version": item.version},
    )
    assert response.status_code == 302
    client.post(url + "minutes/", {"action": "send"})
    client.post(url + "minutes/review/", {"decision": "approve"})
    # One item has minutes: publishing asks first, listing the others, then publishes.
    response = client.post(url + "minutes/", {"action": "publish"})
    assert "have no minutes" in response.content.decode()
    client.post(url + "minutes/", {"action": "publish", "confirmed": "yes"})
    meeting.refresh_from_db()
    assert meeting.status == "minutes_published"
    client.logout()
    assert "The board noted the update." in client.get(url).content.decode()
