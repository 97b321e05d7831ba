"""The performance report page and its PDF, cold and steady, against a trivial view.

    .venv/bin/python bench/report_page.py [--restarts N] [--workers W] [--rounds R] [--seconds S]

Builds a throwaway SQLite database holding the demo board's performance data (its 33
indicators, the London Datastore's recorded-crime counts from 2010, a month of street crimes,
populations, published commentary: `cspboard/demo/data/performance/`), runs the task queue once
as the worker would after the data was loaded (`manage.py db_worker --batch`), then serves the
project with gunicorn (sync workers) on a free port of 127.0.0.1.

- **Cold**: gunicorn is started afresh N times for each target with one worker (a new process:
  nothing in memory), and once it has answered /health/ (as a load balancer's check would, so
  Django itself is loaded) it is asked one target 4 times, one request after another: the
  report page of the latest month (the page the board's link leads to), the seeds' January
  2018 report, or its PDF; or /health/ again, the trivial view. The first request of each start
  is the cold one. The p95 of those first requests is the figure that counts (goal: page
  under 200 ms, PDF under 1 s), printed beside /health/'s.
- **Steady**: closed-loop rounds (W + 1 connections) alternating /health/ and the report page,
  as a signed-in user with no role (the page is the public one, but a signed-in page is never
  taken from the whole-page cache, so every request reads the report), with the ratio of the
  rounds' throughputs.

The first view of a month nobody asked for before (the report computed and stored by that
request) is timed apart, once. Nothing here asserts on time; everything it creates is deleted.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (
    HOST,
    PROJECT_DIR,
    Gunicorn,
    Round,
    bench_environment,
    load,
    loadavg,
    percentile,
)

PAGE_GOAL_MS = 200
PDF_GOAL_MS = 1000


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--restarts", type=int, default=5, help="cold starts of each target (5)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (3)")
    parser.add_argument("--rounds", type=int, default=3, help="steady rounds of each (3)")
    parser.add_argument("--seconds", type=float, default=4.0, help="longest steady round (4 s)")
    parser.add_argument("--requests", type=int, default=2000, help="most requests a round")
    return parser.parse_args(argv)


def prepare(tmp: Path) -> dict:
    """Migrate, load the demo's performance data as the demo does, and sign a user in."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    from cspboard.boards.models import Board
    from cspboard.demo.loader import Loader
    from cspboard.demo.performance import load_performance
    from cspboard.performance.report import months_with_data

    call_command("migrate", verbosity=0, interactive=False)
    began = time.perf_counter()
    loader = Loader()
    loader.load_partnership()
    load_performance(boards=loader.boards, data_dir=loader.data_dir, counts=loader.counts)
    loaded = time.perf_counter() - began
    board = Board.objects.get(slug="csp")
    latest = months_with_data(board)[-1]
    user = get_user_model().objects.create_user("bench-reader", password=None)
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    connections.close_all()
    return {
        "loaded_s": loaded,
        "indicators": board.indicators.count(),
        "latest": f"/boards/csp/performance/{latest:%Y-%m}/",
        "seeds": "/boards/csp/performance/2018-01/",
        "cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}",
    }


def run_worker(env: dict[str, str]) -> float:
    """The queue run once, as the worker does after the data changed; its time in seconds."""
    began = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - began


def timed_get(port: int, path: str, expect: bytes) -> float:
    began = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    if response.status != 200 or expect not in body:
        raise RuntimeError(f"{path}: status {response.status}")
    return time.perf_counter() - began


def cold(env, tmp: Path, path: str, expect: bytes, asks: int) -> list[float]:
    """Start gunicorn afresh with one worker; after its first /health/ answer, ask `path`
    `asks` times."""
    server = Gunicorn(env, 1, tmp / "gunicorn.log")
    try:
        server.wait_ready(60)
        return [timed_get(server.port, path, expect) for _ in range(asks)]
    finally:
        server.stop()


def main(argv=None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(PROJECT_DIR))  # this tree's code, even beside another install
    tmp = Path(tempfile.mkdtemp(prefix="cspboard-bench-"))
    server = None
    try:
        env = bench_environment(tmp)
        os.environ.clear()
        os.environ.update(env)
        (tmp / "var" / "static").mkdir(parents=True)
        print("cspboard performance report benchmark")
        info = prepare(tmp)
        print(
            f"  data:   the demo board's {info['indicators']} indicators, loaded in "
            f"{info['loaded_s']:.1f} s (SQLite in {tmp})"
        )
        print(f"  worker: the queue run once in {run_worker(env):.1f} s")
        print(f"  load average: {loadavg()}")
        asks = 4
        targets = [
            ("/health/", "/health/", b"ok"),
            ("latest month", info["latest"], b"</html>"),
            ("January 2018", info["seeds"], b"</html>"),
            ("its PDF", info["seeds"] + "report.pdf", b"%PDF-"),
        ]
        # The seeds' month as someone first asks for it (the worker stores the latest only).
        first = cold(env, tmp, info["seeds"], b"</html>", 1)[0]
        first_pdf = cold(env, tmp, info["seeds"] + "report.pdf", b"%PDF-", 1)[0]
        print(
            f"  first view ever of January 2018, cold: page {first * 1000:.0f} ms, "
            f"then its PDF {first_pdf * 1000:.0f} ms"
        )
        print()
        print(
            f"  cold: gunicorn started {args.restarts} times for each target, one worker, "
            f"answering /health/ once, then {asks} requests one after another"
        )
        print("  target          first: p50 ms   p95 ms    then: p50 ms   p95 ms")
        times: dict[str, list[float]] = {label: [] for label, _, _ in targets}
        firsts: dict[str, list[float]] = {label: [] for label, _, _ in targets}
        for _ in range(args.restarts):
            for label, path, expect in targets:
                found = cold(env, tmp, path, expect, asks)
                times[label] += found[1:]
                firsts[label].append(found[0])
        for label, _, _ in targets:
            print(
                f"  {label:13} {percentile(firsts[label], 50):15.1f} "
                f"{percentile(firsts[label], 95):8.1f} {percentile(times[label], 50):15.1f} "
                f"{percentile(times[label], 95):8.1f}"
            )

        server = Gunicorn(env, args.workers, tmp / "gunicorn.log")
        server.wait_ready(60)
        headers = {"Cookie": info["cookie"]}
        common = dict(concurrency=args.workers + 1, headers=headers)
        for path, expect in (("/health/", b"ok"), (info["latest"], b"</html>")):
            load(server.port, [path], target=path, requests=10 * args.workers, seconds=30,
                 expect=expect, **common)  # fmt: skip
        print()
        print(f"  steady, signed in (no whole-page cache), {args.workers + 1} connections:")
        print("  round  target          req/s   p50 ms   p95 ms  errors  server CPU ms/req   ratio")
        ratios, rounds = [], {"health": [], "page": []}
        for n in range(1, args.rounds + 1):
            for name, path, expect in (
                ("health", "/health/", b"ok"),
                ("page", info["latest"], b"</html>"),
            ):
                r: Round = load(
                    server.port,
                    [path],
                    target=name,
                    requests=args.requests,
                    seconds=args.seconds,
                    expect=expect,
                    cpu_of=server.cpu_seconds,
                    **common,
                )
                rounds[name].append(r)
                ratio = ""
                if name == "page":
                    ratios.append(r.rps / rounds["health"][-1].rps)
                    ratio = f"{ratios[-1]:8.2f}"
                cpu = r.cpu_ms_per_request
                print(
                    f"  {n:5}  {'/health/' if name == 'health' else 'latest month':13} "
                    f"{r.rps:7.1f}  {r.percentile(50):7.1f}  {r.percentile(95):7.1f}  "
                    f"{r.errors:6}  {cpu if cpu is not None else float('nan'):17.2f}{ratio}"
                )
        print(f"  load average after: {loadavg()}")
        page_p95 = max(percentile(firsts[label], 95) for label in ("latest month", "January 2018"))
        pdf_p95 = percentile(firsts["its PDF"], 95)
        print()
        print(
            f"  cold p95: report page {page_p95:.0f} ms (goal < {PAGE_GOAL_MS}: "
            f"{'met' if page_p95 < PAGE_GOAL_MS else 'NOT met'}), PDF {pdf_p95:.0f} ms (goal < "
            f"{PDF_GOAL_MS}: {'met' if pdf_p95 < PDF_GOAL_MS else 'NOT met'}); /health/ "
            f"{percentile(firsts['/health/'], 95):.0f} ms"
        )
        print(f"  steady ratio report page / trivial view: {statistics.median(ratios):.2f}")
        return 0
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
