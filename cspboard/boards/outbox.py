"""The outbox (core.mail) as an officer may see it: their boards' e-mails; everything for site
administrators and staff."""

from __future__ import annotations

from django.http import Http404

from cspboard.core.choices import PENDING_EMAIL_STATUSES, EmailStatus
from cspboard.core.models import OutgoingEmail

from .access import access_for
from .models import Board

OUTBOX_LIMIT = 200


def sees_whole_outbox(user) -> bool:
    """Site administrators and staff (past their second factor) see every board's e-mail and
    e-mail about no board (an invitation sent from the site administration)."""
    access = access_for(user)
    if access.second_factor_pending:
        return False
    return access.is_admin or bool(getattr(user, "is_staff", False))


def outbox_board_ids(user) -> frozenset[int] | None:
    """The boards whose e-mail the user may see: None for all of them, else the boards they
    are an officer of."""
    if sees_whole_outbox(user):
        return None
    return access_for(user).officer_board_ids


def may_see_outbox(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    board_ids = outbox_board_ids(user)
    return board_ids is None or bool(board_ids)


def outbox_for_user(user) -> list[OutgoingEmail]:
    """E-mails not sent (failed, waiting to try again, waiting or being sent) that the user may
    see, failed first, newest first, each with `board_name`. A fixed number of queries."""
    if not may_see_outbox(user):
        raise Http404
    emails = OutgoingEmail.objects.filter(status__in=[EmailStatus.FAILED, *PENDING_EMAIL_STATUSES])
    board_ids = outbox_board_ids(user)
    if board_ids is not None:
        emails = emails.filter(board_id__in=board_ids)
    rows = list(emails.order_by("-created_at", "-pk")[:OUTBOX_LIMIT])
    rows.sort(key=lambda e: e.status != EmailStatus.FAILED)  # stable: failed first
    names = dict(Board.objects.filter(pk__in={e.board_id for e in rows}).values_list("pk", "name"))
    for email in rows:
        email.board_name = names.get(email.board_id, "")
    return rows


def outbox_email_for_user(user, pk: int) -> OutgoingEmail:
    """One e-mail of the outbox the user may see, or 404."""
    if not may_see_outbox(user):
        raise Http404
    emails = OutgoingEmail.objects.all()
    board_ids = outbox_board_ids(user)
    if board_ids is not None:
        emails = emails.filter(board_id__in=board_ids)
    try:
        return emails.get(pk=pk)
    except OutgoingEmail.DoesNotExist:
        raise Http404 from None
