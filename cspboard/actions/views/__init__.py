"""The action log's pages, by what they are for: `log` (the board's log, its download, the
officer's page of a meeting's actions, "my actions", reminders sent, the board's rule),
`action_page` (an action's page, each change to it posted to its own address, and an owner's
update through a signed link) and `spreadsheet_import` (importing a log, with its preview)."""
