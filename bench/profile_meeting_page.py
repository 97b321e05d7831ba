"""Where a meeting page's time goes, in-process: queries, selector, template, middleware.

    .venv/bin/python bench/profile_meeting_page.py [--member] [--pages N] [--top N]

Same throwaway data as bench/meeting_page.py (nothing is left behind). It asks sample pages
through the whole Django stack (the test client, DEBUG off, no gunicorn) and prints the mean CPU
time of a whole request, of meeting_page_for_viewer() alone and of everything else (the view with
the selector's answer ready: template, middleware), the queries one page makes, then a cProfile
of the whole requests by own time and by cumulative time.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import HOST, bench_environment, sign_in_member  # noqa: E402


@contextlib.contextmanager
def recording(connection):
    """The SQL of every query run inside the block, in order."""
    seen: list[str] = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--member", action="store_true", help="as a signed-in member")
    parser.add_argument("--pages", type=int, default=300, help="requests to time (300)")
    parser.add_argument("--top", type=int, default=25, help="profile lines to print (25)")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="cspboard-profile-"))
    try:
        env = bench_environment(tmp)
        os.environ.clear()
        os.environ.update(env)
        (tmp / "var" / "static").mkdir(parents=True)
        import django

        django.setup()
        from dataset import generate
        from django.contrib.auth.models import AnonymousUser
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from cspboard.meetings import views as meetings_views
        from cspboard.meetings.choices import AGENDA_PUBLIC_STATUSES
        from cspboard.meetings.selectors import meeting_page_for_viewer

        call_command("migrate", verbosity=0, interactive=False)
        data = generate()
        published = [m for m in data.meetings if m.status in AGENDA_PUBLIC_STATUSES]
        sample = random.Random(1).sample(published, min(200, len(published)))
        client = Client(HTTP_HOST=HOST)
        if args.member:
            sign_in_member(client, data)
            # The selector alone, for the same user as a request would give it.
            user = client.get("/health/").wsgi_request.user
        else:
            user = AnonymousUser()
        urls = [m.get_absolute_url() for m in sample]
        for url in urls[:20]:
            assert client.get(url).status_code == 200  # warm up

        def cpu_ms(fn, n):
            """Mean CPU time of this (single-threaded) process: steadier than the wall clock
            on a machine others are using."""
            began = time.process_time()
            for i in range(n):
                fn(i)
            return (time.process_time() - began) / n * 1000

        n = args.pages
        full = cpu_ms(lambda i: client.get(urls[i % len(urls)]), n)
        health = cpu_ms(lambda i: client.get("/health/"), n)
        selector = cpu_ms(
            lambda i: meeting_page_for_viewer(
                user, sample[i % len(sample)].board.slug, sample[i % len(sample)].date
            ),
            n,
        )
        # The same requests with the selector's answers made beforehand, one fresh answer for
        # each: what is left is the template (with any query it makes itself), the view and
        # the middleware.
        ready = [
            meeting_page_for_viewer(user, m.board.slug, m.date)
            for m in (sample[i % len(sample)] for i in range(n + 1))
        ]
        with mock.patch.object(
            meetings_views, "meeting_page_for_viewer", lambda u, slug, date: ready.pop()
        ):
            with recording(connection) as lazy:
                client.get(urls[n % len(urls)])
            rest = cpu_ms(lambda i: client.get(urls[(n - 1 - i) % len(urls)]), n)
        with recording(connection) as queries:
            client.get(urls[0])

        who = "a signed-in member" if args.member else "anonymous"
        print(f"meeting page, {who}: mean CPU of {n} requests through the test client")
        print(f"  whole request:                 {full:6.2f} ms   (/health/: {health:.2f} ms)")
        print(f"  meeting_page_for_viewer():       {selector:6.2f} ms")
        print(f"  everything else (template...): {rest:6.2f} ms   ({len(lazy)} queries of its own)")
        for q in lazy:
            print(f"      template's own: {q[:110]}")
        print(f"  queries: {len(queries)}")
        for q in queries:
            print(f"    {q[:120]}")

        profile = cProfile.Profile()
        profile.enable()
        for i in range(n):
            client.get(urls[i % len(urls)])
        profile.disable()
        for key in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(key).print_stats(args.top)
            print(f"\n--- cProfile by {key} ---")
            print(out.getvalue().split("\n", 6)[-1] if key == "tottime" else out.getvalue())
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
