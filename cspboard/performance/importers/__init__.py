"""Reading performance data files with DuckDB, checked before anything is written.

`street` reads police.uk street-level crime files (`sources` finds them in folders and zip
archives; one DuckDB pass checks them and gathers the rows to keep, which `filerows` fetches
in a thread of its own with `ahead`);
`counts` reads the Met's recorded-crime counts as the London Datastore publishes them; `base`
holds what both share (refusals, the insert, and the base of the import commands).
"""
