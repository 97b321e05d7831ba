"""Where a meeting page's time goes, in-process: queries, selector, template, middleware.

    .venv/bin/python bench/profile_meeting_page.py [--member] [--pages N] [--top N]

Same throwaway data as bench/meeting_page.py (nothing is left behind). It asks each sample page
through the whole Django stack (the test client, DEBUG off) and prints the mean time of the
full request, of meeting_page_for_user() alone, of rendering the template alone and of the SQL,
the number of queries, then a cProfile of the full requests sorted by own time and cumulative.
"""

from __future__ import annotations

import argparse
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from meeting_page import HOST, bench_environment  # noqa: E402


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
        from django.core.management import call_command
        from django.db import connection, reset_queries
        from django.template.loader import render_to_string
        from django.test import Client, RequestFactory
        from django.test.utils import CaptureQueriesContext

        from cspboard.meetings.choices import AGENDA_PUBLIC_STATUSES
        from cspboard.meetings.selectors import CAPACITY_NOTES, meeting_page_for_user

        call_command("migrate", verbosity=0, interactive=False)
        data = generate()
        published = [m for m in data.meetings if m.status in AGENDA_PUBLIC_STATUSES]
        sample = random.Random(1).sample(published, min(200, len(published)))
        client = Client(HTTP_HOST=HOST)
        user = None
        if args.member:
            client.force_login(data.member_user)
            user = data.member_user
        else:
            from django.contrib.auth.models import AnonymousUser

            user = AnonymousUser()
        urls = [m.get_absolute_url() for m in sample]
        for url in urls[:20]:
            assert client.get(url).status_code == 200  # warm up

        def timed(fn, n):
            began = time.perf_counter()
            for i in range(n):
                fn(i)
            return (time.perf_counter() - began) / n * 1000

        n = args.pages
        full = timed(lambda i: client.get(urls[i % len(urls)]), n)
        health = timed(lambda i: client.get("/health/"), n)
        selector = timed(
            lambda i: meeting_page_for_user(
                user, sample[i % len(sample)].board.slug, sample[i % len(sample)].date
            ),
            n,
        )
        pages = [meeting_page_for_user(user, m.board.slug, m.date) for m in sample[: min(n, 200)]]
        request = RequestFactory(HTTP_HOST=HOST).get(urls[0])
        request.user = user

        def render(i):
            page = pages[i % len(pages)]
            render_to_string(
                "meetings/meeting_detail.html",
                {"page": page, "meeting": page.meeting, "capacity_notes": CAPACITY_NOTES},
                request=request,
            )

        template = timed(render, n)
        with CaptureQueriesContext(connection) as ctx:
            client.get(urls[0])
        queries = ctx.captured_queries
        reset_queries()

        print(f"meeting page, {'member' if args.member else 'anonymous'}, mean of {n} requests")
        print(f"  full request through Django:  {full:6.2f} ms   (/health/: {health:.2f} ms)")
        print(f"  meeting_page_for_user():      {selector:6.2f} ms")
        print(f"  template render (page built): {template:6.2f} ms  (incl. any lazy queries)")
        print(f"  queries: {len(queries)}")
        for q in queries:
            print(f"    {q['time']}s  {q['sql'][:150]}")

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
