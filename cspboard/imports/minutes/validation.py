"""Checking a draft that came back from the review page: every field of the type the draft
declares, so that writing it never meets a number where it expects words."""

from __future__ import annotations

import dataclasses
import datetime

from cspboard.documents.readers import Where

from . import draft as drafts

_SIMPLE = {
    "str": (str,),
    "bool": (bool,),
    "int": (int,),
    "int | None": (int, type(None)),
    "datetime.date | None": (datetime.date, type(None)),
    "datetime.time | None": (datetime.time, type(None)),
    "Where | None": (Where, type(None)),
}


def _check(value, annotation: str, path: str) -> None:
    if annotation in _SIMPLE:
        if not isinstance(value, _SIMPLE[annotation]) or (
            annotation in ("int", "int | None") and isinstance(value, bool)
        ):
            raise ValueError(f"{path} should be {annotation.replace(' | None', '')}")
        if isinstance(value, Where) and not (
            isinstance(value.line, int) and isinstance(value.file, str)
        ):
            raise ValueError(f"{path} is not a place in the file")
        return
    if annotation.startswith("list[") and annotation.endswith("]"):
        if not isinstance(value, list):
            raise ValueError(f"{path} should be a list")
        inner = annotation[5:-1]
        for index, element in enumerate(value):
            _check(element, inner, f"{path}[{index}]")
        return
    if annotation == "dict[str, Where]":
        if not isinstance(value, dict):
            raise ValueError(f"{path} should be an object")
        for key, element in value.items():
            _check(element, "Where | None", f"{path}.{key}")
        return
    cls = getattr(drafts, annotation, None)
    if cls is None or not dataclasses.is_dataclass(cls):
        raise ValueError(f"{path}: cannot check {annotation}")
    if not isinstance(value, cls):
        raise ValueError(f"{path} should be {annotation}")
    for field in dataclasses.fields(cls):
        _check(getattr(value, field.name), str(field.type), f"{path}.{field.name}")


def check_types(draft: drafts.DocumentDraft) -> None:
    """Raise ValueError naming the first field of the wrong type."""
    _check(draft, "DocumentDraft", "draft")


def _check_data(data, cls, path: str) -> None:
    if not isinstance(data, dict):
        raise ValueError(f"{path} should be an object")
    fields = {field.name: str(field.type) for field in dataclasses.fields(cls)}
    for key, value in data.items():
        if key not in fields:
            raise ValueError(f"{path} has no field {key!r}")
        annotation = fields[key]
        inner = getattr(drafts, annotation[5:-1], None) if annotation.startswith("list[") else None
        if inner is not None and dataclasses.is_dataclass(inner):
            if not isinstance(value, list):
                raise ValueError(f"{path}.{key} should be a list")
            for index, element in enumerate(value):
                _check_data(element, inner, f"{path}.{key}[{index}]")
        elif annotation == "Where | None" and value is not None:
            _check_data(value, Where, f"{path}.{key}")
        elif annotation == "dict[str, Where]":
            if not isinstance(value, dict):
                raise ValueError(f"{path}.{key} should be an object")
            for name, element in value.items():
                if element is not None:
                    _check_data(element, Where, f"{path}.{key}.{name}")


def check_data(data) -> None:
    """Raise ValueError if JSON data is not shaped as a draft (before `from_json` reads it,
    which trusts the shape)."""
    _check_data(data, drafts.DocumentDraft, "draft")


def _scrubbed(value):
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    if isinstance(value, dict):
        return {k: _scrubbed(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type | Where):
        return dataclasses.replace(
            value, **{f.name: _scrubbed(getattr(value, f.name)) for f in dataclasses.fields(value)}
        )
    return value


def without_nul(draft: drafts.DocumentDraft) -> drafts.DocumentDraft:
    """The draft without NUL characters, which PostgreSQL's text refuses (a copy)."""
    return _scrubbed(draft)
