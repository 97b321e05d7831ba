"""Reading performance data files with DuckDB, checked before anything is written.

`street` reads police.uk street-level crime files (`sources` finds them in folders and zip
archives); `counts` reads the Met's recorded-crime counts as the London Datastore publishes
them; `base` holds what both share, and the base of the import commands.
"""
