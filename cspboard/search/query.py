"""A reader's search words, made safe for either full-text engine.

Whatever is typed becomes a list of terms, each a word or a phrase: words in double quotes, or
joined by hyphens or apostrophes ("anti-social"), are a phrase; every term must match. Nothing
typed reaches an engine's own query syntax, so no input can make a query fail, and a long
input is cut to `MAX_TERMS` terms of at most `MAX_WORD` characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_INPUT = 300
MAX_TERMS = 12
MAX_WORD = 40
_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
# Written between words, these are not words to find: all the terms must match anyway.
_CONNECTIVES = frozenset({"and", "or", "AND", "OR"})


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def fts5(self) -> str:
        """SQLite FTS5: every term a quoted string (a phrase if it has several words)."""
        return " ".join('"' + " ".join(words) + '"' for words in self.terms)

    def websearch(self) -> str:
        """PostgreSQL's websearch_to_tsquery: words and quoted phrases, all required."""
        return " ".join(
            ('"' + " ".join(words) + '"') if len(words) > 1 else words[0] for words in self.terms
        )

    @property
    def text(self) -> str:
        return self.websearch()


def parse(text: str) -> ParsedQuery:
    terms: list[tuple[str, ...]] = []
    for quoted, bare in _CHUNK.findall((text or "")[:MAX_INPUT]):
        chunk = quoted if quoted else bare
        if not quoted and chunk in _CONNECTIVES:
            continue
        words = tuple(word[:MAX_WORD].lower() for word in _WORD.findall(chunk))
        if words and words not in terms:
            terms.append(words)
        if len(terms) == MAX_TERMS:
            break
    return ParsedQuery(tuple(terms))
