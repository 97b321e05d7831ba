"""Who may see and do what: the one place where the record's access rules live.

The rules, in the board's own terms:
- Boards, meetings, published agendas, attendance and approved minutes are public.
- An agenda item with a Schedule 12A paragraph is withheld from the public: they see its number,
  its title and the legal basis, never its sub-items, minutes, decisions, declarations or papers.
  A paper marked PROTECTED or RESTRICTED is withheld the same way, whatever its item.
- Anyone holding a current membership of a board (any role, advisers and note takers included)
  sees that board's withheld material, and that of the board's subgroups, all the way down.
- Officers (contact officer, clerk or policy officer) of a board also see its unpublished
  agendas and draft minutes; members see draft minutes; the public sees published minutes only.
- Site administrators (Django superusers) see everything.
- When settings.REQUIRE_2FA is on, anyone who would see withheld material (a current member of
  any board, a site administrator, or staff, who reach records through the site
  administration) sees none of it until they have verified a second factor (a TOTP code) in this
  session; until then they are treated like a signed-in member of the public, and the site
  administration sends them to verify first.
- Officers manage their boards: memberships, the information sharing agreements, log-ins for
  the people on them; they may try to delete a person on their boards (refused while the record
  refers to them).

Views never test these rules themselves: they call the selectors, which call this module. Who
holds which role (`Access`, `access_for`) is computed in `cspboard.boards.access`.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from cspboard.boards.access import Access, is_chair, subgroups_led_by

from .choices import (
    AGENDA_PUBLIC_STATUSES,
    MINUTES_STATUSES,
    WITHHELD_MARKINGS,
    MeetingStatus,
)


def can_see_agenda(access: Access, meeting) -> bool:
    """Agendas are public once published; officers see them while they are being drafted."""
    return meeting.agenda_is_published or access.is_officer(meeting.board_id)


def can_see_minutes(access: Access, meeting) -> bool:
    if meeting.status == MeetingStatus.MINUTES_PUBLISHED:
        return True
    if meeting.status in MINUTES_STATUSES:
        return access.can_see_withheld(meeting.board_id) or access.is_officer(meeting.board_id)
    return False


def meeting_audience(access: Access, board_id: int) -> str:
    """The class of viewer a meeting of the board is shown to. What its page shows from the
    record differs between viewers only through the rules above and below (the agenda, the
    minutes and the withheld rule, each of which asks `is_officer` or `can_see_withheld` of the
    board), so every viewer of one class is shown the same record: "officer" (the board's
    officers, those of a board above it, site administrators), "member" (everyone else who sees
    the board's withheld material) or "public" (everyone else, signed in or not, and anyone
    whose second factor is pending)."""
    if access.is_officer(board_id):
        return "officer"
    if access.can_see_withheld(board_id):
        return "member"
    return "public"


# The withheld rule ------------------------------------------------------------------------------
#
# One rule, written once as a database filter and once as its row-level twin (for records
# already in memory); tests hold the two to the same answers. An agenda item is withheld when it
# or any item above it, at any depth, has a Schedule 12A paragraph (stored on every item as
# `withheld_paragraph`, so the filter is one column whatever the depth); whatever is attached to
# a withheld item (papers, minutes, decisions, declarations, actions, reports, updates) is
# withheld with it, and a paper or update marked PROTECTED or RESTRICTED is withheld on its own.
# The models' querysets expose the filter as `visible_to(access)`.


def _path(path: str) -> str:
    return f"{path}__" if path else ""


def meeting_agenda_visible_q(access: Access, meeting_path: str = "") -> Q:
    """Meetings (reached through `meeting_path`) whose agenda the viewer may see: the
    queryset twin of `can_see_agenda`."""
    if access.is_admin:
        return Q()
    p = _path(meeting_path)
    visible = Q(**{f"{p}status__in": AGENDA_PUBLIC_STATUSES})
    if access.officer_board_ids:
        visible |= Q(**{f"{p}board_id__in": access.officer_board_ids})
    return visible


def agenda_visible_q(access: Access, item_path: str = "") -> Q:
    """Items (reached through `item_path`) whose agenda the viewer may see: published, or
    still being drafted for the board's officers."""
    return meeting_agenda_visible_q(access, f"{_path(item_path)}meeting")


def item_visible_q(access: Access, item_path: str = "") -> Q:
    """Items (or rows attached to one through `item_path`) the viewer may see in full: on an
    agenda they may see, and not withheld, unless they may see the board's withheld material."""
    if access.is_admin:
        return Q()
    p = _path(item_path)
    open_to_them = Q(**{f"{p}withheld_paragraph__isnull": True})
    if access.member_board_ids:
        open_to_them |= Q(**{f"{p}meeting__board_id__in": access.member_board_ids})
    return agenda_visible_q(access, item_path) & open_to_them


def marking_visible_q(access: Access, board_path: str, row_path: str = "") -> Q:
    """Rows with Schedule 12A fields of their own (Withholdable), reached through `row_path`
    (an award's, `"award"`; the row itself by default), that the viewer may see on their own
    account: not marked withheld, or on a board whose withheld material they see."""
    if access.is_admin:
        return Q()
    p = _path(row_path)
    visible = ~Q(**{f"{p}security_marking__in": WITHHELD_MARKINGS}) & Q(
        **{f"{p}schedule_12a_paragraph__isnull": True}
    )
    if access.member_board_ids:
        visible |= Q(**{f"{board_path}__in": access.member_board_ids})
    return visible


def minutes_visible_q(access: Access, meeting_path: str = "meeting") -> Q:
    """Rows under meetings (reached through `meeting_path`) whose minutes the viewer may read:
    the row-level twin is `can_see_minutes`. Published minutes are public; drafts, those with
    the chair and approved ones are for the board's members and officers."""
    if access.is_admin:
        return Q()
    p = _path(meeting_path)
    visible = Q(**{f"{p}status": MeetingStatus.MINUTES_PUBLISHED})
    entitled = set(access.member_board_ids) | set(access.officer_board_ids)
    if entitled:
        visible |= Q(**{f"{p}status__in": MINUTES_STATUSES, f"{p}board_id__in": entitled})
    return visible


def document_visible_q(access: Access) -> Q:
    """Papers: their item seen in full, and not marked withheld themselves."""
    return item_visible_q(access, "item") & marking_visible_q(access, "item__meeting__board_id")


def action_visible_q(access: Access) -> Q:
    """Actions: members see their boards' whole logs; the public only actions raised in
    published minutes under an item that is not withheld (at any depth)."""
    if access.is_admin:
        return Q()
    public = Q(meeting__status=MeetingStatus.MINUTES_PUBLISHED) & (
        Q(item__isnull=True) | Q(item__withheld_paragraph__isnull=True)
    )
    if access.member_board_ids:
        public |= Q(board_id__in=access.member_board_ids)
    return public


def item_open_to(access: Access, item) -> bool:
    """The withheld half of the rule alone: the item is not withheld, or the viewer may see
    its board's withheld material. (The forward plan, public before the agenda is, uses it.)"""
    return not item.is_withheld or access.can_see_withheld(item.meeting.board_id)


def can_see_item(access: Access, item) -> bool:
    """Row-level twin of `item_visible_q` (`item.meeting` loaded)."""
    return can_see_agenda(access, item.meeting) and item_open_to(access, item)


def can_see_document(access: Access, document) -> bool:
    """Row-level twin of `document_visible_q` (`document.item.meeting` loaded)."""
    if not can_see_item(access, document.item):
        return False
    return not document.is_marked_withheld or access.can_see_withheld(
        document.item.meeting.board_id
    )


def can_see_plan_comments(access: Access, board) -> bool:
    """The forward plan is public (it goes out in every agenda pack, withheld items shown by
    number, title and legal basis); officers' comments on its items are for officers only."""
    return access.is_officer(board.pk)


def can_add_documents(access: Access, meeting) -> bool:
    return access.is_officer(meeting.board_id)


# The meeting cycle ------------------------------------------------------------------------------


def can_manage_meeting(access: Access, meeting) -> bool:
    """Officers run the board's meetings: agenda, attendance, minutes, papers."""
    return access.is_officer(meeting.board_id)


def can_review_minutes(user, access: Access, meeting) -> bool:
    """The chair approves the minutes; an officer may record the chair's answer given by
    e-mail or in person (the approval record says who entered it)."""
    return access.is_officer(meeting.board_id) or (
        access.can_see_withheld(meeting.board_id)
        and (
            is_chair(user, meeting.board_id)
            or (meeting.chair_id is not None and meeting.chair_id == access.person_id)
        )
    )


def can_declare_interest(access: Access, meeting) -> bool:
    """Members record their own declarations ahead of a meeting of their board."""
    return access.person_id is not None and access.can_see_withheld(meeting.board_id)


# The action log ---------------------------------------------------------------------------------


def can_update_action(access: Access, action, owner_ids: set[int]) -> bool:
    """Owners post updates on their own actions; officers on any of their board's."""
    return access.is_officer(action.board_id) or (
        access.person_id is not None
        and access.person_id in owner_ids
        and access.can_see_withheld(action.board_id)
    )


def action_is_withheld(action) -> bool:
    """Raised under a withheld item (at any depth): the row-level form of `action_visible_q`'s
    item test. E-mails about such actions carry no text."""
    return action.item_id is not None and action.item.is_withheld


# Performance indicators -------------------------------------------------------------------------


def can_see_performance(access: Access, board) -> bool:
    """The performance report and the hotspot table are public: they are built from published
    open data and figures the partnership reports in public."""
    return True


def can_enter_performance(access: Access, board) -> bool:
    """Officers and analysts of a board enter and upload its figures, override its ratings (with
    a reason) and write the commentary; everyone else is answered 404 on those pages."""
    return access.is_officer(board.pk) or access.is_analyst(board.pk)


def can_see_performance_drafts(access: Access, board) -> bool:
    """The analyst's commentary and rating overrides are drafts until the month's report is
    published: only the board's officers and analysts see them (marked as drafts); everyone
    else, members included, sees the month's as published."""
    return access.is_officer(board.pk) or access.is_analyst(board.pk)


# Report requests and subgroup update reports ----------------------------------------------------


def can_request_reports(access: Access, meeting) -> bool:
    """Officers commission their board's papers, set the deadlines and chase them."""
    return access.is_officer(meeting.board_id)


def is_report_author(user, access: Access, report_request) -> bool:
    """The person asked for the report, signed in with their own account. (Access names a
    person only for members, and an author may hold no membership.) Until a member has
    verified their second factor they are not treated as the author either."""
    if user is None or not user.is_authenticated or access.second_factor_pending:
        return False
    try:
        person_id = user.person.pk
    except ObjectDoesNotExist:
        return False
    return person_id == report_request.author_id


def can_see_report_request(user, access: Access, report_request) -> bool:
    """A request (its deadline, its versions) is for the board's officers and its author only,
    withheld item or not; members read the report itself as a paper of the item."""
    return access.is_officer(report_request.item.meeting.board_id) or is_report_author(
        user, access, report_request
    )


def can_submit_report(user, access: Access, report_request) -> bool:
    """The author submits; an officer may submit on their behalf (a report sent by e-mail)."""
    return can_see_report_request(user, access, report_request)


def leads_subgroup(user, access: Access, subgroup, led: frozenset[int] | None = None) -> bool:
    """The subgroup's chair, interim or deputy chair, or one of its officers, now. `led` is
    `subgroups_led_by(user, access)` when the caller has it already."""
    if user is None or not user.is_authenticated or access.second_factor_pending:
        return False
    if access.is_officer(subgroup.pk):
        return True
    return subgroup.pk in (subgroups_led_by(user, access) if led is None else led)


def can_write_subgroup_update(
    user, access: Access, subgroup, meeting, led: frozenset[int] | None = None
) -> bool:
    """A subgroup's update to a meeting of its parent board is written by the subgroup's lead,
    or by the parent board's officers (an update sent to them by e-mail)."""
    if subgroup.parent_id != meeting.board_id:
        return False
    return access.is_officer(meeting.board_id) or leads_subgroup(user, access, subgroup, led)


def can_see_subgroup_update(access: Access, update, item_withheld: bool) -> bool:
    # `item_withheld`: the collecting item's `is_withheld` (any depth).
    """Public with the agenda, unless the update is marked PROTECTED or RESTRICTED or its item
    is withheld: then for those entitled to the parent board's withheld material. (Its writers
    also see it while they write it: `can_write_subgroup_update`.)"""
    meeting = update.meeting
    if not can_see_agenda(access, meeting):
        return False
    if item_withheld or update.is_marked_withheld:
        return access.can_see_withheld(meeting.board_id)
    return True


# Funded services (cspboard.funding) -------------------------------------------------------------
#
# An award to a provider may be withheld under Schedule 12A (a restricted funding decision) and
# is then for the board's members (the withheld rule, `marking_visible_q`); a proposed award is
# a decision not yet taken, for the board's members and officers alone. Everyone else sees
# awarded and ended awards, their amounts, and the figures and spend of their accepted returns.
# A return's narrative (progress, challenges, a case study that may describe people) is for the
# board's members and officers only, and returns not yet accepted for the board's officers
# and members. (The statuses are cspboard.funding.choices', named here as stored.)

AWARD_PUBLIC_STATUSES = ("awarded", "ended")
RETURN_PUBLIC_STATUSES = ("accepted",)


def _entitled_boards(access: Access) -> set[int]:
    return set(access.member_board_ids) | set(access.officer_board_ids)


def award_visible_q(access: Access, award_path: str = "") -> Q:
    """Awards (reached through `award_path`) the viewer may see: the withheld rule on the award's
    own marking, and, unless they are the board's members or officers, awarded or ended."""
    if access.is_admin:
        return Q()
    p = _path(award_path)
    board = f"{p}stream__board_id"
    visible = Q(**{f"{p}status__in": AWARD_PUBLIC_STATUSES})
    entitled = _entitled_boards(access)
    if entitled:
        visible |= Q(**{f"{board}__in": entitled})
    return marking_visible_q(access, board, row_path=award_path) & visible


def can_see_award(access: Access, award) -> bool:
    """Row-level twin of `award_visible_q` (`award.stream` loaded)."""
    board_id = award.stream.board_id
    if award.is_marked_withheld and not access.can_see_withheld(board_id):
        return False
    return award.status in AWARD_PUBLIC_STATUSES or bool(
        access.is_admin or board_id in _entitled_boards(access)
    )


def funding_return_visible_q(access: Access, return_path: str = "") -> Q:
    """Quarterly returns whose figures and spend the viewer may see: their award seen, and
    accepted, unless they are the board's members or officers."""
    if access.is_admin:
        return Q()
    p = _path(return_path)
    visible = Q(**{f"{p}status__in": RETURN_PUBLIC_STATUSES})
    entitled = _entitled_boards(access)
    if entitled:
        visible |= Q(**{f"{p}award__stream__board_id__in": entitled})
    return award_visible_q(access, f"{p}award") & visible


def can_see_funding_return(access: Access, quarterly_return) -> bool:
    """Row-level twin of `funding_return_visible_q` (`award.stream` loaded)."""
    award = quarterly_return.award
    if not can_see_award(access, award):
        return False
    return quarterly_return.status in RETURN_PUBLIC_STATUSES or bool(
        access.is_admin or award.stream.board_id in _entitled_boards(access)
    )


def can_see_return_narrative(access: Access, board_id: int) -> bool:
    """Providers' progress, challenges and case studies are for the board's members and
    officers, even once accepted."""
    return access.is_admin or board_id in _entitled_boards(access)


def can_manage_funding(access: Access, board) -> bool:
    """Officers record the board's funding streams and awards, ask for returns and review them."""
    return access.is_officer(board.pk)


# Places of concern ------------------------------------------------------------------------------


def place_finding_visible_q(access: Access, finding_path: str = "") -> Q:
    """Findings about a place: hidden when the finding or its place is withheld (partner
    intelligence), unless the viewer sees the board's withheld material."""
    p = _path(finding_path)
    board = f"{p}place__board_id"
    return marking_visible_q(access, board, row_path=finding_path) & marking_visible_q(
        access, board, row_path=f"{p}place"
    )


def can_see_place(access: Access, place) -> bool:
    """Row-level twin of `Place.objects.visible_to` (`marking_visible_q` on the place)."""
    return not place.is_marked_withheld or access.can_see_withheld(place.board_id)


def can_see_place_finding(access: Access, finding) -> bool:
    """Row-level twin of `place_finding_visible_q` (`finding.place` loaded)."""
    withheld = finding.is_marked_withheld or finding.place.is_marked_withheld
    return not withheld or access.can_see_withheld(finding.place.board_id)


def can_manage_places(access: Access, board) -> bool:
    """Officers record their board's places of concern, what was found there, and the actions
    that answer it."""
    return access.is_officer(board.pk)


# Plans ------------------------------------------------------------------------------------------
#
# A plan's versions are drafted by the board's officers and discussed with its members before
# they are published: a draft is for the board's officers and members (a parent board's too);
# published versions, and those a newer one superseded, are public. A plan action inside a
# visible version follows the withheld rule on its own account (`marking_visible_q`).

PLAN_PUBLIC_VERSION_STATUSES = ("published", "superseded")


def plan_version_visible_q(access: Access, board_path: str, status_path: str = "status") -> Q:
    """Plan versions (their board reached through `board_path`, their status `status_path`)
    the viewer may read: the row-level twin is `can_see_plan_version`."""
    if access.is_admin:
        return Q()
    visible = Q(**{f"{status_path}__in": PLAN_PUBLIC_VERSION_STATUSES})
    entitled = _entitled_boards(access)
    if entitled:
        visible |= Q(**{f"{board_path}__in": entitled})
    return visible


def can_see_plan_version(access: Access, board_id: int, status: str) -> bool:
    """Row-level twin of `plan_version_visible_q`."""
    return (
        status in PLAN_PUBLIC_VERSION_STATUSES
        or access.can_see_withheld(board_id)
        or access.is_officer(board_id)
    )


def can_manage_plans(access: Access, board) -> bool:
    """Officers of the board (or of a board above it) write its plans, publish and refresh
    them, import them and post updates on their actions."""
    return access.is_officer(board.pk)
