"""Meeting page throughput under gunicorn, against a trivial view on the same server and database.

    .venv/bin/python bench/meeting_page.py [--requests N] [--seconds S] [--rounds R]
                                           [--workers W] [--concurrency C] [--member]

Builds a throwaway SQLite database in a temporary folder holding ten years of meetings of six
boards (bench/dataset.py), serves the project's WSGI app with gunicorn (sync workers) on a free
port of 127.0.0.1, and drives it with a closed-loop load generator (C threads, each sending one
request and waiting for the answer before the next). Rounds alternate between /health/ (a
`SELECT 1` and a two-byte answer: the cost of Django, its middleware and a database connection)
and a sample of meeting pages of random meetings across all the boards. It prints requests per
second and latency for each, and the ratio meeting page / health, which we want at 0.5 or more.

The ratio is a comparison between two runs side by side on the same machine, not a test: nothing
here fails on a slow result. Everything it creates is deleted at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
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
SAMPLE_MEETINGS = 200


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="most requests per round (3000)")
    parser.add_argument("--seconds", type=float, default=5.0, help="longest round (5 s)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each target (5)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (3)")
    parser.add_argument(
        "--concurrency", type=int, default=0, help="client connections (default: workers + 1)"
    )
    parser.add_argument(
        "--member", action="store_true", help="ask as a signed-in member of the main board"
    )
    parser.add_argument(
        "--warm",
        type=int,
        default=0,
        help="ask every page this many times first (0: the first round fills the cache)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="for the data and the sample")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.seconds <= 0 or args.rounds < 1 or args.workers < 1:
        parser.error("--requests, --seconds, --rounds and --workers must be positive")
    args.concurrency = args.concurrency or args.workers + 1
    if not 1 <= args.concurrency <= 64:
        parser.error("--concurrency must be from 1 to 64")
    return args


# The benchmark --------------------------------------------------------------------------------


def prepare(args, tmp: Path):
    """Migrate, generate the data, and find the sample of meeting pages and (maybe) a session."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client

    from cspboard.boards.access import PUBLIC
    from cspboard.meetings.choices import AGENDA_PUBLIC_STATUSES
    from cspboard.meetings.permissions import can_see_minutes

    sys.path.insert(0, str(BENCH_DIR))
    from dataset import PUBLIC_ITEM, RESTRICTED_ITEM, generate

    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    data = generate(seed=args.seed)
    generated = time.perf_counter()

    # Every meeting whose agenda the public may see: the pages people actually read.
    published = [m for m in data.meetings if m.status in AGENDA_PUBLIC_STATUSES]
    rng = random.Random(args.seed)
    sample = rng.sample(published, min(SAMPLE_MEETINGS, len(published)))
    paths = [m.get_absolute_url() for m in sample]

    client = Client(HTTP_HOST=HOST)
    headers = {}
    if args.member:
        sign_in_member(client, data)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookie}"
    # What one page costs, asked in this process: queries and size (the first ask warms up).
    # A meeting with published minutes shows whether the page withholds what it should: its
    # restricted item's minutes only reach members, its other minutes reach everyone.
    approved = next(m for m in sample if can_see_minutes(PUBLIC, m))
    url = approved.get_absolute_url()
    client.get(url)
    queries: list[str] = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        response = client.get(url)
    page = response.content.decode()
    public, restricted = (f"<strong>{title}.</strong>" for title in (PUBLIC_ITEM, RESTRICTED_ITEM))
    if response.status_code != 200 or public not in page or (restricted in page) != args.member:
        who = "a member" if args.member else "the public"
        raise RuntimeError(
            f"{url} does not show {who} what it should (status {response.status_code})"
        )
    connections.close_all()
    return {
        "data": data,
        "paths": paths,
        "published": len(published),
        "headers": headers,
        "queries": len(queries),
        "page_bytes": len(page),
        "migrate_s": migrated - began,
        "generate_s": generated - migrated,
    }


def summarise(rounds: list[Round]) -> dict[str, float | None]:
    cpu = [r.cpu_ms_per_request for r in rounds if r.cpu_ms_per_request is not None]
    latencies = [x for r in rounds for x in r.latencies]
    merged = Round(target=rounds[0].target, latencies=latencies)
    return {
        "rps": statistics.median(r.rps for r in rounds),
        "p50": merged.percentile(50),
        "p95": merged.percentile(95),
        "errors": sum(r.errors for r in rounds),
        "requests": sum(r.ok for r in rounds),
        "cpu_ms": statistics.median(cpu) if cpu else None,
        "client_ms": statistics.median(r.client_ms_per_request for r in rounds),
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="cspboard-bench-"))
    server = None
    try:
        env = bench_environment(tmp)
        os.environ.clear()
        os.environ.update(env)  # before Django reads its settings
        (tmp / "var" / "static").mkdir(parents=True)  # whitenoise's STATIC_ROOT
        print("cspboard meeting page benchmark")
        info = prepare(args, tmp)
        counts = ", ".join(f"{n} {k}" for k, n in info["data"].counts.items())
        print(f"  data:   {counts}")
        print(
            f"          migrated in {info['migrate_s']:.1f} s, generated in "
            f"{info['generate_s']:.1f} s (SQLite in {tmp})"
        )
        who = "a signed-in member of the main board" if args.member else "an anonymous visitor"
        print(
            f"  pages:  {len(info['paths'])} random meetings of {info['published']} with a public"
            f" agenda, as {who}; one page: {info['queries']} queries,"
            f" {info['page_bytes'] / 1024:.0f} KB"
        )

        server = Gunicorn(env, args.workers, tmp / "gunicorn.log")
        server.wait_ready()
        cache = os.environ.get("CACHE_URL") or "each worker's own memory"
        print(f"  cache:  {cache} (CACHE_URL)")
        print(
            f"  server: gunicorn, {args.workers} sync workers on {HOST}:{server.port}, DEBUG off;"
            f" {os.cpu_count()} CPUs shared with the load generator"
        )
        print(
            f"  load:   closed loop, {args.concurrency} connections, at most {args.requests}"
            f" requests or {args.seconds:g} s a round, {args.rounds} rounds of each, alternating"
        )
        targets = {
            "health": (["/health/"], b"ok"),
            "meeting": (info["paths"], b"</html>"),
        }
        common = dict(concurrency=args.concurrency, headers=info["headers"])
        # Warm every worker: URL resolver, templates, first connections.
        for name, (paths, expect) in targets.items():
            warm = load(
                server.port,
                paths,
                target=name,
                requests=20 * args.workers,
                seconds=10,
                expect=expect,
                **common,
            )
            if warm.errors:
                raise RuntimeError(
                    f"{name}: {warm.errors} failed requests while warming up:\n{server.errors()}"
                )
        if args.warm:
            # Every page asked `--warm` times first, so the rounds measure the cache kept (each
            # worker keeps its own unless CACHE_URL names a shared cache).
            began = time.perf_counter()
            warm = load(
                server.port,
                info["paths"] * args.warm,
                target="meeting",
                requests=len(info["paths"]) * args.warm,
                seconds=600,
                expect=b"</html>",
                **common,
            )
            print(
                f"  warmed: every page asked {args.warm} times ({warm.ok} requests,"
                f" {time.perf_counter() - began:.1f} s, {warm.errors} errors)"
            )

        print(f"  load average before the rounds: {loadavg()}")
        print()
        print(
            "  round  target          req/s   p50 ms   p95 ms  errors  CPU ms/req: server  client"
            "   ratio"
        )
        results: dict[str, list[Round]] = {name: [] for name in targets}
        ratios = []
        for n in range(1, args.rounds + 1):
            for name, (paths, expect) in targets.items():
                offset = (n - 1) * 37 % len(paths)
                r = load(
                    server.port,
                    paths[offset:] + paths[:offset],
                    target=name,
                    requests=args.requests,
                    seconds=args.seconds,
                    expect=expect,
                    cpu_of=server.cpu_seconds,
                    **common,
                )
                results[name].append(r)
                label, ratio = "/health/", ""
                if name == "meeting":
                    label = "meeting page"
                    baseline = results["health"][-1].rps
                    ratios.append(r.rps / baseline if baseline else 0.0)
                    ratio = f"  {ratios[-1]:6.2f}"
                print(
                    f"  {n:5}  {label:13} {r.rps:7.1f}  {r.percentile(50):7.1f}  "
                    f"{r.percentile(95):7.1f}  {r.errors:6}              "
                    f"{fmt_cpu(r.cpu_ms_per_request)}  {r.client_ms_per_request:6.2f}{ratio}"
                )

        health = summarise(results["health"])
        meeting = summarise(results["meeting"])
        # Each round's meeting pages against the health round just before them, so a
        # neighbour's load on the machine weighs on both sides of the ratio alike.
        ratio = statistics.median(ratios)
        print(f"  load average after the rounds:  {loadavg()}")
        print()
        for label, s in (("/health/", health), ("meeting page", meeting)):
            print(
                f"  {label:13} {s['rps']:7.1f} req/s (median of {args.rounds} rounds), "
                f"p50 {s['p50']:.1f} ms, p95 {s['p95']:.1f} ms, {s['errors']} errors, "
                f"CPU a request: server {fmt_cpu(s['cpu_ms']).strip()} ms, "
                f"load generator {s['client_ms']:.2f} ms"
            )
        if health["cpu_ms"] and meeting["cpu_ms"]:
            print(
                f"  server CPU per request, health / meeting page: "
                f"{health['cpu_ms'] / meeting['cpu_ms']:.2f} (the ratio without the client's share)"
            )
        verdict = "met" if ratio >= GOAL else "NOT met"
        print(
            f"\n  ratio meeting page / trivial view: {ratio:.2f} (median of the rounds' ratios)"
            f"  goal >= {GOAL}: {verdict}"
        )
        if health["errors"] or meeting["errors"]:
            print("  some requests failed: the figures above are not to be trusted")
            return 1
        return 0
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
