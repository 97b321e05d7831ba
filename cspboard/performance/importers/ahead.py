"""Reading ahead: one thread turns the next files' rows into Python values while the caller
writes this file's to the database. DuckDB and the database drivers let go of the GIL for most
of their work, so on two cores the reading costs the import little more than its wait for the
first file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sized
from typing import Generic, TypeVar

Block = TypeVar("Block", bound=Sized)


class ReadAhead(Generic[Block]):
    """Calls `produce(0)`, `produce(1)`, ... `produce(count - 1)` in a thread of its own, in
    order, keeping no more than about `budget` rows (the blocks' lengths) waiting, but always
    the next one. `take(index)` waits for a block and hands it over, or raises what producing
    it raised. `close()` stops the thread (calling `interrupt` to cut a long read short) and
    waits for it: call it before closing what `produce` uses."""

    def __init__(
        self,
        count: int,
        produce: Callable[[int], Block],
        *,
        budget: int,
        interrupt: Callable[[], object] | None = None,
    ):
        self._count = count
        self._produce = produce
        self._budget = budget
        self._interrupt = interrupt
        self._ready: dict[int, tuple[Block | None, BaseException | None]] = {}
        self._waiting_rows = 0
        self._stopping = False
        self._finished = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="cspboard-read-ahead", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for index in range(self._count):
                with self._condition:
                    while self._ready and self._waiting_rows >= self._budget and not self._stopping:
                        self._condition.wait()
                    if self._stopping:
                        return
                try:
                    block, error = self._produce(index), None
                except BaseException as caught:  # handed to take(), in the caller's thread
                    block, error = None, caught
                with self._condition:
                    self._ready[index] = (block, error)
                    self._waiting_rows += len(block) if block is not None else 0
                    self._condition.notify_all()
                if error is not None:
                    return
        finally:
            with self._condition:
                self._finished = True
                self._condition.notify_all()

    def take(self, index: int) -> Block:
        """The block for `index`, once. LookupError if it will not come (taken already, or
        the thread stopped before it)."""
        with self._condition:
            while index not in self._ready:
                if self._finished or self._stopping:
                    raise LookupError(index)
                self._condition.wait()
            block, error = self._ready.pop(index)
            self._waiting_rows -= len(block) if block is not None else 0
            self._condition.notify_all()
        if error is not None:
            raise error
        return block

    def close(self) -> None:
        with self._condition:
            self._stopping = True
            self._ready.clear()
            self._condition.notify_all()
        if self._interrupt is not None and self._thread.is_alive():
            self._interrupt()
        self._thread.join()
