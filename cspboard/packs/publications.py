"""Published documents: the record as it stood when it was published.

Publishing an agenda lays out its public pack, its members' pack and the agenda frontsheet and
stores them as `Publication`s, each served byte for byte from then on whatever changes later.
A paper changed or added afterwards goes out as a supplementary agenda (only the items that
changed, both packs) or as a revised agenda (the whole pack again, replacing the earlier one,
which stays readable beside it). Approved minutes are fixed when published; a correction is a
new version with its reason. A document that turns out to show something that must be
withheld is withdrawn at once, with the reason, and is never served again; an item withheld
after publication withdraws every public document published before it was.

Every function here is a service: atomic, keyword-only, recording who did it.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cspboard.core.exceptions import NotAllowed
from cspboard.meetings.choices import MeetingStatus
from cspboard.meetings.models import AgendaItem, Meeting

from .announcements import agenda_revised, supplement_published
from .builder import BuiltPack, build_pack_document
from .choices import MINUTES_KINDS, PublicationKind
from .minutes import build_minutes_pdf
from .models import Publication

FRONTSHEET_TITLE = "Agenda frontsheet"


def item_fingerprints(meeting: Meeting) -> dict[str, dict]:
    """What each item put in the pack, as a short hash per item (its agenda details, its
    withholding and its papers), so that what changed since publication can be found."""
    rows = (
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related("documents")
        .order_by("position")
    )
    out = {}
    for item in rows:
        papers = sorted(
            (d.pk, d.title, d.security_marking, d.schedule_12a_paragraph, d.filename, d.size)
            for d in item.documents.all()
        )
        shown = [
            item.number,
            item.title,
            item.parent_id,
            item.role,
            item.kind,
            item.description,
            item.presenter_text,
            item.minutes_allowed,
            item.security_marking,
            item.schedule_12a_paragraph,
            item.withheld_paragraph,
            papers,
        ]
        digest = hashlib.sha256(json.dumps(shown, default=str).encode()).hexdigest()[:16]
        out[str(item.pk)] = {"digest": digest, "papers": [p[0] for p in papers]}
    return out


def _store(
    meeting: Meeting,
    kind: str,
    title: str,
    pdf: bytes,
    *,
    on: datetime.date,
    by,
    page_refs: dict | None = None,
    contents: dict | None = None,
    reason: str = "",
    replaces: Publication | None = None,
) -> Publication:
    from pypdf import PdfReader  # imported late: pypdf takes a fifth of a second to load

    publication = Publication(
        meeting=meeting,
        kind=kind,
        title=title,
        sha256=hashlib.sha256(pdf).hexdigest(),
        page_count=len(PdfReader(io.BytesIO(pdf)).pages),
        page_refs={str(k): list(v) for k, v in (page_refs or {}).items()},
        contents=contents or {},
        published_on=on,
        published_by=by if getattr(by, "is_authenticated", False) else None,
        reason=reason,
        replaces=replaces,
    )
    # A fresh name every time: a stored publication is never overwritten.
    name = (
        f"publications/{meeting.board.slug}/{meeting.date:%Y-%m-%d}/{kind}-{uuid.uuid4().hex}.pdf"
    )
    publication.file.save(name, ContentFile(pdf), save=False)
    publication.save()
    return publication


def _current(meeting: Meeting, kind: str) -> Publication | None:
    return Publication.objects.current().filter(meeting=meeting, kind=kind).last()


def _frontsheet(built: BuiltPack) -> bytes:
    """The pack's own front pages (the notice of meeting and the agenda) as a document."""
    from pypdf import PdfReader, PdfWriter  # imported late, as above

    reader = PdfReader(io.BytesIO(built.pdf))
    writer = PdfWriter()
    for page in reader.pages[: built.front_pages]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _publish_whole_agenda(
    meeting: Meeting, *, on: datetime.date, by, reason: str = ""
) -> list[Publication]:
    public = build_pack_document(meeting, members=False)
    members = build_pack_document(meeting, members=True)
    contents = item_fingerprints(meeting)
    documents = [
        (PublicationKind.FRONTSHEET, FRONTSHEET_TITLE, _frontsheet(public), {}),
        (PublicationKind.PUBLIC_PACK, "Public reports pack", public.pdf, public.page_refs),
        (PublicationKind.MEMBERS_PACK, "Members' reports pack", members.pdf, members.page_refs),
    ]
    published = []
    for kind, title, pdf, refs in documents:
        earlier = _current(meeting, kind)
        if earlier is not None:
            title = f"{title} (revised)"
        published.append(
            _store(
                meeting,
                kind,
                title,
                pdf,
                on=on,
                by=by,
                page_refs=refs,
                contents=contents,
                reason=reason,
                replaces=earlier,
            )
        )
    return published


@transaction.atomic
def agenda_documents_publish(*, meeting: Meeting, by=None) -> list[Publication]:
    """Fix the agenda's documents as they are at publication (called as the agenda is
    published, inside the same transaction)."""
    on = meeting.agenda_published_on or timezone.localdate()
    return _publish_whole_agenda(meeting, on=on, by=by)


def _published_contents(meeting: Meeting) -> dict[str, dict] | None:
    """Each item's fingerprint as last published (the pack, then each supplement over it)."""
    rows = Publication.objects.current().filter(
        meeting=meeting,
        kind__in=(PublicationKind.MEMBERS_PACK, PublicationKind.SUPPLEMENT_MEMBERS),
    )
    if not rows:
        return None
    contents: dict[str, dict] = {}
    for row in rows.order_by("published_at", "pk"):
        contents.update(row.contents)
    return contents


def agenda_changes(meeting: Meeting) -> list[AgendaItem]:
    """Items added or changed (details, withholding or papers) since the agenda's documents
    were last published, in agenda order."""
    published = _published_contents(meeting)
    if published is None:
        return []
    now = item_fingerprints(meeting)
    changed = {pk for pk, shown in now.items() if published.get(pk) != shown}
    return [
        item
        for item in AgendaItem.objects.filter(meeting=meeting).order_by("position")
        if str(item.pk) in changed
    ]


def _check_can_republish(meeting: Meeting, reason: str) -> None:
    if not meeting.agenda_is_published:
        raise NotAllowed("The agenda has not been published yet: publish it first.")
    if meeting.is_cancelled:
        raise NotAllowed("The meeting was cancelled.")
    if not reason.strip():
        raise ValidationError({"reason": "Say what changed, for the record."})


@transaction.atomic
def supplement_publish(*, meeting: Meeting, reason: str, by=None) -> list[Publication]:
    """Publish the items changed since publication as a supplementary agenda: a public and a
    members' supplement, kept beside the original packs."""
    _check_can_republish(meeting, reason)
    changed = agenda_changes(meeting)
    if not changed:
        raise NotAllowed("Nothing on the agenda has changed since its documents were published.")
    ids = {item.pk for item in changed}
    published_papers = {
        pk for shown in (_published_contents(meeting) or {}).values() for pk in shown["papers"]
    }
    number = (
        Publication.objects.filter(meeting=meeting, kind=PublicationKind.SUPPLEMENT_PUBLIC).count()
        + 1
    )
    heading = f"Supplementary agenda {number}" if number > 1 else "Supplementary agenda"
    now = item_fingerprints(meeting)
    contents = {pk: shown for pk, shown in now.items() if int(pk) in ids}
    # Only the papers not published before: the original pack still carries the others.
    new_papers = {pk for shown in contents.values() for pk in shown["papers"]} - published_papers
    on = timezone.localdate()
    published = []
    for kind, members, title in (
        (PublicationKind.SUPPLEMENT_PUBLIC, False, heading),
        (PublicationKind.SUPPLEMENT_MEMBERS, True, f"{heading} (members)"),
    ):
        built = build_pack_document(
            meeting,
            members=members,
            only_item_ids=ids,
            only_document_ids=new_papers,
            heading=heading,
        )
        published.append(
            _store(
                meeting,
                kind,
                title,
                built.pdf,
                on=on,
                by=by,
                page_refs=built.page_refs,
                contents=contents,
                reason=reason.strip(),
            )
        )
    supplement_published.send(sender=Publication, meeting=meeting, publications=published, by=by)
    return published


@transaction.atomic
def agenda_revise(*, meeting: Meeting, reason: str, by=None) -> list[Publication]:
    """Publish the whole agenda again (frontsheet and both packs), each replacing the one
    before, which stays readable beside it with this reason."""
    _check_can_republish(meeting, reason)
    published = _publish_whole_agenda(
        meeting, on=timezone.localdate(), by=by, reason=reason.strip()
    )
    agenda_revised.send(sender=Publication, meeting=meeting, publications=published, by=by)
    return published


@transaction.atomic
def publication_withdraw(*, publication: Publication, reason: str, by=None) -> Publication:
    """Stop serving a published document at once, recording why. It is never deleted."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the document is withdrawn."})
    row = Publication.objects.select_for_update().get(pk=publication.pk)
    if row.withdrawn_at is not None:
        raise NotAllowed("That document has already been withdrawn.")
    row.withdrawn_at = timezone.now()
    row.withdrawn_by = by if getattr(by, "is_authenticated", False) else None
    row.withdrawn_reason = reason.strip()
    row.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    return row


@transaction.atomic
def withdraw_public_documents_showing(
    *, meeting: Meeting, item_ids: list[int], by=None
) -> list[Publication]:
    """Items just withheld after publication: withdraw every public document of the meeting
    published while they were open. Members' documents stay: members may read withheld items."""
    items = AgendaItem.objects.filter(pk__in=item_ids).order_by("position")
    numbers = ", ".join(item.number for item in items) or "an item"
    reason = f"Item {numbers} was withheld under Schedule 12A after this document was published."
    withdrawn = []
    for publication in Publication.objects.current().filter(meeting=meeting).for_members(False):
        if any(str(pk) in publication.contents for pk in item_ids) or not publication.contents:
            withdrawn.append(publication_withdraw(publication=publication, reason=reason, by=by))
    return withdrawn


@transaction.atomic
def minutes_documents_publish(
    *, meeting: Meeting, by=None, reason: str = "", on: datetime.date | None = None
) -> list[Publication]:
    """Fix the minutes as published (public and members' versions). Called again with a
    reason, it publishes a corrected version in place of the current one, which stays
    readable to those entitled to it. `on`: the day they were published (today)."""
    if meeting.status != MeetingStatus.MINUTES_PUBLISHED:
        raise NotAllowed("Only published minutes are fixed as documents.")
    earlier = {kind: _current(meeting, kind) for kind in MINUTES_KINDS}
    if any(earlier.values()) and not reason.strip():
        raise ValidationError({"reason": "Say what the correction is, for the record."})
    published = []
    for kind, members, title in (
        (PublicationKind.MINUTES_PUBLIC, False, "Printed minutes"),
        (PublicationKind.MINUTES_MEMBERS, True, "Printed minutes (members)"),
    ):
        if earlier[kind] is not None:
            title = f"{title} (corrected)"
        published.append(
            _store(
                meeting,
                kind,
                title,
                build_minutes_pdf(meeting, members=members),
                on=on or timezone.localdate(),
                by=by,
                reason=reason.strip(),
                replaces=earlier[kind],
            )
        )
    return published
