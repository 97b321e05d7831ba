"""Word's automatic list numbers ("3.", "2.1", "(a)"): not in a paragraph's text, so worked
out from the document's numbering part as Word would show them, for the common formats."""

from __future__ import annotations

import re

from docx.text.paragraph import Paragraph as DocxParagraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class WordNumbering:
    """Word's automatic list numbers, counted as Word counts them, for the common formats.

    A paragraph is numbered by its own `w:numPr` or its style's: a list (`w:num`) of an
    abstract list whose levels say where to start, in which format, and how to show it
    ("%1.%2"). Lists of one abstract list continue one another unless one restarts.
    """

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # start, format, text
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}  # abstract list, restarts
        self.counts: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part, or one python-docx cannot read
            return
        for abstract in root.findall(f"{W}abstractNum"):
            levels = {}
            for level in abstract.findall(f"{W}lvl"):
                levels[_int(level.get(f"{W}ilvl"))] = (
                    _int(_val(level, "start"), 1),
                    _val(level, "numFmt") or "decimal",
                    _val(level, "lvlText") or "",
                )
            self.levels[abstract.get(f"{W}abstractNumId") or ""] = levels
        for num in root.findall(f"{W}num"):
            restarts = {
                _int(override.get(f"{W}ilvl")): _int(_val(override, "startOverride"))
                for override in num.findall(f"{W}lvlOverride")
                if override.find(f"{W}startOverride") is not None
            }
            self.lists[num.get(f"{W}numId") or ""] = (_val(num, "abstractNumId"), restarts)

    def number(self, paragraph: DocxParagraph, style) -> str:
        # The list and level each come from the paragraph if it says, else from its style.
        num_id, level = _num_pr(paragraph._p.pPr)
        seen = 0
        while (num_id is None or level is None) and style is not None and seen < 20:
            style_num_id, style_level = _num_pr(style.element.pPr)
            num_id = num_id if num_id is not None else style_num_id
            level = level if level is not None else style_level
            style, seen = style.base_style, seen + 1
        if num_id not in self.lists:
            return ""
        level = level or 0
        abstract, restarts = self.lists[num_id]
        levels = self.levels.get(abstract, {})
        if level not in levels:
            return ""
        counts = self.counts.setdefault(f"num {num_id}" if restarts else abstract, {})

        def start(at: int) -> int:
            return restarts.get(at, levels.get(at, (1, "", ""))[0])

        counts[level] = counts[level] + 1 if level in counts else start(level)
        for deeper in [at for at in counts if at > level]:
            del counts[deeper]
        _, form, text = levels[level]
        if form in ("bullet", "none"):
            return ""

        def shown(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            form_at = levels.get(at, (1, "decimal", ""))[1]
            return _formatted(counts.get(at, start(at)), form_at)

        return re.sub(r"%([1-9])", shown, text)[:20].strip()


def _val(element, tag: str) -> str | None:
    child = element.find(f"{W}{tag}")
    return None if child is None else child.get(f"{W}val")


def _int(value: str | None, default: int = 0) -> int:
    try:
        return max(0, min(int(value or ""), 100_000))
    except ValueError:
        return default


def _num_pr(properties) -> tuple[str | None, int | None]:
    """The list and level a paragraph's (or style's) properties give, each if given."""
    if properties is None or properties.numPr is None:
        return None, None
    level = _val(properties.numPr, "ilvl")
    return _val(properties.numPr, "numId"), None if level is None else _int(level)


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def _formatted(value: int, form: str) -> str:
    if form in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if form == "upperLetter" else letter
    if form in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        out = ""
        for amount, numeral in _ROMAN:
            while value >= amount:
                out, value = out + numeral, value - amount
        return out.upper() if form == "upperRoman" else out
    if form == "decimalZero":
        return f"{value:02d}"
    return str(value)
