"""Fetch-and-authorise helpers for the action log's officer pages (the rules themselves are in
cspboard.meetings.permissions)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from cspboard.boards.access import access_for
from cspboard.boards.models import Board
from cspboard.meetings.permissions import can_manage_actions


def board_for_officer(user, slug: str) -> Board:
    """The board, for one of its officers: 404 for anyone else, as if it had no such page."""
    board = get_object_or_404(Board, slug=slug)
    if not can_manage_actions(access_for(user), board):
        raise Http404
    return board
