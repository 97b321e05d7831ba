"""The open-data API's list endpoints' throughput under gunicorn, against a trivial view on the
same server and database.

    .venv/bin/python bench/api_lists.py [--requests N] [--seconds S] [--rounds R]
                                        [--workers W] [--concurrency C] [--member]
                                        [--fresh]

Builds the throwaway database of bench/meeting_page.py (ten years of meetings of six boards,
bench/dataset.py), adds an action raised at each meeting with minutes and a year of figures for
ten indicators, serves the project's WSGI app with gunicorn on a free port of 127.0.0.1 and
drives it with the closed-loop load generator. Each round asks /health/ (a `SELECT 1`: the cost
of Django, its middleware and a database connection), then each list: boards, people,
meetings, agenda items, decisions, papers, actions and indicators, at pages 1 to 20 of 50 rows
(following the cursors, so deep pages count as much as the first). It prints requests per
second for each and its ratio to /health/ in the same round; the issue wants 0.5 or more.
Answers are kept in the cache under their ETag, as in production (each gunicorn worker keeps
its own unless CACHE_URL names a shared cache); `--fresh` builds every answer.

A comparison between runs side by side on one machine, not a test: nothing here fails on a slow
result. Everything it creates is deleted at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402 - the benchmarks' shared module, beside this file
    BENCH_DIR,
    HOST,
    Gunicorn,
    Round,
    bench_environment,
    fmt_cpu,
    load,
    loadavg,
    sign_in_member,
)

GOAL = 0.5
PAGES = 20
LISTS = [
    "boards",
    "people",
    "meetings",
    "agenda-items",
    "decisions",
    "papers",
    "actions",
    "indicators",
]


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="most requests a round (2000)")
    parser.add_argument("--seconds", type=float, default=3.0, help="longest round (3 s)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each target (3)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (3)")
    parser.add_argument("--concurrency", type=int, default=0, help="connections (workers + 1)")
    parser.add_argument("--member", action="store_true", help="as a signed-in board member")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="build every answer (API_CACHE_SECONDS=0): no answers kept under their ETag",
    )
    parser.add_argument("--seed", type=int, default=2026, help="for the data")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.seconds <= 0 or args.rounds < 1 or args.workers < 1:
        parser.error("--requests, --seconds, --rounds and --workers must be positive")
    args.concurrency = args.concurrency or args.workers + 1
    return args


def add_actions_and_figures(data) -> dict[str, int]:
    """An action at each meeting with minutes (one in four under its withheld item), and ten
    indicators of the main board with two years of monthly figures, through the services."""
    from cspboard.actions.services import action_create
    from cspboard.meetings.choices import MINUTES_STATUSES
    from cspboard.meetings.models import AgendaItem
    from cspboard.performance.services import indicator_create, measurements_save

    actions = 0
    for n, meeting in enumerate(m for m in data.meetings if m.status in MINUTES_STATUSES):
        items = AgendaItem.objects.filter(meeting=meeting, parent=None).order_by("position")
        withheld = n % 4 == 0
        item = next((i for i in items if i.is_withheld == withheld), None)
        action_create(board=meeting.board, text=f"Action {n} for the partners", item=item)
        actions += 1
    board = data.boards[0]
    start = datetime.date(2023, 4, 1)
    months = [
        datetime.date(start.year + (start.month + k - 1) // 12, (start.month + k - 1) % 12 + 1, 1)
        for k in range(24)
    ]
    for k in range(10):
        indicator = indicator_create(
            board=board,
            number=str(k + 1),
            name=f"Indicator {k + 1}",
            slug=f"indicator-{k + 1}",
            position=k,
            unit="offences",
        )
        measurements_save(
            indicator=indicator,
            values={
                month: (Decimal(100 + (i * 7 + k) % 40), None) for i, month in enumerate(months)
            },
        )
    return {"actions": actions, "indicators": 10}


def prepare(args):
    """Migrate, generate the data, and walk each list's cursors to find its pages."""
    import django

    django.setup()
    import json

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client

    sys.path.insert(0, str(BENCH_DIR))
    from dataset import generate

    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    data = generate(seed=args.seed)
    added = add_actions_and_figures(data)
    generated = time.perf_counter()

    client = Client(HTTP_HOST=HOST)
    headers = {}
    if args.member:
        sign_in_member(client, data)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookie}"
    pages: dict[str, list[tuple[str, str]]] = {}
    queries: dict[str, int] = {}
    for name in LISTS:
        url, found = f"/api/v1/{name}?limit=50", []
        while url and len(found) < PAGES:
            captured: list[str] = []
            with connection.execute_wrapper(
                lambda execute, sql, *rest, captured=captured: (
                    captured.append(sql) or execute(sql, *rest)
                )
            ):
                response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: {response.status_code}")
            queries[name] = max(queries.get(name, 0), len(captured))
            found.append((url.removeprefix(f"http://{HOST}"), response["ETag"]))
            url = json.loads(response.content)["next"]
        pages[name] = found
    connections.close_all()
    return {
        "data": data,
        "added": added,
        "pages": pages,
        "queries": queries,
        "headers": headers,
        "generate_s": generated - began,
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="cspboard-bench-"))
    server = None
    try:
        env = bench_environment(tmp)
        if args.fresh:
            env["API_CACHE_SECONDS"] = "0"
        os.environ.clear()
        os.environ.update(env)  # before Django reads its settings
        (tmp / "var" / "static").mkdir(parents=True)
        print("cspboard open-data API list endpoints benchmark")
        info = prepare(args)
        counts = {**info["data"].counts, **info["added"]}
        print(f"  data:   {', '.join(f'{n} {k}' for k, n in counts.items())}")
        print(f"          made in {info['generate_s']:.1f} s (SQLite in {tmp})")
        who = "a signed-in member of the main board" if args.member else "an anonymous reader"
        kept = "every answer built afresh" if args.fresh else "answers kept under their ETag"
        print(f"  asked:  as {who}; up to {PAGES} pages of 50 rows of each list; {kept}")
        for name in LISTS:
            print(
                f"          {name:13} {len(info['pages'][name]):3} pages,"
                f" at most {info['queries'][name]} queries a page"
            )

        server = Gunicorn(env, args.workers, tmp / "gunicorn.log")
        server.wait_ready()
        print(
            f"  server: gunicorn, {args.workers} sync workers on {HOST}:{server.port}, DEBUG off;"
            f" {os.cpu_count()} CPUs shared with the load generator"
        )
        print(
            f"  load:   closed loop, {args.concurrency} connections, at most {args.requests}"
            f" requests or {args.seconds:g} s a round, {args.rounds} rounds"
        )
        common = dict(concurrency=args.concurrency, cpu_of=server.cpu_seconds)

        def ask(name: str, requests: int, seconds: float) -> Round:
            if name == "health":
                return load(
                    server.port,
                    ["/health/"],
                    target=name,
                    requests=requests,
                    seconds=seconds,
                    headers=info["headers"],
                    expect=b"ok",
                    **common,
                )
            paths = [path for path, _ in info["pages"][name]]
            headers = dict(info["headers"])
            return load(
                server.port,
                paths,
                target=name,
                requests=requests,
                seconds=seconds,
                headers=headers,
                expect=b'"items"',
                **common,
            )

        for name in ["health", *LISTS]:  # warm every worker
            warm = ask(name, 20 * args.workers, 10)
            if warm.errors:
                raise RuntimeError(
                    f"{name}: {warm.errors} failed while warming:\n{server.errors()}"
                )

        print(f"  load average before the rounds: {loadavg()}")
        print()
        print("  round  target          req/s   p50 ms   p95 ms  errors  CPU ms/req   ratio")
        results: dict[str, list[Round]] = {name: [] for name in ["health", *LISTS]}
        ratios: dict[str, list[float]] = {name: [] for name in LISTS}
        for n in range(1, args.rounds + 1):
            for name in ["health", *LISTS]:
                r = ask(name, args.requests, args.seconds)
                results[name].append(r)
                ratio = ""
                if name != "health":
                    baseline = results["health"][-1].rps
                    ratios[name].append(r.rps / baseline if baseline else 0.0)
                    ratio = f"  {ratios[name][-1]:6.2f}"
                print(
                    f"  {n:5}  {name:13} {r.rps:7.1f}  {r.percentile(50):7.1f}  "
                    f"{r.percentile(95):7.1f}  {r.errors:6}      "
                    f"{fmt_cpu(r.cpu_ms_per_request)}{ratio}"
                )
        print(f"  load average after the rounds:  {loadavg()}")
        print()
        health = statistics.median(r.rps for r in results["health"])
        print(f"  /health/       {health:7.1f} req/s (median of {args.rounds} rounds)")
        worst = None
        for name in LISTS:
            ratio = statistics.median(ratios[name])
            worst = ratio if worst is None else min(worst, ratio)
            rps = statistics.median(r.rps for r in results[name])
            print(f"  {name:13}  {rps:7.1f} req/s, ratio to /health/ {ratio:.2f}")
        verdict = "met" if worst >= GOAL else "NOT met"
        print(f"\n  lowest ratio list / trivial view: {worst:.2f}  goal >= {GOAL}: {verdict}")
        errors = sum(r.errors for rounds in results.values() for r in rounds)
        if errors:
            print(f"  {errors} requests failed: the figures above are not to be trusted")
            return 1
        return 0
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
