"""The board page's "Follow this board" section and the feeds in its head (registered in
`FollowingConfig.ready` into `cspboard.boards.contributions`). The same for every reader."""

from __future__ import annotations

from django.urls import reverse

from cspboard.boards.contributions import Alternate, Section
from cspboard.boards.models import Board

TEMPLATE = "following/includes/_board_following.html"


def board_feeds(board: Board) -> list[Alternate]:
    return [
        Alternate(
            title=f"{board.name}: agendas and minutes (RSS)",
            href=reverse("following:board_rss", kwargs={"slug": board.slug}),
            content_type="application/rss+xml",
        ),
        Alternate(
            title=f"{board.name}: agendas and minutes (Atom)",
            href=reverse("following:board_atom", kwargs={"slug": board.slug}),
            content_type="application/atom+xml",
        ),
    ]


def board_following_section(board: Board, memberships, *, user, today) -> Section:
    return Section(template=TEMPLATE, data=board)
