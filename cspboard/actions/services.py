"""Writes for the action log. Atomic, keyword-only; `by` is recorded in the audit history."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from cspboard.boards.models import Board
from cspboard.core.exceptions import NotAllowed
from cspboard.core.history import attribute
from cspboard.meetings.models import AgendaItem, Meeting
from cspboard.people.models import Organisation, Person

from .choices import ActionStatus, ProposalStatus, Rag, UpdateSource
from .models import ActionItem, ActionLogSettings, ActionProposal, ActionUpdate
from .owner_matching import OwnerMatcher
from .proposals import propose_actions


def action_settings_for(board: Board) -> ActionLogSettings:
    settings, _ = ActionLogSettings.objects.get_or_create(board=board)
    return settings


@transaction.atomic
def action_create(
    *,
    board: Board,
    text: str,
    owners: list[Person] = (),  # type: ignore[assignment]
    owner_organisation: Organisation | None = None,
    all_partners: bool = False,
    lead_text: str = "",
    meeting: Meeting | None = None,
    item: AgendaItem | None = None,
    raised_in: str = "",
    raised_on: datetime.date | None = None,
    target_date: datetime.date | None = None,
    status: str = ActionStatus.OPEN,
    fingerprint: str = "",
    number: int | None = None,
    by=None,
) -> ActionItem:
    if not text.strip():
        raise ValidationError({"text": "Enter what needs to be done."})
    if item is not None and meeting is None:
        meeting = item.meeting
    raised_on = raised_on or (meeting.date if meeting else datetime.date.today())
    if target_date is not None and target_date < raised_on:
        raise ValidationError(
            {"target_date": "The target date cannot be before the action was raised."}
        )
    if number is None:
        # Lock the board's row so two officers adding actions at once get different numbers.
        Board.objects.select_for_update().filter(pk=board.pk).first()
        number = (ActionItem.objects.filter(board=board).aggregate(n=Max("number"))["n"] or 0) + 1
    action = ActionItem(
        board=board,
        number=number,
        text=text.strip(),
        owner_organisation=owner_organisation,
        all_partners=all_partners,
        lead_text=lead_text.strip(),
        meeting=meeting,
        item=item,
        raised_in=raised_in,
        raised_on=raised_on,
        target_date=target_date,
        status=status,
        fingerprint=fingerprint,
    )
    if status == ActionStatus.CLOSED:
        action.closed_on = raised_on
    attribute(action, by)
    action.save()
    if owners:
        action.owners.set(owners)
    return action


@transaction.atomic
def action_update_post(
    *,
    action: ActionItem,
    text: str,
    by=None,
    by_person: Person | None = None,
    source: str = UpdateSource.OFFICER,
    today: datetime.date | None = None,
) -> ActionUpdate:
    if not text.strip():
        raise ValidationError({"text": "Enter the update."})
    update = ActionUpdate.objects.create(
        action=action,
        text=text.strip(),
        by_person=by_person,
        by_user=by if getattr(by, "is_authenticated", False) else None,
        source=source,
    )
    action.last_update_on = today or datetime.date.today()
    action.save(update_fields=["last_update_on"])
    return update


@transaction.atomic
def action_close(*, action: ActionItem, by=None, on: datetime.date | None = None) -> ActionItem:
    if action.status == ActionStatus.CLOSED:
        return action
    action.status = ActionStatus.CLOSED
    action.closed_on = on or datetime.date.today()
    action.closed_by = by if getattr(by, "is_authenticated", False) else None
    action.rag_override, action.rag_override_reason = "", ""
    attribute(action, by)
    action.save()
    return action


@transaction.atomic
def action_reopen(*, action: ActionItem, by=None) -> ActionItem:
    action.status = ActionStatus.OPEN
    action.closed_on, action.closed_by, action.duplicate_of = None, None, None
    attribute(action, by)
    action.save()
    return action


@transaction.atomic
def action_redate(*, action: ActionItem, target_date: datetime.date | None, by=None) -> ActionItem:
    if target_date is not None and target_date < action.raised_on:
        raise ValidationError(
            {"target_date": "The target date cannot be before the action was raised."}
        )
    action.target_date = target_date
    attribute(action, by)
    action.save(update_fields=["target_date"])
    return action


@transaction.atomic
def action_set_rag(*, action: ActionItem, rag: str, reason: str = "", by=None) -> ActionItem:
    """Override the computed RAG with a reason the log shows; an empty `rag` removes it."""
    if rag and rag not in Rag.values:
        raise ValidationError({"rag": "Choose red, amber or green."})
    if rag and not reason.strip():
        raise ValidationError({"reason": "Give the reason for the rating."})
    action.rag_override = rag
    action.rag_override_reason = reason.strip() if rag else ""
    attribute(action, by)
    action.save(update_fields=["rag_override", "rag_override_reason"])
    return action


@transaction.atomic
def action_mark_duplicate(*, action: ActionItem, of: ActionItem, by=None) -> ActionItem:
    if of.pk == action.pk or of.board_id != action.board_id:
        raise ValidationError("An action duplicates another action of the same board.")
    action.status = ActionStatus.DUPLICATE
    action.duplicate_of = of
    action.closed_on = datetime.date.today()
    action.rag_override, action.rag_override_reason = "", ""
    attribute(action, by)
    action.save()
    return action


@transaction.atomic
def action_edit(
    *,
    action: ActionItem,
    text: str,
    owners: list[Person],
    owner_organisation: Organisation | None,
    all_partners: bool,
    lead_text: str,
    by=None,
) -> ActionItem:
    if not text.strip():
        raise ValidationError({"text": "Enter what needs to be done."})
    action.text, action.owner_organisation = text.strip(), owner_organisation
    action.all_partners, action.lead_text = all_partners, lead_text.strip()
    attribute(action, by)
    action.save()
    action.owners.set(owners)
    return action


@transaction.atomic
def actions_bulk(
    *,
    actions: list[ActionItem],
    close: bool = False,
    target_date: datetime.date | None = None,
    rag: str = "",
    reason: str = "",
    by=None,
) -> int:
    """At the meeting: close, re-date or re-rate several actions at once."""
    if not (close or target_date or rag):
        raise ValidationError("Choose what to do with the selected actions.")
    for action in actions:
        if close:
            action_close(action=action, by=by)
            continue
        if target_date:
            action_redate(action=action, target_date=target_date, by=by)
        if rag:
            action_set_rag(action=action, rag=rag, reason=reason, by=by)
    return len(actions)


# Proposals from the minutes ---------------------------------------------------------------------


@transaction.atomic
def proposals_refresh(*, item: AgendaItem) -> list[ActionProposal]:
    """Propose an action for each ACTION line of the item's minutes not proposed before."""
    if not item.minutes:
        return []
    meeting = item.meeting
    known = set(item.action_proposals.values_list("fingerprint", flat=True))
    made = []
    for proposal in propose_actions(
        item.minutes,
        matcher=OwnerMatcher(meeting=meeting),
        meeting_date=meeting.date,
    ):
        action = proposal.action
        if action.fingerprint in known or action.kind == "update":
            continue
        known.add(action.fingerprint)
        made.append(
            ActionProposal.objects.create(
                item=item,
                fingerprint=action.fingerprint,
                kind=action.kind,
                text=action.text,
                owners=[
                    {
                        "written": m.written,
                        "person_id": m.person_id,
                        "status": m.status,
                        "candidates": list(m.candidates),
                    }
                    for m in proposal.owners
                ],
                due=action.due,
                due_text=action.due_text,
                source_line=action.source_line,
            )
        )
    return made


@transaction.atomic
def proposal_confirm(
    *,
    proposal: ActionProposal,
    text: str | None = None,
    owners: list[Person] | None = None,
    target_date: datetime.date | None = None,
    lead_text: str | None = None,
    by=None,
) -> ActionItem:
    if proposal.status != ProposalStatus.PROPOSED:
        raise NotAllowed("This proposal has already been dealt with.")
    item = proposal.item
    if owners is None:
        ids = [o["person_id"] for o in proposal.owners if o.get("person_id")]
        owners = list(Person.objects.filter(pk__in=ids))
    if lead_text is None:
        lead_text = ", ".join(o["written"] for o in proposal.owners)
    action = action_create(
        board=item.meeting.board,
        text=text if text is not None else proposal.text,
        owners=owners,
        lead_text=lead_text,
        item=item,
        all_partners=any(o.get("status") == "group" for o in proposal.owners),
        target_date=target_date if target_date is not None else proposal.due,
        fingerprint=proposal.fingerprint,
        by=by,
    )
    proposal.status = ProposalStatus.CONFIRMED
    proposal.action = action
    proposal.save(update_fields=["status", "action"])
    return action


@transaction.atomic
def proposal_discard(*, proposal: ActionProposal, by=None) -> ActionProposal:
    if proposal.status != ProposalStatus.PROPOSED:
        raise NotAllowed("This proposal has already been dealt with.")
    proposal.status = ProposalStatus.DISCARDED
    proposal.save(update_fields=["status"])
    return proposal


@transaction.atomic
def action_settings_save(
    *,
    board: Board,
    amber_within_days: int,
    reminder_due_soon_days: int,
    reminder_no_update_days: int,
    by=None,
) -> ActionLogSettings:
    """The board's RAG rule and reminder timings."""
    settings = action_settings_for(board)
    settings.amber_within_days = amber_within_days
    settings.reminder_due_soon_days = reminder_due_soon_days
    settings.reminder_no_update_days = reminder_no_update_days
    settings.full_clean()
    settings.save()
    return settings
