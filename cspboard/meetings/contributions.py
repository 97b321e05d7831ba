"""Papers other apps generate for an agenda item, merged into the pack after its uploaded ones;
and pages other apps write for the pack, laid out with its own (the action log).

A registry in the record, so that the pack (packs.builder) reads what the capabilities above
the record provide (the subgroup updates, the performance report, the action log) without
importing them.

A provider is a callable `(item: AgendaItem, *, members: bool) -> list[GeneratedPaper]`, named by
its dotted path. It must never return material the reader of that pack may not see: the public
pack is built with `members=False`. A paper only members may see comes back `withheld`; the
public pack then carries the "Document is Restricted" page with its legal basis instead, and the
members' pack marks its pages RESTRICTED, exactly as for an uploaded restricted paper.

The providers are read through `providers()` so that settings (and tests) can replace them with
`CSPBOARD_PACK_PROVIDERS`; each is imported when a pack is built. A provider that cannot be
imported is reported by the system check at startup (`packs.E001`), never silently skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import checks
from django.db.models import Prefetch, QuerySet
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from cspboard.meetings.models import AgendaItem


@dataclass(frozen=True)
class GeneratedPaper:
    """A paper written in cspboard rather than uploaded, rendered as PDF."""

    title: str  # listed like an uploaded paper's title
    pdf: bytes
    withheld: bool = False  # members only: the public pack gets the restricted page instead
    legal_basis: str = ""  # the Schedule 12A text for that page


# Subgroup update reports for the "subgroup updates" item; the performance report for the
# performance item.
PROVIDERS: tuple[str, ...] = (
    "cspboard.reports.pack.item_papers",
    "cspboard.performance.pack.item_papers",
    "cspboard.funding.pack.item_papers",
    "cspboard.plans.pack.item_papers",
)

Provider = Callable[..., list[GeneratedPaper]]


def providers() -> tuple[str, ...]:
    """The dotted paths of the providers: `CSPBOARD_PACK_PROVIDERS` when set, else PROVIDERS."""
    configured = getattr(settings, "CSPBOARD_PACK_PROVIDERS", None)
    return tuple(PROVIDERS if configured is None else configured)


def generated_papers(item: AgendaItem, *, members: bool) -> list[GeneratedPaper]:
    """Every provider's papers for the item, in provider order."""
    papers: list[GeneratedPaper] = []
    for path in providers():
        provider: Provider = import_string(path)
        papers.extend(provider(item, members=members))
    return papers


@checks.register()
def check_providers(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for path in providers():
        try:
            import_string(path)
        except Exception as exc:  # ImportError, or whatever importing its module raised
            errors.append(
                checks.Error(
                    f"Agenda pack provider {path!r} cannot be imported: {exc}",
                    hint="Fix the path, or set CSPBOARD_PACK_PROVIDERS to the providers installed.",
                    id="packs.E001",
                )
            )
    return errors


# Pages of the pack's own that other apps write ----------------------------------------------
#
# Registered by those apps' AppConfig.ready (the action log, by actions), so the pack never
# imports them. Unlike a generated paper, such a section is HTML laid out with the pack's own
# pages (its stylesheet, its page breaks) under the first item the reader sees in full that plays
# one of `roles`; at the front of the pack when no item does.


@dataclass(frozen=True)
class PackSection:
    """A run of the pack's own pages, written as HTML by the app that owns what it shows."""

    html: str
    landscape: bool = False


@dataclass(frozen=True)
class PackSectionProvider:
    """`pages(meeting, *, reader)`: the sections for `meeting`'s pack as `reader` (an
    `Access`: a member of the board, or the public) may see them. `prepare(meeting)`, when
    given, makes the writes `pages` would otherwise make, before the pack's fingerprint is
    taken."""

    roles: tuple[str, ...]  # the item roles it goes under, first match in agenda order
    pages: Callable[..., list[PackSection]]
    prepare: Callable[..., None] | None = None


_pack_sections: list[PackSectionProvider] = []


def register_pack_section(provider: PackSectionProvider) -> None:
    if provider not in _pack_sections:
        _pack_sections.append(provider)


def pack_section_providers() -> tuple[PackSectionProvider, ...]:
    """In the order registered, which is the order of their pages in the pack."""
    return tuple(_pack_sections)


def pack_prepare(meeting) -> None:
    """Every registered section's writes, made before a pack's fingerprint is taken."""
    for provider in _pack_sections:
        if provider.prepare is not None:
            provider.prepare(meeting)


# What the record's own pages show of the capabilities above it -------------------------------
#
# Registered by those apps' AppConfig.ready, so the record never imports them: the papers under
# each item of the meeting page and their place in its history (documents, which sits above
# meetings in the record), the action log under a meeting's action-log item (actions), and each
# forward-plan item's open report request for the board's officers (reports). With nothing
# registered the record shows none of them.

# The attribute each item's papers are prefetched to (the Prefetch's `to_attr`).
ITEM_PAPERS = "visible_papers"


@dataclass(frozen=True)
class HistorySource:
    """Rows of another app belonging to a meeting, listed on the meeting's history page."""

    label: str  # what a row is, in the board's words: "Paper"
    records: Callable[[int], QuerySet]  # the historical records of a meeting's rows, by its pk
    describe: Callable[[Any], str]  # one historical record, in words


_item_papers: list[Callable[..., Prefetch]] = []
_histories: list[HistorySource] = []
_action_logs: list[Callable[..., list]] = []
_plan_item_prefetches: list[Callable[[], Prefetch]] = []


def register_item_papers(prefetch: Callable[..., Prefetch]) -> None:
    """`prefetch(access)`: a Prefetch on agenda items of the papers `access` may have, in order,
    stored on each item as `ITEM_PAPERS`."""
    if prefetch not in _item_papers:
        _item_papers.append(prefetch)


def item_papers_prefetches(access) -> list[Prefetch]:
    return [prefetch(access) for prefetch in _item_papers]


def item_papers(item: AgendaItem) -> list:
    """The item's papers, as prefetched for the viewer by `item_papers_prefetches`."""
    return list(getattr(item, ITEM_PAPERS, []))


def register_history(source: HistorySource) -> None:
    if source not in _histories:
        _histories.append(source)


def histories() -> list[HistorySource]:
    return list(_histories)


def register_action_log(provider: Callable[..., list]) -> None:
    """`provider(access, board, on)`: the board's actions outstanding on `on` as they stood
    then, as `access` may see them."""
    if provider not in _action_logs:
        _action_logs.append(provider)


def action_log_as_at(access, board, on) -> list:
    return [row for provider in _action_logs for row in provider(access, board, on)]


def register_plan_item_prefetch(prefetch: Callable[[], Prefetch]) -> None:
    """`prefetch()`: a Prefetch on agenda items for the officers' forward plan."""
    if prefetch not in _plan_item_prefetches:
        _plan_item_prefetches.append(prefetch)


def plan_item_prefetches() -> list[Prefetch]:
    return [prefetch() for prefetch in _plan_item_prefetches]
