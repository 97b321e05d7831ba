"""Tests that span the layers.

A test inside an app imports only that app and the layers below it (the import-linter contracts
in pyproject.toml hold the tests to the layers as they hold the code). The tests here check
behaviour that crosses them, and so in no layer, like `cspboard.e2e`: the permission matrix and
the withheld rule against every app's pages, the cache, the outbox, the backup, the content
security policy, the demo data, the pages one app draws from another's registered sections, and
the tests of a lower app that need a higher app's factories to build a whole record.
"""
