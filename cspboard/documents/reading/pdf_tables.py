"""Tables in a PDF page's layout text, put back together a row at a time.

pypdf's layout mode lays a bordered table out as text lines in which one row whose cells wrap
spans several lines, and a column is known only by where its text starts. Here a table is
found by its header (a line, or two when the header wraps, of three or more short runs of
words with wide gaps between them) and each following line's runs are given to its columns,
until a blank line, a line that starts left of the table, or the page's end. A header repeated
(a table over pages repeats it on each) is skipped.

A row ends where a column that had text in it, then a line without, gets text again (a cell
is one block of lines); where the first column holds a new number ("1", "2."); or where a line
fills most columns, the row has text in all of them already and its first cell does not go on
in lower case (rows of one line each, as a borderless table's are); or, for rows drawn in the
middle of their cells, at a line of the first column alone, in capitals, above a line that
fills again the columns the row has filled.
The layout's positions drift by a few characters (pypdf measures a gap from the end of the
text before it) and a heading is often centred over its column, so columns start where most of
the body's cells start, and a line's runs go to columns in order, each as near its column's
start as the order allows, never by exact position.

Everything here is pure, and bounded by a few passes over the page's lines.
"""

from __future__ import annotations

import collections
import dataclasses
import re

_RUN = re.compile(r"\S+(?: \S+)*")  # words with single spaces between: one column's text
_MIN_COLUMNS = 3
_HEADER_WORDS_MAX = 4
_HEADER_CHARS_MAX = 30
_HEADER_RUN = re.compile(r"^[^\W\d_][^\d]*$|^(?:no|ref|#)\.?$", re.I)
_NUMBER = re.compile(r"^(?:no\.?\s*)?\d{1,4}(?:\.\d{1,3})*[a-z]?[.)]?$", re.I)
_FUSED = re.compile(r"[a-z.](?=[A-Z][a-z])")
# The layout drops the space between a month and its year now and then ("1 August2023").
_MONTH_YEAR = re.compile(
    r"\b((?:Jan|Febr)uary|March|April|May|June|July|August|(?:Sept|Octo|Novem|Decem)ber)(?=\d{4}\b)"
)
_LEFT_SLACK = 3  # characters a run may start left of the first column and still be in it
_CENTRED_GAP = 4  # between the two lines of a heading centred over its column
_HEADING_WORDS = 8  # at most, in a heading straight after a table
_MAX_COLUMNS = 40
_RUN_TOGETHER_SLACK = 6  # how far left of its column a cell run into the one before may start
_SCAN_BUDGET = 4  # lines read as tables' per line of the page, at most
MAX_ROW_LINES = 80  # a longer "row" is two


@dataclasses.dataclass
class _Column:
    start: int
    end: int
    text: str
    lines: int = 1  # of the header: 1 the first, 2 the second, 3 both


@dataclasses.dataclass(frozen=True)
class Recovered:
    """One line of output: `first` is the index of its first layout line; `cells` is empty
    for a line outside a table (then `text` is the line as laid out, tidied)."""

    first: int
    text: str
    cells: tuple[str, ...] = ()


def runs(line: str) -> list[tuple[int, str]]:
    """(start, text) of each run of words separated by two or more spaces."""
    return [(m.start(), m.group()) for m in _RUN.finditer(line)]


def _header_like(text: str) -> bool:
    words = text.split()
    return (
        len(text) <= _HEADER_CHARS_MAX
        and len(words) <= _HEADER_WORDS_MAX
        and bool(_HEADER_RUN.match(text))
        and not (text.endswith(".") and len(text) > 4)
    )


def _header_at(lines: list[str], i: int) -> tuple[list[_Column], int] | None:
    """The columns of a header starting at line i, and the line after it."""
    first = _header_runs(lines[i])
    if first is None or len(first) < 2:
        return None
    columns = [_Column(start, start + len(text), text) for start, text in first]
    end = i + 1
    second = _header_runs(lines[end]) if end < len(lines) else None
    if second is not None and len(second) >= 2 and _wraps(columns, second):
        columns = _split_over(columns, [start for start, _ in second])
        above = list(columns)
        for start, text in second:
            _wrap_into(columns, above, start, text)
        end += 1
    columns.sort(key=lambda column: column.start)
    columns = _centred_pairs(columns)
    if len(columns) < _MIN_COLUMNS:
        return None
    return columns, end


def _centred_pairs(columns: list[_Column]) -> list[_Column]:
    """A heading of two lines centred over its column, whose lines do not overlap ("Date of"
    over "meeting"), is one heading: the first line's and the second's, side by side."""
    out: list[_Column] = []
    for column in columns:
        last = out[-1] if out else None
        if (
            last is not None
            and last.lines != column.lines
            and 3 not in (last.lines, column.lines)
            and column.start - last.end <= _CENTRED_GAP
        ):
            upper, lower = (last, column) if last.lines == 1 else (column, last)
            out[-1] = _Column(last.start, max(last.end, column.end), f"{upper.text} {lower.text}",
                              lines=3)  # fmt: skip
            continue
        out.append(column)
    return out


def _header_runs(line: str) -> list[tuple[int, str]] | None:
    """The line's runs, if all read like headings; two headings run together where the
    layout left no gap ("StatusOpen/Closed") are two."""
    found: list[tuple[int, str]] = []
    for start, text in runs(line):
        if not _header_like(text):
            return None
        at = 0
        for fused in _FUSED.finditer(text):
            found.append((start + at, text[at : fused.start() + 1]))
            at = fused.start() + 1
        found.append((start + at, text[at:]))
    return found


def _wraps(columns: list[_Column], second: list[tuple[int, str]]) -> bool:
    """Whether a heading-like line under a header is the header's second line rather than its
    first row ("Cllr Jo Bloggs  Council  Chair" under "Name  Organisation  Role"): it goes on
    in lower case ("meeting" under "Date of"); or it has a heading right of the first line's
    last (headings drawn in the middle of a header two lines high); or none of its runs
    starts where one of the first line's does, as a row's cells would under left-aligned
    headings."""
    if all(text[:1].islower() for _, text in second):
        return True
    if any(start > columns[-1].end for start, _ in second):
        return True
    return not any(abs(start - c.start) <= 1 for start, _ in second for c in columns)


def _split_over(columns: list[_Column], starts: list[int]) -> list[_Column]:
    """A heading run together with the next one by the layout ("Date of Target", over
    "meeting" and "Completion") is split at the word nearest where a heading below starts."""
    out: list[_Column] = []
    for column in columns:
        inside = [s for s in starts if column.start + 1 < s < column.end - _LEFT_SLACK]
        words = [column.start + m.start() for m in re.finditer(r"(?<= )\S", column.text)]
        cut = None
        if inside and words:
            cut = min(words, key=lambda at: abs(at - inside[0]))
            if abs(cut - inside[0]) > _LEFT_SLACK:
                cut = None
        if cut is None:
            out.append(column)
            continue
        at = cut - column.start
        out.append(_Column(column.start, cut - 1, column.text[:at].rstrip()))
        out.append(_Column(cut, column.end, column.text[at:]))
    return out


def _wrap_into(columns: list[_Column], above: list[_Column], start: int, text: str) -> None:
    """A heading's second line joins the heading above it that it overlaps most (or touches:
    a centred heading's lines start at different places), else it is a column of its own."""
    end = start + len(text)
    touching = [c for c in above if start <= c.end and c.start <= end + 1]
    if not touching:
        columns.append(_Column(start, end, text, lines=2))
        return
    column = max(touching, key=lambda c: min(end, c.end) - max(start, c.start))
    column.start = min(column.start, start)
    column.end = max(column.end, end)
    column.text = f"{column.text} {text}"
    column.lines = 3


def _distance(start: int, column: _Column) -> int:
    return 0 if column.start <= start < column.end else abs(start - column.start)


def _place(found: list[tuple[int, str]], columns: list[_Column]) -> dict[int, str]:
    """The line's runs given to columns in order, each to one column and a column to one run
    where it can be, as near their headings as the order allows: the layout's positions drift
    ("Penny Pyke  31 July 2023" starts the date nearer the owner's heading than its own)."""
    width = len(columns)
    if len(found) > width or width > _MAX_COLUMNS:
        nearest: dict[int, str] = {}
        for start, text in found:
            column = min(range(width), key=lambda c: _distance(start, columns[c]))
            nearest[column] = f"{nearest[column]} {text}" if column in nearest else text
        return nearest
    # cost[k][c]: the least drift placing runs k.. in columns c.., run k in column c or after.
    inf = float("inf")
    k_count = len(found)
    cost = [[inf] * (width + 1) for _ in range(k_count + 1)]
    for c in range(width + 1):
        cost[k_count][c] = 0
    for k in range(k_count - 1, -1, -1):
        for c in range(width - 1, -1, -1):
            here = _distance(found[k][0], columns[c]) + cost[k + 1][c + 1]
            cost[k][c] = min(here, cost[k][c + 1])
    placed: dict[int, str] = {}
    c = 0
    for k, (_, text) in enumerate(found):
        while cost[k][c] != _distance(found[k][0], columns[c]) + cost[k + 1][c + 1]:
            c += 1
        placed[c] = text
        c += 1
    return placed


class _Row:
    def __init__(self, width: int, first: int) -> None:
        self.first = first
        self.parts: list[list[str]] = [[] for _ in range(width)]
        self.last: list[int] = [-1] * width  # the last line each column had text on
        self.lines = 0
        self.first_width = 0  # how many cells its first line has

    def add(self, index: int, placed: dict[int, str]) -> None:
        if not self.lines:
            self.first_width = len(placed)
        for column, text in placed.items():
            self.parts[column].append(text)
            self.last[column] = index
        self.lines += 1

    def cells(self) -> tuple[str, ...]:
        return tuple(_MONTH_YEAR.sub(r"\1 ", " ".join(part)) for part in self.parts)

    def opens_above(self, placed: dict[int, str], following: dict[int, str]) -> bool:
        """A row drawn in the middle of its cells starts with its first cell's text alone,
        a line above the others' ("Arrange a development session" over "duty  Chair  1
        August"): a line of the first column alone, starting in capitals, where the next
        line fills again two or more of the columns this row has filled."""
        first = placed.get(0)
        if not self.lines or len(placed) != 1 or first is None or not first[:1].isupper():
            return False
        again = [c for c in following if c != 0 and self.parts[c]]
        return len(again) >= 2

    def starts_new(self, index: int, placed: dict[int, str], width: int) -> bool:
        if not self.lines:
            return False
        for column in placed:
            if self.last[column] >= 0 and self.last[column] < index - 1:
                return True  # a cell is one block of lines: this column's text is another's
        first = placed.get(0)
        if first is not None and self.parts[0] and _NUMBER.match(first):
            return True
        # A line filling most columns, as many as the row's first line, all of them filled
        # already: a row of its own, unless its first cell goes on in lower case ("the town
        # centre"), as a wrapped cell does.
        filled = [column for column in placed if self.parts[column]]
        return (
            first is not None
            and not first[0].islower()
            and len(filled) == len(placed)
            and len(placed) * 2 > width
            and len(placed) >= self.first_width
        )


def recover(lines: list[str]) -> list[Recovered]:
    """The page's lines with each table's rows put back together (see the module's doc).
    `lines` are the layout's lines, blank ones included; blank lines are not returned."""
    return recover_page(lines, None)[0]


def recover_page(
    lines: list[str], carried: list[_Column] | None
) -> tuple[list[Recovered], list[_Column] | None]:
    """`recover`, given the columns of a table the page before ended in (`carried`), which
    goes on at the top of this page without its header if its first lines fit them; and the
    columns of a table this page ends in, for the next."""
    out: list[Recovered] = []
    i = 0
    # Lines read as a table's that turned out not to be one: bounded, so that a page of
    # heading-like lines is not read again from each of them.
    budget = _SCAN_BUDGET * len(lines) + 100
    ends_in: list[_Column] | None = None
    start = _continued_at(lines, carried) if carried else None
    while i < len(lines):
        header = None
        continued = start is not None and i == start
        if continued:
            header = carried, start
        elif lines[i].strip() and budget > 0:
            header = _header_at(lines, i)
        if header is not None:
            columns, body = header
            rows, after, columns = _table(lines, body, columns)
            budget -= after - i
            if any(sum(1 for cell in row.cells if cell) >= 2 for row in rows):
                if not continued:
                    headings = tuple(column.text for column in columns)
                    out.append(Recovered(i, "\t".join(headings), headings))
                out.extend(rows)
                ends_in = columns if _only_footer_after(lines, after) else None
                i = after
                continue
        if lines[i].strip():
            out.append(_as_laid_out(i, lines[i]))
            ends_in = None
        i += 1
    return out, ends_in


_RUNNING_LINES = 3  # a page's running header or footer: at most this many short lines


def _continued_at(lines: list[str], carried: list[_Column]) -> int | None:
    """The line a table carried over from the page before goes on at: within the page's
    first few lines (after a running header), a line of cells in its columns."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if _goes_on(runs(line), carried, lines, index):
            return index
        seen += 1
        if seen >= _RUNNING_LINES:
            return None
    return None


def _only_footer_after(lines: list[str], after: int) -> bool:
    """Whether only a footer (a few lines of one short run: "Page 3 of 7") follows."""
    rest = [runs(line) for line in lines[after:] if line.strip()]
    return len(rest) <= _RUNNING_LINES and all(
        len(found) == 1 and len(found[0][1].split()) <= _HEADING_WORDS for found in rest
    )


def _as_laid_out(index: int, line: str) -> Recovered:
    found = [text for _, text in runs(line)]
    return Recovered(index, "  ".join(found), tuple(found) if len(found) >= _MIN_COLUMNS else ())


def _goes_on(found: list[tuple[int, str]], columns: list[_Column], lines, at: int) -> bool:
    """Whether the line after a gap in a table is more of it: cells, not a heading."""
    if len(found) < 2 or _header_at(lines, at) is not None:
        return False
    return any(abs(found[0][0] - column.start) <= _LEFT_SLACK for column in columns)


def _split_numbers(found: list[tuple[int, str]], columns: list[_Column]) -> list[tuple[int, str]]:
    """A narrow first column's number run together with the next column's text ("1 Send
    the plan"), as the layout leaves only a space between them, is two runs."""
    if not found or found[0][0] >= columns[1].start:
        return found
    start, text = found[0]
    number, _, rest = text.partition(" ")
    if not rest or not _NUMBER.match(number) or start + len(text) <= columns[1].start:
        return found
    return [(start, number), (start + len(number) + 1, rest), *found[1:]]


def _table(
    lines: list[str], i: int, columns: list[_Column]
) -> tuple[list[Recovered], int, list[_Column]]:
    """The rows of a table whose body starts at line i, the line after the table, and its
    columns as its cells place them."""
    body: list[tuple[int, list[tuple[int, str]]]] = []
    while i < len(lines):
        found = runs(lines[i])
        if not found and body:
            # A gap the layout left inside a row drawn in the middle of its cells: the table
            # goes on if what follows starts a row (two runs or more, the first in a column).
            ahead = next((j for j in range(i + 1, i + 3) if j < len(lines) and lines[j].strip()),
                         None)  # fmt: skip
            if ahead is not None and _goes_on(runs(lines[ahead]), columns, lines, ahead):
                i = ahead
                continue
        if not found or found[0][0] < columns[0].start - _LEFT_SLACK:
            break
        repeated = _header_at(lines, i)
        if repeated is not None and [c.text for c in repeated[0]] == [c.text for c in columns]:
            i = repeated[1]  # the header again, as a table split over pages repeats it
            continue
        body.append((i, _split_numbers(found, columns)))
        i += 1
    columns, learned = _aligned(columns, body)
    width = len(columns)
    rows: list[Recovered] = []
    row = _Row(width, body[0][0] if body else i)
    placements = [
        _place(_split_run_together(found, columns) if learned else found, columns)
        for _, found in body
    ]
    for k, (index, _) in enumerate(body):
        placed = placements[k]
        following = placements[k + 1] if k + 1 < len(body) else {}
        if row.lines and _ends_table(placed, following):
            i = index  # a heading or paragraph after the table, with no gap before it
            break
        if (
            row.starts_new(index, placed, width)
            or row.opens_above(placed, following)
            or row.lines >= MAX_ROW_LINES
        ):
            rows.append(Recovered(row.first, "\t".join(row.cells()), row.cells()))
            row = _Row(width, index)
        row.add(index, placed)
    if row.lines:
        rows.append(Recovered(row.first, "\t".join(row.cells()), row.cells()))
    return rows, i, columns


def _split_run_together(
    found: list[tuple[int, str]], columns: list[_Column]
) -> list[tuple[int, str]]:
    """A run that starts at its column and goes on past the next column's start, with a space
    just there and nothing else in that column on the line, is two cells the layout ran
    together with one space ("30 June 2023 Open"); split at the first space a little left of
    that start."""
    starts = [column.start for column in columns]
    if len(found) >= len(columns):
        return found  # a cell for each column already: a long run has pushed the rest along
    out: list[tuple[int, str]] = []
    for k, (start, text) in enumerate(found):
        after = found[k + 1][0] if k + 1 < len(found) else None
        for index, column_start in enumerate(starts[:-1]):
            boundary = starts[index + 1]
            if abs(start - column_start) > 1 or start + len(text) <= boundary:
                continue
            if after is not None and (index + 2 >= len(starts) or after < starts[index + 2] - 1):
                break  # the next column has its own text on this line
            spaces = [start + m.start() for m in re.finditer(" ", text)]
            near = [at for at in spaces if boundary - _RUN_TOGETHER_SLACK <= at + 1 <= boundary + 1]
            # The first such space: the later cell's words are often drawn left of its column.
            cut = min(near, default=None)
            if cut is not None:
                out.append((start, text[: cut - start]))
                start, text = cut + 1, text[cut - start + 1 :]
            break
        out.append((start, text))
    return out


def _ends_table(placed: dict[int, str], following: dict[int, str]) -> bool:
    """A short line of the first column alone, in capitals and not ending a sentence, with no
    more of the table after it ("Apologies" after the last row), is a heading after the
    table: a wrapped cell goes on in lower case, ends a sentence, or has other cells beside."""
    first = placed.get(0)
    if len(placed) != 1 or first is None or not first[:1].isupper():
        return False
    heading = len(first.split()) <= _HEADING_WORDS and not first.endswith((".", ",", ";"))
    return heading and all(column == 0 for column in following)


def _aligned(columns: list[_Column], body) -> tuple[list[_Column], bool]:
    """The columns where the body's cells start: a heading is often centred over its column,
    so the place most of a column's runs start at is a better guide than the heading's."""
    votes: list[collections.Counter] = [collections.Counter() for _ in columns]
    for _, found in body:
        placed = _place(found, columns)
        by_text = {text: start for start, text in found}
        for column, text in placed.items():
            if text in by_text:
                votes[column][by_text[text]] += 1
    # Left to right, each column where most of its runs start, right of the column before
    # (a narrow column's heading can draw its neighbour's runs to it at first).
    learned: list[_Column] = []
    before = -1
    for column, count in zip(columns, votes, strict=True):
        starts = [at for at, _ in count.most_common() if at > before]
        start = starts[0] if starts else column.start
        if start <= before:
            return columns, False
        # The data's starts are the guide now; a heading's span no longer says where a cell is.
        learned.append(_Column(start, start, column.text))
        before = start
    return learned, True
