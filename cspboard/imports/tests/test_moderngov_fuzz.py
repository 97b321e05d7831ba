"""Any answer either reads or is refused with a message naming it: never another exception."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspboard.core.sanitise import ALLOWED_TAGS
from cspboard.imports.moderngov import (
    ModernGovError,
    parse_committees,
    parse_meeting,
    parse_meetings,
    unescaped_html,
)

from .conftest import SAVED

NAMES = [
    "meeting",
    "meetingid",
    "meetingdate",
    "meetingtime",
    "meetingstatus",
    "meetinglocation",
    "agendapublished",
    "minutepublished",
    "agendaitems",
    "agendaitem",
    "agendaitemid",
    "agendaitemtitle",
    "agendaitemnumber",
    "agendaitemsubnumber",
    "fulldisplaynumberformat",
    "agendatext",
    "minutesnonemptyhtmlbody",
    "commentlabel1",
    "commenttext1",
    "isrestricted",
    "restrictionsRef",
    "linkeddocuments",
    "linkeddoc",
    "attachmentid",
    "title",
    "url",
    "publicationdate",
    "attendees",
    "attendee",
    "committee",
    "committeeid",
    "committeetitle",
]
TEXTS = st.one_of(
    st.sampled_from(
        [
            "",
            "True",
            "False",
            "10.00 am",
            "TBC",
            "28/03/2018",
            "31/02/2018",
            "3a",
            "5.",
            "1",
            "Paragraph 3",
            "Cancelled",
            "&lt;p&gt;x&lt;/p&gt;",
            "&amp;lt;script&amp;gt;",
        ]
    ),
    st.text(max_size=20),
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


elements = st.recursive(
    st.tuples(st.sampled_from(NAMES), TEXTS).map(
        lambda pair: f"<{pair[0]}>{_escape(pair[1])}</{pair[0]}>"
    ),
    lambda children: st.tuples(st.sampled_from(NAMES), st.lists(children, max_size=6)).map(
        lambda pair: f"<{pair[0]}>{''.join(pair[1])}</{pair[0]}>"
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elements)
def test_any_answer_reads_or_is_refused_with_a_message(xml):
    data = f'<?xml version="1.0" encoding="utf-8"?>{xml}'.encode()
    for parse in (parse_meeting, parse_meetings, parse_committees):
        try:
            parse(data, "Answer")
        except ModernGovError as error:
            assert str(error).startswith("Answer")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_read_or_are_refused(data):
    try:
        parse_meeting(data, "Answer")
    except ModernGovError as error:
        assert str(error).startswith("Answer")


@pytest.mark.parametrize("cut", [10, 200, 1000, 3000])
def test_a_cut_off_answer_is_refused_as_not_well_formed(cut):
    data = (SAVED / "GetMeeting-7001.xml").read_bytes()[:cut]
    with pytest.raises(ModernGovError, match="Answer: not well-formed XML"):
        parse_meeting(data, "Answer")


class _Markup(HTMLParser):
    """The tags and attributes of some HTML, as a browser's parser would read them."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


HOSTILE = st.text(
    alphabet=st.sampled_from(list("<>&;/=\"' ltgamp#x0123456789scriptonerrorhrefjavaimgda:")),
    max_size=120,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(HOSTILE, st.builds(lambda t: f"<a href='{t}'>x</a><p {t}>y</p>", HOSTILE)))
def test_sanitised_html_never_carries_script(text):
    markup = _Markup(unescaped_html(text))
    assert set(markup.tags) <= ALLOWED_TAGS
    for name, value in markup.attributes:
        assert not name.startswith("on")
        if name == "href":
            # As a browser reads an address: tabs and line breaks dropped, controls trimmed.
            address = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01 ").lower()
            scheme = re.match(r"([a-z][a-z0-9+.\-]*):", address)
            assert scheme is None or scheme[1] in ("http", "https", "mailto")


# The whole import, over answers changed at random ----------------------------------------------

FIELDS = [
    b"meetingdate",
    b"meetingtime",
    b"meetingstatus",
    b"agendaitemid",
    b"agendaitemtitle",
    b"fulldisplaynumberformat",
    b"agendatext",
    b"minutesnonemptyhtmlbody",
    b"isrestricted",
    b"restrictionsRef",
    b"attachmentid",
    b"commenttext1",
]


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(FIELDS), TEXTS), min_size=1, max_size=4))
def test_any_changed_answer_imports_or_is_refused_writing_nothing(tmp_path_factory, changes):
    from django.db import transaction

    from cspboard.boards.tests.factories import BoardFactory
    from cspboard.imports.services import moderngov_import
    from cspboard.imports.sources import FolderSource
    from cspboard.meetings.models import Meeting

    folder = tmp_path_factory.mktemp("answers")
    for path in SAVED.glob("*.*"):
        (folder / path.name).write_bytes(path.read_bytes())
    data = (folder / "GetMeeting-7001.xml").read_bytes()
    for field, text in changes:
        start = data.find(b"<" + field + b">")
        if start < 0:
            continue
        end = data.find(b"</" + field + b">", start)
        data = data[: start + len(field) + 2] + _escape(text).encode() + data[end:]
    (folder / "GetMeeting-7001.xml").write_bytes(data)

    with transaction.atomic():
        board = BoardFactory(name="Community Safety Partnership Board")
        try:
            report = moderngov_import(source=FolderSource(folder), board=board)
        except ModernGovError:
            assert not Meeting.objects.filter(board=board).exists()
        else:
            created = Meeting.objects.filter(board=board).count()
            assert created == report.meetings_created
        transaction.set_rollback(True)
