"""A bounded load test on loopback: many users at once, anonymous and signed in, for a while.

    .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--members 0.4]
                                   [--workers 3] [--threads 1] [--think 0] [--seed 2026]

Builds the same throwaway SQLite database as bench/meeting_page.py (ten years of six boards,
bench/dataset.py), gives a share of the users a log-in of their own (a current member of one of
the boards, second factor verified, each with its own session), serves the project's WSGI app
with gunicorn on a free port of 127.0.0.1, and runs every user as a thread: a closed loop, one
request in flight, `--think` seconds between requests. Each request picks a page: the home
page, the boards list, a board's page or a meeting's page (of 200 random meetings with a public
agenda; a member asks mostly for their own boards' meetings). It prints requests a second,
p50/p95/p99 latency and errors, overall and by kind of page and of user. The goal: p95 under
200 ms and no errors. Nothing here fails on a slow result; everything it made is deleted.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402 - the benchmarks' shared module, beside this file
    BENCH_DIR,
    HOST,
    Gunicorn,
    bench_environment,
    loadavg,
    percentile,
    session_cookie,
)

GOAL_P95_MS = 200.0
SAMPLE_MEETINGS = 200
# What a request asks for, and how often (out of 100).
MIX = (("home", 10), ("boards", 5), ("board", 15), ("meeting", 70))


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="users at once (50)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long (60 s)")
    parser.add_argument("--members", type=float, default=0.4, help="share of users signed in (0.4)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (3)")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads a worker (1: sync workers; more: gthread)"
    )
    parser.add_argument("--think", type=float, default=0.0, help="seconds between requests (0)")
    parser.add_argument(
        "--warm",
        type=int,
        default=0,
        help="ask every page this many times first, anonymously and as each member (0)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="for the data and the choices")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 500 or args.seconds <= 0 or args.workers < 1 or args.threads < 1:
        parser.error("--users must be 1 to 500; --seconds, --workers and --threads positive")
    if not 0 <= args.members <= 1 or args.think < 0:
        parser.error("--members must be from 0 to 1, --think not negative")
    return args


def prepare(args, tmp: Path) -> dict:
    """Migrate, generate the data, and make the members' log-ins and sessions."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cspboard.boards.models import Membership
    from cspboard.meetings.choices import AGENDA_PUBLIC_STATUSES
    from cspboard.people.services import person_link_user

    sys.path.insert(0, str(BENCH_DIR))
    from dataset import generate

    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    data = generate(seed=args.seed)
    rng = random.Random(args.seed)
    published = [m for m in data.meetings if m.status in AGENDA_PUBLIC_STATUSES]
    sample = rng.sample(published, min(SAMPLE_MEETINGS, len(published)))
    meetings_by_board = defaultdict(list)
    for meeting in sample:
        meetings_by_board[meeting.board_id].append(meeting.get_absolute_url())

    # Members: people with a current membership and no log-in yet, spread over the boards.
    signed_in = round(args.users * args.members)
    current = list(
        Membership.objects.current()
        .filter(person__user__isnull=True)
        .select_related("person")
        .order_by("board_id", "pk")
    )
    rng.shuffle(current)
    members, seen = [], set()
    for membership in current:
        if len(members) == signed_in:
            break
        if membership.person_id in seen:
            continue
        seen.add(membership.person_id)
        user = get_user_model().objects.create_user(
            username=f"load-{membership.person_id}", password=None
        )
        person_link_user(person=membership.person, user=user)
        device = TOTPDevice.objects.create(user=user, name="load", confirmed=True)
        members.append((session_cookie(user, device), membership.board_id))
    connections.close_all()
    return {
        "data": data,
        "members": members,
        "meetings": [m.get_absolute_url() for m in sample],
        "meetings_by_board": dict(meetings_by_board),
        "boards": [b.get_absolute_url() for b in data.boards],
        "board_of": {b.pk: b.get_absolute_url() for b in data.boards},
        "setup_s": time.perf_counter() - began,
    }


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[tuple[str, str], list[float]] = defaultdict(list)
        self.errors: dict[tuple[str, str], int] = defaultdict(int)
        self.error_samples: list[str] = []

    def add(self, who: str, kind: str, latencies: list[float], errors: int, samples: list[str]):
        with self.lock:
            self.latencies[(who, kind)].extend(latencies)
            self.errors[(who, kind)] += errors
            self.error_samples.extend(samples[: 5 - len(self.error_samples)])

    def select(self, who=None, kind=None) -> tuple[list[float], int]:
        values, errors = [], 0
        for (w, k), latencies in self.latencies.items():
            if (who is None or w == who) and (kind is None or k == kind):
                values.extend(latencies)
                errors += self.errors[(w, k)]
        return values, errors


def user_loop(port, info, cookie, board_id, rng, deadline, think, results) -> None:
    """One user: one connection, one request at a time, until the deadline."""
    who = "member" if cookie else "public"
    headers = {"Cookie": cookie} if cookie else {}
    kinds = [k for k, weight in MIX for _ in range(weight)]
    own = info["meetings_by_board"].get(board_id, []) if board_id else []
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    samples: list[str] = []
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        while time.perf_counter() < deadline:
            kind = rng.choice(kinds)
            if kind == "home":
                path = "/"
            elif kind == "boards":
                path = "/boards/"
            elif kind == "board":
                path = info["board_of"][board_id] if own and rng.random() < 0.7 else None
                path = path or rng.choice(info["boards"])
            else:
                # A member reads mostly their own board's meetings.
                pool = own if own and rng.random() < 0.7 else info["meetings"]
                path = rng.choice(pool)
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                body = response.read()
                good = response.status == 200 and b"</html>" in body
                if cookie and good and b"Signed in as" not in body:
                    good = False  # the session was lost: a member served the public page
                if not good and len(samples) < 5:
                    samples.append(f"{who} {path}: {response.status}")
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                good = False
                if len(samples) < 5:
                    samples.append(f"{who} {path}: {error!r}")
            latencies[kind].append(time.perf_counter() - began)
            if not good:
                errors[kind] += 1
            if think:
                time.sleep(rng.uniform(0.5, 1.5) * think)
    finally:
        conn.close()
    for kind in set(latencies) | set(errors):
        results.add(who, kind, latencies[kind], errors[kind], samples)


def warm(port, info, times: int) -> int:
    """Fill the caches before the run: every page anonymously, and each member's own boards'
    meetings with their session, `times` times, four connections at once."""
    jobs = [("", path) for path in ["/", "/boards/", *info["boards"], *info["meetings"]]]
    for cookie, board_id in info["members"]:
        jobs += [(cookie, path) for path in info["meetings_by_board"].get(board_id, [])]
    jobs *= times
    lock = threading.Lock()

    def run() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        while True:
            with lock:
                if not jobs:
                    break
                cookie, path = jobs.pop()
            try:
                conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
                conn.getresponse().read()
            except (OSError, http.client.HTTPException):
                conn.close()
        conn.close()

    total = len(jobs)
    threads = [threading.Thread(target=run, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return total


def line(label: str, latencies: list[float], errors: int, seconds: float) -> str:
    return (
        f"  {label:22} {len(latencies) / seconds:8.1f} req/s  p50 {percentile(latencies, 50):6.1f}"
        f"  p95 {percentile(latencies, 95):6.1f}  p99 {percentile(latencies, 99):6.1f} ms"
        f"  {errors} errors  ({len(latencies)} requests)"
    )


def main(argv=None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="cspboard-load-"))
    server = None
    try:
        env = bench_environment(tmp)
        os.environ.clear()
        os.environ.update(env)  # before Django reads its settings
        (tmp / "var" / "static").mkdir(parents=True)  # whitenoise's STATIC_ROOT
        print("cspboard load test")
        info = prepare(args, tmp)
        counts = ", ".join(f"{n} {k}" for k, n in info["data"].counts.items())
        print(f"  data:   {counts} (ready in {info['setup_s']:.1f} s)")
        server = Gunicorn(env, args.workers, tmp / "gunicorn.log", threads=args.threads)
        server.wait_ready()
        kind = f"gthread, {args.threads} threads each" if args.threads > 1 else "sync"
        print(
            f"  server: gunicorn, {args.workers} workers ({kind}) on {HOST}:{server.port}, DEBUG"
            f" off; {os.cpu_count()} CPUs shared with the load generator"
        )
        members = len(info["members"])
        print(
            f"  users:  {args.users} ({args.users - members} anonymous, {members} signed-in"
            f" members, each with a session), closed loop, think {args.think:g} s,"
            f" {args.seconds:g} s"
        )
        mix = ", ".join(f"{k} {w}%" for k, w in MIX)
        print(f"  pages:  {mix}; {len(info['meetings'])} meetings with a public agenda")
        print(f"  load average before: {loadavg()}")

        if args.warm:
            began = time.perf_counter()
            asked = warm(server.port, info, args.warm)
            print(
                f"  warmed: every page asked {args.warm} times anonymously, and each member's"
                f" boards' meetings as them ({asked} requests, {time.perf_counter() - began:.0f} s)"
            )
        rng = random.Random(args.seed)
        results = Results()
        deadline = time.perf_counter() + args.seconds
        began = time.perf_counter()
        cpu_before = server.cpu_seconds()
        threads = []
        for n in range(args.users):
            cookie, board_id = info["members"][n] if n < members else ("", None)
            thread = threading.Thread(
                target=user_loop,
                args=(
                    server.port,
                    info,
                    cookie,
                    board_id,
                    random.Random(rng.random()),
                    deadline,
                    args.think,
                    results,
                ),
                daemon=True,
            )
            threads.append(thread)
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 60)
        seconds = time.perf_counter() - began
        cpu_after = server.cpu_seconds()
        print(f"  load average after:  {loadavg()}")
        print()
        everything, errors = results.select()
        for who in ("public", "member"):
            values, errs = results.select(who=who)
            if values:
                print(line(f"{who} users", values, errs, seconds))
        for page, _ in MIX:
            values, errs = results.select(kind=page)
            print(line(f"{page} pages", values, errs, seconds))
        for who in ("public", "member"):
            values, errs = results.select(who=who, kind="meeting")
            if values:
                print(line(f"meeting pages, {who}", values, errs, seconds))
        print(line("all", everything, errors, seconds))
        if cpu_before is not None and cpu_after is not None and everything:
            per = (cpu_after - cpu_before) / len(everything) * 1000
            print(f"  server CPU a request: {per:.2f} ms")
        p95 = percentile(everything, 95)
        verdict = "met" if p95 < GOAL_P95_MS and not errors else "NOT met"
        print(
            f"\n  p95 {p95:.1f} ms, {errors} errors; goal p95 < {GOAL_P95_MS:.0f} ms and no"
            f" errors: {verdict}"
        )
        if results.error_samples:
            print("  first errors: " + "; ".join(results.error_samples))
            print(server.errors()[-1500:])
        return 0 if not errors else 1
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
