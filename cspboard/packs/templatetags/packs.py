"""The meeting page's published documents and the page references of its published pack."""

from django import template

from cspboard.packs.selectors import current_pack, publications_for

register = template.Library()


@register.inclusion_tag("packs/includes/_meeting_documents.html")
def meeting_documents(page):
    """`page` is the meeting page (meetings.selectors.MeetingPage). Lists what the meeting
    published, and leaves on `page` the page references of the pack this viewer gets, which
    `item_pages` prints beside each item: they are the published pack's, to the page."""
    rows = publications_for(page.access, page.meeting)
    members = page.access.can_see_withheld(page.meeting.board_id)
    pack = current_pack(rows, members=members)
    page.pack_refs = pack.page_refs if pack is not None else {}
    return {"meeting": page.meeting, "rows": rows, "pack": pack}


@register.simple_tag
def item_pages(page, item) -> str:
    refs = getattr(page, "pack_refs", None) or {}
    span = refs.get(str(item.pk))
    if not span:
        return ""
    first, last = span
    return f"Page {first}" if first == last else f"Pages {first} - {last}"
