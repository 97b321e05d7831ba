"""Tests that read the shared seed packs and police.uk files skip on a machine without them, and
fail in CI (`CI` set, as `.ci/run` sets it), where those files are always present: a skip there
would hide a broken path."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def shared_data_missing(reason: str) -> NoReturn:
    if in_ci():
        pytest.fail(f"{reason} (CI is set, and CI always has the shared data)", pytrace=False)
    pytest.skip(reason)
