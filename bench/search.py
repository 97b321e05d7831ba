"""Search over ten years of six boards: two-word queries' latency, against a naive scan.

    .venv/bin/python bench/search.py [--queries N] [--paper-words W] [--seed S]

Builds a throwaway SQLite database in a temporary folder holding the benchmark dataset
(bench/dataset.py: about 520 meetings, 6,700 agenda items with minutes and decisions, 2,600
papers), builds the search index from it, and gives each paper a body of W words (1,500) of
board-paper prose, as the worker would have read from the file: each paper about ten of the
sixty subject words (`--broad`: all sixty, so that nearly every question matches most papers).
Then it asks N random two-word questions (both words from the papers' vocabulary) three ways,
each as the public and as a member of the main board:

- `search`: the selector the search page calls (count, first page ranked, highlights);
- `page`: the whole search page through Django's test client (form, selector, template);
- `naive`: the baseline, the same visible entries filtered with `icontains` on each word and
  counted and ordered the same: what a search written without a full-text index would do.

It prints p50 and p95 for each, and the ratio naive / search (how many times faster the index
is). The goal is p95 under 100 ms for `search`. Nothing here fails on a slow result. Everything
it creates is deleted at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BENCH_DIR, HOST, bench_environment, percentile  # noqa: E402

GOAL_MS = 100.0
WORDS = (
    "knife crime domestic abuse violence women girls police partnership funding probation "
    "reoffending youth exploitation hate drugs alcohol town centre safety neighbourhood "
    "hotspot survey victims support referrals housing council health outreach schools "
    "prevention strategy assessment quarter figures rise fall target commissioning grant "
    "provider evaluation analysis recording offences waiting specialist services consultation"
).split()


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=300, help="questions per viewer (300)")
    parser.add_argument("--paper-words", type=int, default=1500, help="words a paper (1500)")
    parser.add_argument(
        "--broad",
        action="store_true",
        help="every paper uses every word (the worst case: each question matches most papers)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--keep", metavar="DIR", help="build the database in DIR and keep it (to study plans)"
    )
    args = parser.parse_args(argv)
    if args.queries < 1 or args.paper_words < 1:
        parser.error("--queries and --paper-words must be positive")
    return args


def prepare(args) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    from cspboard.search.choices import EntryKind
    from cspboard.search.models import SearchEntry
    from cspboard.search.services import search_rebuild

    sys.path.insert(0, str(BENCH_DIR))
    from dataset import generate

    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    data = generate(seed=args.seed)
    generated = time.perf_counter()
    search_rebuild(read_papers=False)
    from dataset import SENTENCES

    rng = random.Random(args.seed)
    prose = " ".join(SENTENCES).lower().replace(".", "").split()
    papers = list(SearchEntry.objects.filter(kind=EntryKind.PAPER))
    for paper in papers:
        # A paper is about a few things: ten of the subject words, in the board's prose.
        subjects = WORDS if args.broad else rng.sample(WORDS, 10)
        paper.body = " ".join(
            rng.choice(subjects) if rng.random() < 0.2 else rng.choice(prose)
            for _ in range(args.paper_words)
        )
    SearchEntry.objects.bulk_update(papers, ["body"], batch_size=200)
    indexed = time.perf_counter()
    return {
        "data": data,
        "entries": SearchEntry.objects.count(),
        "generate_s": generated - began,
        "index_s": indexed - generated,
    }


def timed(fn, questions) -> list[float]:
    times = []
    for question in questions:
        start = time.perf_counter()
        fn(question)
        times.append(time.perf_counter() - start)
    return times


def naive(access, question: str):
    """The baseline: no index; every word looked for with LIKE in title or body."""
    from django.db.models import Q

    from cspboard.search.models import SearchEntry

    entries = SearchEntry.objects.visible_to(access)
    for word in question.split():
        entries = entries.filter(Q(title__icontains=word) | Q(body__icontains=word))
    total = entries.count()
    first = list(entries.order_by("-date")[:20].values_list("pk", flat=True))
    return total, first


def main(argv=None) -> int:
    args = parse_args(argv)
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cspboard-bench-"))
    try:
        env = bench_environment(tmp)
        os.environ.clear()
        os.environ.update(env)
        (tmp / "var" / "static").mkdir(parents=True)
        print("cspboard search benchmark")
        info = prepare(args)
        from django.test import Client

        from cspboard.boards.access import PUBLIC, access_for
        from cspboard.search.query import parse
        from cspboard.search.selectors import search

        counts = ", ".join(f"{n} {k}" for k, n in info["data"].counts.items())
        print(f"  data:    {counts}")
        print(
            f"  index:   {info['entries']} entries, papers of {args.paper_words} words; generated"
            f" in {info['generate_s']:.0f} s, indexed in {info['index_s']:.0f} s (SQLite FTS5)"
        )
        rng = random.Random(args.seed + 1)
        questions = [" ".join(rng.sample(WORDS, 2)) for _ in range(args.queries)]
        member = access_for(info["data"].member_user)
        client = Client(HTTP_HOST=HOST)
        from common import sign_in_member

        member_client = Client(HTTP_HOST=HOST)
        sign_in_member(member_client, info["data"])
        print(
            f"  asks:    {args.queries} random two-word questions a viewer, e.g. {questions[0]!r}"
        )
        print(f"  {'':8} {'viewer':8} {'p50 ms':>8} {'p95 ms':>8}  found (median)")
        rows = {}
        for who, access, web in (("public", PUBLIC, client), ("member", member, member_client)):
            search(access, parse(questions[0]))  # warm up
            totals = sorted(search(access, parse(q)).total for q in questions[:50])
            runs = {
                "search": timed(lambda q, a=access: search(a, parse(q)), questions),
                "page": timed(lambda q, c=web: c.get("/search/", {"q": q}), questions),
                "naive": timed(
                    lambda q, a=access: naive(a, q), questions[: max(20, len(questions) // 10)]
                ),
            }
            for name, times in runs.items():
                rows[(name, who)] = percentile(times, 95)
                print(
                    f"  {name:8} {who:8} {percentile(times, 50):8.1f} {percentile(times, 95):8.1f}"
                    f"  {totals[len(totals) // 2]}"
                )
        for who in ("public", "member"):
            ratio = rows[("naive", who)] / rows[("search", who)]
            verdict = "meets" if rows[("search", who)] < GOAL_MS else "misses"
            print(
                f"  {who}: search p95 {rows[('search', who)]:.1f} ms, {verdict} the goal of"
                f" {GOAL_MS:.0f} ms; naive / search p95 = {ratio:.1f}"
            )
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
