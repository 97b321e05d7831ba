"""RSS and Atom feeds of what a board published (Django's syndication framework), built from
`selectors.board_notices`: the public's view, whoever fetches the feed."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join

from cspboard.boards.models import Board
from cspboard.boards.selectors import board_get

from .choices import Event
from .selectors import Notice, board_notices

SENTENCES = {
    Event.AGENDA: "The agenda of the meeting on {date} is published.",
    Event.SUPPLEMENT: "{title} of the meeting on {date} is published.",
    Event.MINUTES: "The minutes of the meeting on {date} are published.",
}


def describe(notice: Notice) -> str:
    """The entry's text: a sentence, and the items open to the public."""
    what = notice.publication.title if notice.publication is not None else ""
    if notice.publication is not None and notice.publication.kind == "frontsheet":
        what = "A revised agenda"
    sentence = SENTENCES[notice.event].format(date=f"{notice.meeting.date:%-d %B %Y}", title=what)
    items = format_html_join(
        "", "<li>{} {}</li>", ((item.number, item.title) for item in notice.items)
    )
    if not notice.items:
        return format_html("<p>{}</p>", sentence)
    return format_html("<p>{}</p><ul>{}</ul>", sentence, items)


class BoardRssFeed(Feed):
    """The board's agendas, supplements and revised agendas, and minutes, newest first."""

    description_template = None

    def get_object(self, request, slug: str) -> Board:
        return board_get(slug)

    def title(self, board: Board) -> str:
        return f"{board.name}: agendas and minutes"

    def link(self, board: Board) -> str:
        return board.get_absolute_url()

    def feed_url(self, board: Board) -> str:
        return reverse("following:board_rss", kwargs={"slug": board.slug})

    def description(self, board: Board) -> str:
        return f"Agendas, supplementary papers and minutes published by the {board.name}."

    def items(self, board: Board) -> list[Notice]:
        return board_notices(board)

    def item_title(self, notice: Notice) -> str:
        return notice.title

    def item_description(self, notice: Notice) -> str:
        return describe(notice)

    def item_link(self, notice: Notice) -> str:
        return notice.url

    def item_guid(self, notice: Notice) -> str:
        return notice.guid

    item_guid_is_permalink = False

    def item_pubdate(self, notice: Notice):
        return notice.published_at

    def item_updateddate(self, notice: Notice):
        return notice.published_at

    def item_categories(self, notice: Notice) -> list[str]:
        return [notice.event.label]


class BoardAtomFeed(BoardRssFeed):
    feed_type = Atom1Feed

    def feed_url(self, board: Board) -> str:
        return reverse("following:board_atom", kwargs={"slug": board.slug})

    def subtitle(self, board: Board) -> str:
        return self.description(board)
