"""The review page's forms: what the officer corrects or leaves out is what the draft becomes,
and everything the page does not show is carried over."""

import datetime

from cspboard.documents.readers import Where
from cspboard.imports.minutes.draft import (
    ActionDraft,
    AttendeeDraft,
    DocumentDraft,
    ItemDraft,
    MeetingDraft,
)
from cspboard.imports.minutes.review import ReviewForms


def _draft() -> DocumentDraft:
    where = Where("minutes.pdf", 12, page=2)
    meeting = MeetingDraft(
        kind="minutes",
        date=datetime.date(2023, 6, 28),
        venue="Council Chamber",
        sources={"date": Where("minutes.pdf", 3, page=1)},
        attendance=[
            AttendeeDraft(name="Jonathon Toy", initials="JT", role="Director", where=where),
            AttendeeDraft(name="Page 4 of 9", where=where),
        ],
        items=[
            ItemDraft(
                number="4",
                title="Knife crime update",
                minutes="The board discussed the figures.",
                decisions=["AGREED to note the report"],
                where=where,
            ),
        ],
        actions=[ActionDraft(text="Circulate the figures", owners=["JT"], where=where)],
    )
    return DocumentDraft(name="minutes.pdf", sha256="a" * 64, kind="pdf", meetings=[meeting])


def _posted(review: ReviewForms, **changes) -> dict:
    """What the page posts when the officer changes nothing but `changes` (field name -> value;
    None unticks a box)."""
    data = {}
    for form in review.all_forms():
        for name, field in form.fields.items():
            key = form.add_prefix(name)
            value = changes.get(key, form.get_initial_for_field(field, name))
            if isinstance(value, bool) or value is None:
                if value:
                    data[key] = "on"
            else:
                data[key] = "" if value is None else str(value)
    return data


def test_unchanged_the_draft_comes_back_as_it_was():
    draft = _draft()
    review = ReviewForms(draft, _posted(ReviewForms(draft)))
    assert review.is_valid(), review.errors()
    assert review.corrected() == draft


def test_an_owner_corrected_and_a_row_left_out():
    draft = _draft()
    posted = _posted(
        ReviewForms(draft), **{"m0-x0-owners": "Jonathon Toy; Refuge", "m0-a1-keep": None}
    )
    review = ReviewForms(draft, posted)
    assert review.is_valid(), review.errors()
    corrected = review.corrected()
    meeting = corrected.meetings[0]
    assert meeting.actions[0].owners == ["Jonathon Toy", "Refuge"]
    assert [a.name for a in meeting.attendance] == ["Jonathon Toy"]
    # What the page does not show is kept: initials, where, minutes, decisions.
    assert meeting.attendance[0].initials == "JT"
    assert meeting.items[0].minutes == "The board discussed the figures."
    assert meeting.items[0].decisions == ["AGREED to note the report"]
    assert meeting.actions[0].where == Where("minutes.pdf", 12, page=2)
    # The stored draft itself is not changed by correcting it.
    assert draft.meetings[0].actions[0].owners == ["JT"]


def test_a_paragraph_given_makes_the_item_restricted():
    draft = _draft()
    posted = _posted(ReviewForms(draft), **{"m0-i0-restriction_paragraph": "3"})
    review = ReviewForms(draft, posted)
    assert review.is_valid(), review.errors()
    item = review.corrected().meetings[0].items[0]
    assert item.restricted is True
    assert item.restriction_paragraph == 3


def test_bad_input_is_named_and_a_dropped_row_is_not_held_to_it():
    draft = _draft()
    posted = _posted(
        ReviewForms(draft),
        **{
            "m0-date": "31/02/2023",
            "m0-x0-due": "next week",
            "m0-a1-name": "",
            "m0-a1-keep": None,
        },
    )
    review = ReviewForms(draft, posted)
    assert not review.is_valid()
    assert review.errors() == [
        ("id_m0-date", "Enter the date as 28/03/2018"),
        ("id_m0-x0-due", "Enter the date as 28/03/2018"),
    ]


def test_a_meeting_left_out_needs_no_date():
    draft = _draft()
    draft.meetings.append(MeetingDraft(kind="agenda"))
    posted = _posted(ReviewForms(draft), **{"m1-keep": None})
    review = ReviewForms(draft, posted)
    assert review.is_valid(), review.errors()
    assert [m.date for m in review.corrected().meetings] == [datetime.date(2023, 6, 28)]


def test_a_part_with_no_date_is_left_out_unless_the_officer_dates_it():
    draft = _draft()
    draft.meetings.append(
        MeetingDraft(kind="action_log", actions=[ActionDraft(text="Send the plan", owners=["JT"])])
    )
    unchanged = ReviewForms(draft, _posted(ReviewForms(draft)))
    assert unchanged.is_valid(), unchanged.errors()
    assert [m.kind for m in unchanged.corrected().meetings] == ["minutes"]

    ticked = ReviewForms(draft, _posted(ReviewForms(draft), **{"m1-keep": True}))
    assert not ticked.is_valid()
    assert ticked.errors() == [
        (
            "id_m1-date",
            "Enter the date of the meeting this part records, or untick “Import this meeting”",
        )
    ]
    dated = ReviewForms(
        draft, _posted(ReviewForms(draft), **{"m1-keep": True, "m1-date": "28/03/2018"})
    )
    assert dated.is_valid(), dated.errors()
    log = dated.corrected().meetings[1]
    assert (log.date, log.actions[0].text) == (datetime.date(2018, 3, 28), "Send the plan")
