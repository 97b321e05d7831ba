"""Precision and recall of the extraction on the five seed documents, against the hand-made
list in `corpus.py`.

An extracted action matches an expected one when their kinds (and, for updates, numbers) agree,
their texts are at least 90% alike once case, punctuation and spacing are set aside, and their
owners are the same (compared the same way, a leading "the" aside). Each expected action can be
matched once.
"""

import difflib
import pathlib
import re

import pytest

from cspboard.actions.extraction import extract_actions
from cspboard.core.tests.shared_data import shared_data_missing

from .corpus import CORPUS

SEEDS = pathlib.Path(__file__).resolve().parents[4] / "shared" / "seeds"
THRESHOLD = 0.95


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.replace("…", " ").casefold()).split())


def _owners(owners) -> set[str]:
    return {re.sub(r"^the ", "", _normal(o)) for o in owners}


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _normal(a), _normal(b)).ratio()


def score(expected, extracted):
    """(matched pairs, extracted left over, expected missed)."""
    unmatched = list(expected)
    pairs, extra = [], []
    for action in extracted:
        best = None
        for candidate in unmatched:
            if (
                candidate.kind == action.kind
                and candidate.numbers == action.numbers
                and _owners(candidate.owners) == _owners(action.owners_written)
                and _similar(candidate.text, action.text) >= 0.9
            ):
                best = candidate
                break
        if best is None:
            extra.append(action)
        else:
            unmatched.remove(best)
            pairs.append((best, action))
    return pairs, extra, unmatched


@pytest.fixture(scope="module")
def results():
    if not SEEDS.is_dir():
        shared_data_missing(f"the seed documents are not at {SEEDS}")
    out = {}
    for name, expected in CORPUS.items():
        path = SEEDS / name
        if not path.exists():
            shared_data_missing(f"seed document {path} is missing")
        extracted = extract_actions(path.read_text(encoding="utf-8"))
        out[name] = (expected, extracted, *score(expected, extracted))
    return out


def test_precision_and_recall_on_the_seed_documents(results, capsys):
    lines = [f"{'seed':<28}{'expected':>9}{'found':>7}{'matched':>8}{'precision':>10}{'recall':>8}"]
    total_expected = total_found = total_matched = 0
    problems = []
    for name, (expected, extracted, pairs, extra, missed) in results.items():
        precision = len(pairs) / len(extracted) if extracted else 1.0
        recall = len(pairs) / len(expected) if expected else 1.0
        lines.append(
            f"{name:<28}{len(expected):>9}{len(extracted):>7}{len(pairs):>8}"
            f"{precision:>10.3f}{recall:>8.3f}"
        )
        total_expected += len(expected)
        total_found += len(extracted)
        total_matched += len(pairs)
        problems += [f"  {name}: extra {a.kind} {a.text!r} {a.owners_written}" for a in extra]
        problems += [f"  {name}: missed line {e.line} {e.text!r} {e.owners}" for e in missed]
    precision = total_matched / total_found
    recall = total_matched / total_expected
    lines.append(
        f"{'overall':<28}{total_expected:>9}{total_found:>7}{total_matched:>8}"
        f"{precision:>10.3f}{recall:>8.3f}"
    )
    with capsys.disabled():
        print("\n" + "\n".join(lines + problems))
    assert precision > THRESHOLD, "\n".join(problems)
    assert recall > THRESHOLD, "\n".join(problems)
    for name, (_expected, extracted, *_rest) in results.items():
        assert len(extracted) >= 1, name


def test_due_dates_of_the_matched_actions(results):
    """Where an action states a date, the extractor finds that date (and invents none)."""
    wrong = [
        (name, e.line, e.due, a.due)
        for name, (_e, _x, pairs, _extra, _missed) in results.items()
        for e, a in pairs
        if e.due != a.due
    ]
    assert wrong == []
