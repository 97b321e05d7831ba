"""The rows to store, fetched from DuckDB for files it has checked: a few files at a time,
ahead of the writer, as flat lists of values (`FlatRows`, no tuple a row).

The street import's rows come from the table its one checking pass leaves them in. Small files
are fetched together, in one query (a query has a cost of its own: about CHUNK_ROWS rows a
query, whatever the files' sizes), and split again by file. A
file that changed between the check and the handing over of its rows is refused.
"""

from __future__ import annotations

import importlib.util
import os
from bisect import bisect_right
from collections.abc import Sequence

import duckdb

from .ahead import ReadAhead
from .base import FlatRows, ImportRefused, Problem, duckdb_problem
from .sources import SourceFile

# DuckDB hands columns to NumPy (when installed: Matplotlib needs it) faster than rows to tuples.
NUMPY = importlib.util.find_spec("numpy") is not None
# Files read in one query, up to about this many rows together (`rows`; else all at once).
CHUNK_ROWS = 20_000
# Rows waiting for the writer, at most (but always the next chunk, whatever its size).
BUDGET_ROWS = 50_000


class FileRows:
    """`take(index)` gives the rows of `sources[index]`; reading starts at once, in a thread
    of its own, and a file at a time for `take` called out of order or twice.

    `select` is the query for the rows of the files in parameter `$files`, in the files' order:
    the `width` values to store, then DuckDB's `filename`; `params` are its other parameters.
    Files whose index is in `skip` have no rows to read; `rows` are how many each file has, when
    known, to fetch about CHUNK_ROWS at a time. `stats` are the files' `file_stat()`
    from before they were read (taken now if not given): a file whose size or time differs when
    its rows are taken is refused."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        sources: Sequence[SourceFile],
        select: str,
        params: dict,
        *,
        width: int,
        stats: Sequence[tuple[int, int] | None] | None = None,
        skip: frozenset[int] = frozenset(),
        rows: Sequence[int] | None = None,
    ):
        self._con = con
        self._sources = list(sources)
        self._select = select
        self._params = params
        self._width = width
        self.skip = skip
        self._stats = list(stats) if stats is not None else list(map(file_stat, self._sources))
        self._chunks = _chunks(rows if rows is not None else [0] * len(self._sources))
        self._chunk_of = {i: n for n, chunk in enumerate(self._chunks) for i in chunk}
        self._blocks: dict[int, FlatRows] = {}
        self._cursor = con.cursor()  # the reading thread's own connection to DuckDB
        self._ahead = ReadAhead(
            len(self._chunks),
            lambda number: _Chunk(self._read(self._cursor, self._chunks[number])),
            budget=BUDGET_ROWS,
            interrupt=self._cursor.interrupt,
        )

    def take(self, index: int) -> FlatRows:
        if index not in self._blocks:
            try:
                self._blocks.update(self._ahead.take(self._chunk_of[index]).blocks)
            except LookupError:  # asked for twice, or out of order: read it here
                self._blocks.update(self._read(self._con, [index]))
        block = self._blocks.pop(index)
        if self._stats[index] != file_stat(self._sources[index]):
            raise ImportRefused(
                Problem(self._sources[index].name, "the file changed while it was being imported")
            )
        return block

    def close(self) -> None:
        self._ahead.close()
        self._cursor.close()

    def _read(self, con, indexes: list[int]) -> dict[int, FlatRows]:
        skip = self.skip
        wanted = [i for i in indexes if i not in skip]
        blocks: dict[int, FlatRows] = {i: FlatRows([], self._width) for i in indexes if i in skip}
        try:
            if len(wanted) == 1:
                blocks[wanted[0]] = FlatRows(self._values(con, wanted)[0], self._width)
            elif wanted:
                blocks.update(self._split(con, wanted))
        except duckdb.Error as error:
            names = {str(self._sources[i].path): self._sources[i].name for i in wanted}
            raise ImportRefused(duckdb_problem(error, names)) from None
        return blocks

    def _values(self, con, indexes: list[int]) -> tuple[list, list[int]]:
        """The files' rows as one flat list, and the position in `indexes` of each row's file."""
        params = {**self._params, "files": [str(self._sources[i].path) for i in indexes]}
        # The query is the caller's; the files are a parameter.
        select = f"""SELECT * EXCLUDE (filename), list_position($files, filename) - 1
                     FROM ({self._select})"""  # noqa: S608
        result = con.execute(select, params)
        if NUMPY:
            columns = [column.tolist() for column in result.fetchnumpy().values()]
        else:
            columns = [list(column) for column in zip(*result.fetchall(), strict=True)]
            columns = columns or [[] for _ in range(self._width + 1)]
        positions = columns.pop()
        width = self._width
        values = [None] * (len(positions) * width)
        for position, column in enumerate(columns):
            values[position::width] = column
        return values, positions

    def _split(self, con, indexes: list[int]) -> dict[int, FlatRows]:
        """One query for several files, split by file. The rows come in the files' order; if
        they ever did not, each file is read again on its own."""
        values, positions = self._values(con, indexes)
        if positions != sorted(positions):
            return {index: self._read(con, [index])[index] for index in indexes}
        blocks: dict[int, FlatRows] = {}
        start = 0
        for position, index in enumerate(indexes):
            end = bisect_right(positions, position, start)
            blocks[index] = FlatRows(values[start * self._width : end * self._width], self._width)
            start = end
        return blocks


class _Chunk:
    def __init__(self, blocks: dict[int, FlatRows]):
        self.blocks = blocks

    def __len__(self) -> int:
        return sum(len(block) for block in self.blocks.values())


def file_stat(source: SourceFile) -> tuple[int, int] | None:
    """The file's size and time of change, to tell whether it changed since."""
    try:
        found = os.stat(source.path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def _chunks(rows: Sequence[int]) -> list[list[int]]:
    """Consecutive files, CHUNK_ROWS or so a chunk (a file with more is a chunk alone)."""
    chunks: list[list[int]] = []
    size = CHUNK_ROWS
    for index, count in enumerate(rows):
        if size + count > CHUNK_ROWS and (size or not chunks):
            chunks.append([])
            size = 0
        chunks[-1].append(index)
        size += count
    return chunks
