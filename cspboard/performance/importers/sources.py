"""Finding the police.uk street files in what a person points an import at: files, folders
(searched for `*-street.csv` and `*.zip`), or the zip archives data.police.uk hands out, whose
`-street.csv` members are copied to a temporary folder for DuckDB to read.

DuckDB takes a path holding `*`, `?`, `[` or `{` for a pattern, and may read other files that
match it: such a file is read through a link under a plain name (`literal_path`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from .base import ImportRefused, Problem

STREET_SUFFIX = "-street.csv"
# What DuckDB's file readers take for a glob pattern in a path.
_PATTERN = re.compile(r"[*?\[\]{}]")


@dataclasses.dataclass(frozen=True)
class SourceFile:
    """A CSV file to read (`path`) and what messages call it (`name`: the path given, or the
    archive and its member)."""

    path: Path
    name: str


@contextlib.contextmanager
def street_files(paths: Iterable[str | Path]) -> Iterator[list[SourceFile]]:
    """The street files in `paths`, in order, each once; archives are unpacked for the time of
    the `with` block."""
    with tempfile.TemporaryDirectory(prefix="cspboard-crimes-") as folder:
        found: list[SourceFile] = []
        seen: set[Path] = set()
        archives = itertools.count()
        for given in paths:
            for source in _expand(Path(given), Path(folder), archives):
                key = source.path.resolve()
                if key not in seen:
                    seen.add(key)
                    found.append(source)
        if not found:
            raise ImportRefused(Problem(", ".join(map(str, paths)), "no street-level files"))
        yield found


def _expand(path: Path, folder: Path, archives: itertools.count) -> Iterator[SourceFile]:
    if path.is_dir():
        inside = sorted(p for p in path.rglob("*") if p.is_file() and _is_street_or_archive(p.name))
        if not inside:
            raise ImportRefused(
                Problem(str(path), f"no files named *{STREET_SUFFIX} or *.zip in this folder")
            )
        for item in inside:
            yield from _expand(item, folder, archives)
    elif path.is_file() and path.suffix.lower() == ".zip":
        if not zipfile.is_zipfile(path):
            raise ImportRefused(Problem(str(path), "this is not a zip archive"))
        yield from _unpack(path, folder / f"{next(archives):04d}")
    elif path.is_file():
        yield SourceFile(path=literal_path(path, folder, STREET_SUFFIX), name=str(path))
    else:
        raise ImportRefused(Problem(str(path), "no such file or folder"))


def _is_street_or_archive(name: str) -> bool:
    return name.endswith(STREET_SUFFIX) or name.lower().endswith(".zip")


def _unpack(archive: Path, folder: Path) -> Iterator[SourceFile]:
    """Copy the archive's street files out under names of our own (never the members' paths,
    which could point outside the folder)."""
    folder.mkdir(parents=True)
    with zipfile.ZipFile(archive) as zipped:
        members = sorted(
            info.filename
            for info in zipped.infolist()
            if not info.is_dir() and info.filename.endswith(STREET_SUFFIX)
        )
        if not members:
            raise ImportRefused(
                Problem(str(archive), f"the archive has no files named *{STREET_SUFFIX}")
            )
        for number, member in enumerate(members):
            plain = _PATTERN.sub("_", PurePosixPath(member).name)
            target = folder / f"{number:05d}-{plain}"
            with zipped.open(member) as source, open(target, "wb") as copy:
                shutil.copyfileobj(source, copy, 1024 * 1024)
            yield SourceFile(path=target, name=f"{archive}:{member}")


def literal_path(path: Path, folder: Path, suffix: str = "") -> Path:
    """`path`, or when DuckDB would take it for a pattern, a link to it in `folder` (which must
    outlive the reading) under a plain name ending `suffix` (a copy where links are refused)."""
    if not _PATTERN.search(str(path)):
        return path
    folder.mkdir(parents=True, exist_ok=True)
    for number in itertools.count():
        link = folder / f"literal-{number:05d}{suffix}"
        try:
            os.symlink(path.resolve(), link)
        except FileExistsError:
            continue
        except OSError:
            shutil.copyfile(path, link)
        return link
    raise AssertionError("unreachable")
