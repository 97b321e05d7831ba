"""What the apps above search add to its page: ways to follow a search (an app registers a
function taking the search's query string and returning a link's words and address, or None).
Search knows nothing of them; `following` registers its e-mail alerts here."""

from __future__ import annotations

from collections.abc import Callable

FollowLink = Callable[[str], "tuple[str, str] | None"]
_follow_links: list[FollowLink] = []


def register_follow_link(provider: FollowLink) -> None:
    if provider not in _follow_links:
        _follow_links.append(provider)


def follow_links(query_string: str) -> list[tuple[str, str]]:
    return [link for provider in _follow_links if (link := provider(query_string))]
