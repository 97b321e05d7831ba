"""Reads for reports. Every function that takes `user` applies cspboard.meetings.permissions.

By what they read: `report_requests` (a request, its versions, whom to ask, the board's
deadline rule), `subgroup_updates` (the subgroups' update reports) and `reports_due` (the
lists of what is asked of a person and what is due to the officers). Importing from
`reports.selectors` gives any of them."""

from .report_requests import (
    default_deadline,
    open_report_requests,
    open_request_for_item,
    people_to_ask,
    report_settings_for,
    reporting_subgroups,
    request_for_officer,
    request_for_submitter,
    request_for_viewer,
    submission_for_viewer,
    submissions_of,
)
from .reports_due import (
    DueMeeting,
    DuePage,
    DueRow,
    DueSubgroup,
    LeadUpdate,
    MyReports,
    my_reports,
    reports_due_for_officer,
)
from .subgroup_updates import (
    SubgroupPanel,
    SubgroupRow,
    SubgroupUpdatePage,
    default_update_title,
    is_subgroup_updates_item,
    shows_subgroup_updates,
    subgroup_panel_for_viewer,
    subgroup_update_for_viewer,
    subgroup_update_for_writer,
    subgroup_update_of,
    subgroup_updates_item,
    subgroups_for_meeting,
)

__all__ = [
    "DueMeeting",
    "DuePage",
    "DueRow",
    "DueSubgroup",
    "LeadUpdate",
    "MyReports",
    "SubgroupPanel",
    "SubgroupRow",
    "SubgroupUpdatePage",
    "default_deadline",
    "default_update_title",
    "is_subgroup_updates_item",
    "my_reports",
    "open_report_requests",
    "open_request_for_item",
    "people_to_ask",
    "report_settings_for",
    "reporting_subgroups",
    "reports_due_for_officer",
    "request_for_officer",
    "request_for_submitter",
    "request_for_viewer",
    "shows_subgroup_updates",
    "subgroup_panel_for_viewer",
    "subgroup_update_for_viewer",
    "subgroup_update_for_writer",
    "subgroup_update_of",
    "subgroup_updates_item",
    "subgroups_for_meeting",
    "submission_for_viewer",
    "submissions_of",
]
