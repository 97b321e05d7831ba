"""The same minutes in the other forms cspboard holds them: the demo partnership's items
(sanitised HTML, taken from the seed packs) and its papers (Markdown). The actions found must be
those of the hand-made seed corpus, so the HTML and Markdown paths are held to the same list."""

import pathlib

import pytest
import yaml

from cspboard.actions.extraction import extract_actions

from .corpus import CORPUS
from .test_corpus import score

DATA = pathlib.Path(__file__).resolve().parents[2] / "demo" / "data"
SEED_2017 = CORPUS["003_fd7ab8671c1905b6.txt"]


def _lines(entries, first, last):
    return [e for e in entries if first <= e.line <= last]


# (demo file, its item minutes or the whole paper, the corpus entries it must give)
CASES = [
    ("meetings/2017-12-13.yaml", _lines(SEED_2017, 1, 180)),
    ("meetings/2019-12-11.yaml", CORPUS["004_0950aaeaa6eb6065.txt"]),
    ("meetings/2021-12-08.yaml", CORPUS["001_b0a640582758f8e4.txt"]),
    ("meetings/2023-06-28.yaml", CORPUS["002_3279537257ad4eb2.txt"]),
    ("documents/2018-03-28-minutes-2017-12-13.md", _lines(SEED_2017, 1, 180)),
    ("documents/2018-03-28-action-log.md", _lines(SEED_2017, 185, 196)),
    ("documents/2018-03-28-snb-open-meeting-2018-02.md", _lines(SEED_2017, 270, 340)),
    ("documents/2018-03-28-snb-minutes-2018-03.md", _lines(SEED_2017, 400, 442)),
    ("documents/2023-09-27-minutes-2023-06-28.md", CORPUS["002_3279537257ad4eb2.txt"]),
]


def _actions(path: pathlib.Path):
    if path.suffix == ".yaml":
        meeting = yaml.safe_load(path.read_text(encoding="utf-8"))
        return [
            action
            for item in meeting.get("items", [])
            for action in extract_actions(item.get("minutes") or "")
        ]
    return extract_actions(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_demo_forms_give_the_corpus(name, expected):
    path = DATA / name
    assert path.exists(), f"the demo's file {path} is missing"  # it ships in the repository
    extracted = _actions(path)
    _pairs, extra, missed = score(expected, extracted)
    assert (extra, missed) == ([], [])


@pytest.mark.parametrize(
    "name",
    sorted(
        str(p.relative_to(DATA))
        for p in DATA.glob("documents/*.md")
        if p.name not in {pathlib.Path(c[0]).name for c in CASES}
    ),
)
def test_other_demo_papers_set_out_no_actions(name):
    """Reports, performance pages and plans: no action is proposed from them."""
    assert _actions(DATA / name) == []
