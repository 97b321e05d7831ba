"""The reports pages, by what they are for: `report_requests` (asking for a report, the lists
of reports due, the board's deadline rule), `submissions` (writing or uploading a requested
report, signed in or by link, and its versions), `subgroup_updates` (a subgroup's update for a
meeting). `shared` holds what they share. Views parse input, call a selector or a service, and
render."""
