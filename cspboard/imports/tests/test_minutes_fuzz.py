"""Property-based tests of the minutes import (issue 14): any input is either read into a draft
or refused with a message, never a crash; a draft survives its trip through JSON; and writing a
draft writes all of it or, refused, nothing.

Bounded so that `make test` stays quick: about 200 examples a property, no deadline (the
machine is shared and a slow example is not a failure here).
"""

from __future__ import annotations

import datetime
import json

from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from cspboard.boards.tests.factories import BoardFactory
from cspboard.documents.readers import UnreadableDocument, Where, read_document
from cspboard.imports.minutes import services
from cspboard.imports.minutes.draft import (
    DOCUMENT_KINDS,
    ActionDraft,
    AttendeeDraft,
    DeclarationDraft,
    DocumentDraft,
    ItemDraft,
    MeetingDraft,
    from_json,
    to_json,
)
from cspboard.imports.minutes.parse import parse_document
from cspboard.meetings.models import Meeting

EXAMPLES = 200
BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # No example database in the working tree: the examples are cheap to find again.
    database=None,
)

NAMES = st.sampled_from(
    ["minutes.txt", "agenda.html", "pack.pdf", "notes.docx", "log.htm", "x", "minutes.TXT"]
)

# Pieces of real minutes, so that generated text reaches past the parser's first checks: the
# headings, attendance lists, numbered items, restricted markers, ACTION lines and action-table
# rows (tab-separated, as a PDF's flattened table reads) that documents are made of.
FRAGMENTS = st.sampled_from(
    [
        "Community Safety Partnership Board",
        "MINUTES",
        "Agenda",
        "Wednesday 13th December 2017, 10:00am - 1:00pm",
        "Date: 31/02/2024",
        "Present:",
        "Attendees",
        "In attendance:",
        "Apologies:",
        "Apologies for absence were received from Cllr Patel and Jo Smith.",
        "Jonathon Toy (JT) - Director of Community Safety",
        "Cllr Maureen Worby (Chair)",
        "Also present: Insp Lee Brown (Metropolitan Police)",
        "1. Introductions and Apologies for Absence",
        "2.\tDeclarations of Interest",
        "4.1 Youth violence",
        "(ii) Safer Neighbourhood Board",
        "Minute 23/45 Matters arising",
        "RESTRICTED",
        "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A",
        "ACTION: JT to circulate the needs assessment by 31 March 2024",
        "ACTION – All partners to send data",
        "Action\tOwner\tDue",
        "1\tRefresh the strategy\tJS\t30/06/2024",
        "No.\tAction\tLead\tTarget date\tStatus",
        "AGREED that the plan be approved.",
        "Date of next meeting: 12 June 2024",
        "",
        "\t\t\t",
        "(",
        "99999999999999999999. " + "x" * 300,
    ]
)
MINUTES_LIKE = st.lists(st.one_of(FRAGMENTS, st.text(max_size=80)), max_size=60).map("\n".join)


def _read_and_parse(data: bytes, name: str) -> DocumentDraft | None:
    """The draft, or None when the reader refused the file with a message."""
    try:
        doc = read_document(data, name)
    except UnreadableDocument as refusal:
        assert str(refusal).strip(), "a refusal says why"
        return None
    draft = parse_document(doc)
    assert isinstance(draft, DocumentDraft)
    assert draft.sha256 == doc.sha256
    return draft


def _round_trips(draft: DocumentDraft) -> None:
    data = to_json(draft)
    # JSON-ready: it goes into a JSONField and out to `--format json` as it is.
    assert from_json(json.loads(json.dumps(data))) == draft
    assert from_json(data) == draft


@BOUNDED
@given(text=st.text(max_size=4000), name=NAMES)
def test_any_text_is_read_or_refused_and_its_draft_round_trips(text, name):
    draft = _read_and_parse(text.encode("utf-8"), name)
    if draft is not None:
        _round_trips(draft)


@BOUNDED
@given(text=MINUTES_LIKE, name=NAMES)
def test_minutes_like_text_is_read_or_refused_and_its_draft_round_trips(text, name):
    draft = _read_and_parse(text.encode("utf-8"), name)
    if draft is not None:
        _round_trips(draft)


@BOUNDED
@given(
    data=st.one_of(
        st.binary(max_size=4000),
        # Bytes that look like the formats the readers know, then turn to rubbish.
        st.tuples(
            st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"<!doctype html><body>", b"<html>"]),
            st.binary(max_size=2000),
        ).map(b"".join),
    ),
    name=NAMES,
)
def test_any_bytes_are_read_or_refused_and_their_draft_round_trips(data, name):
    draft = _read_and_parse(data, name)
    if draft is not None:
        _round_trips(draft)


# -- Drafts, as the review page may send them back ---------------------------------------------

# Mostly what a review page would send back, sometimes what it should refuse (no date, no
# title, a paragraph of Schedule 12A that does not exist), so that both outcomes are tried.


def _mostly(good, bad):
    """`good` five times in six, `bad` otherwise."""
    return st.integers(0, 5).flatmap(lambda n: bad if n == 0 else good)


TEXT = st.text(max_size=60)
TITLES = _mostly(st.text(min_size=1, max_size=60), st.sampled_from(["", "   "]))
DATES = _mostly(st.dates(datetime.date(1990, 1, 1), datetime.date(2040, 12, 31)), st.none())
TIMES = st.none() | st.times()
WHERE = st.none() | st.builds(
    Where,
    file=st.just("minutes.txt"),
    line=st.integers(1, 5000),
    page=st.none() | st.integers(1, 300),
)
ATTENDEES = st.builds(
    AttendeeDraft,
    name=TEXT,
    status=st.sampled_from(["present", "apologies", "absent", "unknown"]),
    capacity=st.sampled_from(["member", "substitute", "note_taker", "officer", "guest", "?"]),
    role=TEXT,
    organisation=TEXT,
    initials=st.text(max_size=4),
    substitute_for=TEXT,
    where=WHERE,
)
ITEMS = st.builds(
    ItemDraft,
    number=st.text(max_size=6),
    title=TITLES,
    parent_number=st.text(max_size=4),
    presenters=st.lists(TEXT, max_size=3),
    minutes_allowed=st.none() | st.integers(-5, 10_000),
    pages=TEXT,
    restricted=st.booleans(),
    restriction_paragraph=_mostly(st.none() | st.integers(1, 7), st.integers(-1, 9)),
    minutes=st.text(max_size=300),
    decisions=st.lists(TEXT, max_size=3),
    where=WHERE,
)
ACTIONS = st.builds(
    ActionDraft,
    text=TEXT,
    owners=st.lists(TEXT, max_size=3),
    due=DATES,
    due_text=TEXT,
    item_number=st.text(max_size=4),
    status=st.sampled_from(["", "open", "closed", "?"]),
    number=st.text(max_size=4),
    where=WHERE,
)
MEETINGS = st.builds(
    MeetingDraft,
    kind=st.sampled_from(DOCUMENT_KINDS),
    board_name=TEXT,
    date=DATES,
    start=TIMES,
    end=TIMES,
    venue=TEXT,
    chair=TEXT,
    attendance=st.lists(ATTENDEES, max_size=5),
    declarations=st.lists(
        st.builds(DeclarationDraft, name=TEXT, text=TEXT, item_number=TEXT, where=WHERE),
        max_size=2,
    ),
    no_declarations=st.booleans(),
    items=st.lists(ITEMS, max_size=6),
    actions=st.lists(ACTIONS, max_size=4),
    warnings=st.lists(TEXT, max_size=2),
)
DRAFTS = st.builds(
    DocumentDraft,
    name=st.sampled_from(["minutes.txt", "pack.pdf"]),
    sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
    kind=st.sampled_from(["text", "html", "docx", "pdf"]),
    meetings=_mostly(st.lists(MEETINGS, min_size=1, max_size=3), st.just([])),
    warnings=st.lists(TEXT, max_size=2),
)


@BOUNDED
@given(draft=DRAFTS)
def test_any_draft_round_trips_through_json(draft):
    _round_trips(draft)


# -- Writing: all of it, or nothing -------------------------------------------------------------


def _row_counts() -> dict[str, int]:
    """Rows of every table of the project's apps (history tables included)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("cspboard.")
    }


class TestDraftWriteIsAllOrNothing(HypothesisTestCase):
    """Each example runs in its own transaction, rolled back after it."""

    def setUp(self):
        super().setUp()
        try:
            services.draft_write(
                board=BoardFactory(), draft=DocumentDraft("x.txt", "0" * 64, "text"), dry_run=True
            )
        except NotImplementedError:
            self.skipTest("services.draft_write is not written yet (it raises NotImplementedError)")
        except services.ImportRefused:
            pass

    @BOUNDED
    @given(draft=DRAFTS, dry_run=st.booleans())
    def test_a_draft_is_written_whole_or_refused_with_nothing_written(self, draft, dry_run):
        board = BoardFactory()
        before = _row_counts()
        try:
            summary = services.draft_write(board=board, draft=draft, dry_run=dry_run)
        except services.ImportRefused as refusal:
            assert str(refusal).strip(), "a refusal says why"
            assert _row_counts() == before, "refused, yet something was written"
            return
        after = _row_counts()
        assert isinstance(summary, services.WriteSummary)
        if dry_run:
            assert after == before, "a dry run wrote something"
            return
        # Written whole: the board (new, so empty before) now has every meeting of the draft.
        # Two parts of a draft under one date are one meeting, the second filling the first;
        # a part with no date may be passed over only if it holds nothing.
        written = set(Meeting.objects.filter(board=board).values_list("date", flat=True))
        assert written == {m.date for m in draft.meetings if m.date is not None}
        for m in draft.meetings:
            if m.date is None:
                assert not (m.items or m.attendance or m.actions or m.declarations), m
        grew = {label: after[label] - before[label] for label in after}
        assert grew["meetings.Meeting"] == summary.meetings_created == len(written)
        # The summary counts what was added or filled in: never fewer than the rows added.
        assert grew["meetings.AgendaItem"] <= summary.items
        assert grew["meetings.Attendance"] <= summary.attendance
        assert grew["meetings.Declaration"] <= summary.declarations
        assert grew["actions.ActionItem"] <= summary.actions
        if any(i.title.strip() for m in draft.meetings for i in m.items):
            assert grew["meetings.AgendaItem"] > 0, "items in the draft, none written"
