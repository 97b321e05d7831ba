"""What each thing is found by: the entries (key, kind, links, date, title, body) for a board, a
person, a meeting, an item (and its minutes and decisions), a paper or an action. Pure: given
loaded objects, no queries beyond the relations named in `selectors.RELATED`.

An entry carries only the words of its own thing: a meeting's entry names no item, an item's
none of its papers, so an entry that may be found never reveals one that may not.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags

from .backends import MARK_END, MARK_START
from .choices import EntryKind

# A paper's text is indexed up to this many characters (the first 60 or so pages): enough to
# find it by, while a ten-year archive stays small and highlights stay fast.
MAX_BODY = 200_000
_MARKS = re.compile(f"[{MARK_START}{MARK_END}\x00]")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def plain(text: str, *, is_html: bool = False) -> str:
    """Text as the index keeps it, without the highlight marks; sanitised HTML (minutes) with
    its tags taken out and its entities read. Anything else is text as typed, "<" and all."""
    text = html.unescape(strip_tags(text)) if is_html and text else (text or "")
    return _SPACE.sub(" ", _MARKS.sub("", text)).strip()[:MAX_BODY]


@dataclass
class EntryValues:
    key: str
    kind: str
    title: str
    body: str = ""
    date: object = None
    links: dict = field(default_factory=dict)
    is_html: bool = False

    def fields(self) -> dict:
        return {
            "kind": self.kind,
            "title": plain(self.title)[:400],
            "body": plain(self.body, is_html=self.is_html),
            "date": self.date,
            **self.links,
        }


def board_entries(board) -> list[EntryValues]:
    return [
        EntryValues(
            f"board:{board.pk}",
            EntryKind.BOARD,
            board.name,
            f"{board.description}\n{board.terms_of_reference}",
            links={"board_id": board.pk},
        )
    ]


def person_entries(person) -> list[EntryValues]:
    # Name, post and organisation: what the person's public page shows; never an e-mail.
    organisation = person.organisation.name if person.organisation_id else ""
    return [
        EntryValues(
            f"person:{person.pk}",
            EntryKind.PERSON,
            person.display_name,
            f"{person.post_title}\n{organisation}",
            links={"person_id": person.pk},
        )
    ]


def meeting_entries(meeting) -> list[EntryValues]:
    return [
        EntryValues(
            f"meeting:{meeting.pk}",
            EntryKind.MEETING,
            str(meeting),
            f"Meeting of the {meeting.board.name}\n{meeting.venue}\n{meeting.cancelled_reason}",
            meeting.date,
            {"board_id": meeting.board_id, "meeting_id": meeting.pk},
        )
    ]


def _item_links(item) -> dict:
    return {"board_id": item.meeting.board_id, "meeting_id": item.meeting_id, "item_id": item.pk}


def _label(item) -> str:
    number = item.number if item.number.endswith(")") else f"{item.number}."
    return f"{number} {item.title}".strip(" .")


def item_entries(item, decisions) -> list[EntryValues]:
    """The item; its minutes, if it has any; each decision under it."""
    links = _item_links(item)
    entries = [
        EntryValues(
            f"item:{item.pk}",
            EntryKind.ITEM,
            _label(item),
            f"{item.description}\n{item.presenter_text}",
            item.meeting.date,
            links,
        )
    ]
    if plain(item.minutes, is_html=True):
        entries.append(
            EntryValues(
                f"minutes:{item.pk}",
                EntryKind.MINUTES,
                f"Minutes: {_label(item)}",
                item.minutes,
                item.meeting.date,
                links,
                is_html=True,
            )
        )
    for decision in decisions:
        entries.append(
            EntryValues(
                f"decision:{decision.pk}",
                EntryKind.DECISION,
                f"{decision.get_kind_display()}: {_label(item)}",
                decision.text,
                item.meeting.date,
                {**links, "decision_id": decision.pk},
            )
        )
    return entries


def paper_entries(document, text: str = "") -> list[EntryValues]:
    item = document.item
    return [
        EntryValues(
            f"paper:{document.pk}",
            EntryKind.PAPER,
            document.title,
            f"{document.author}\n{text}",
            document.date or item.meeting.date,
            {**_item_links(item), "document_id": document.pk},
        )
    ]


def action_entries(action, updates) -> list[EntryValues]:
    words = "\n".join([action.text, action.lead_text, *(update.text for update in updates)])
    return [
        EntryValues(
            f"action:{action.pk}",
            EntryKind.ACTION,
            f"Action {action.number}: {action.text[:120]}",
            words,
            action.raised_on,
            {
                "board_id": action.board_id,
                "meeting_id": action.meeting_id,
                "item_id": action.item_id,
                "action_id": action.pk,
            },
        )
    ]
