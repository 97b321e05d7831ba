"""Building an agenda pack, against WeasyPrint and pypdf doing the same rendering and merging alone.

    .venv/bin/python bench/agenda_pack.py [--rounds R] [--reports N] [--public] [--profile]

Builds a throwaway SQLite database in a temporary folder holding one board, its previous
meeting (minutes, attendance, an action log) and a meeting whose agenda has N report items
(8 by default). Each report is generated for the pack at build time (HTML rendered by WeasyPrint,
as the cover-sheet reports are), with uploaded PDF appendices; one item and one appendix are
restricted. About 150 pages in all.

Rounds alternate between:
- **the pack**: `cspboard.packs.builder.build_pack`, the members' pack (or the public one with
  `--public`), from the database, as a build does (not from the store);
- **the parts alone**: WeasyPrint rendering the same HTML documents once each (the generated
  reports, the pack's own pages, the front sheet and agenda, as the build last rendered them)
  and pypdf merging the same appendices into one file.

It prints each round's times, the medians and the ratio pack / parts alone, which we want under
1.3. The ratio is a comparison between two runs side by side on the same machine, not a test:
nothing here fails on a slow result. Everything it creates is deleted at the end, whatever
happens.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
GOAL = 1.3
PROVIDER = "agenda_pack.item_papers"
REPORT_PREFIX = "Report: "

# What the provider rendered in the last build: the HTML documents, for the parts alone.
RENDERED: list[str] = []

TOPICS = (
    "Violence against women and girls",
    "Serious violence and exploitation",
    "Anti-social behaviour",
    "Reducing reoffending",
    "Hate crime and community tensions",
    "Prevent",
    "Youth justice",
    "Substance misuse",
    "Fire safety",
    "Safer neighbourhoods",
)
SENTENCES = (
    "Referrals rose in the quarter, mostly from schools and the police.",
    "The partnership agreed to review the pathway with health colleagues.",
    "Performance is above the London average but below the target set for the year.",
    "Two new workers started in January, bringing the team to full strength.",
    "The data for the last month is provisional and may change.",
    "Residents raised concerns about the town centre at the ward panel.",
    "The subgroup asks the board to note the update and support the plan.",
    "Funding for the second year has been confirmed by the Mayor's office.",
)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each (5)")
    parser.add_argument("--reports", type=int, default=8, help="report items on the agenda (8)")
    parser.add_argument("--public", action="store_true", help="the public pack")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one build")
    args = parser.parse_args(argv)
    if args.rounds < 1 or not 1 <= args.reports <= len(TOPICS):
        parser.error(f"--rounds must be positive and --reports from 1 to {len(TOPICS)}")
    return args


# The data -------------------------------------------------------------------------------------


def _paragraphs(n: int, seed: int) -> str:
    return "\n\n".join(
        " ".join(SENTENCES[(seed + i + j) % len(SENTENCES)] for j in range(5)) for i in range(n)
    )


def _table(rows: int, seed: int) -> str:
    months = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
    head = "| Measure | " + " | ".join(months) + " | Total |\n|---|" + "---|" * 13 + "\n"
    body = ""
    for r in range(rows):
        figures = [(seed * 7 + r * 13 + m * 5) % 97 + 3 for m in range(12)]
        cells = " | ".join(str(f) for f in figures)
        body += f"| Measure {r + 1} | {cells} | {sum(figures)} |\n"
    return head + body


def report_markdown(number: int) -> str:
    """A report of about four pages: summary, figures, narrative, recommendations."""
    return (
        f"## Summary\n\n{_paragraphs(3, number)}\n\n"
        f"## Performance\n\n{_table(18, number)}\n\n{_paragraphs(6, number + 1)}\n\n"
        f"## Key challenges\n\n{_paragraphs(5, number + 2)}\n\n"
        f"## Support required from the board\n\n{_paragraphs(4, number + 3)}\n\n"
        "## Recommendations\n\n1. Note the report.\n2. Agree the actions in section 3.\n"
    )


def appendix_markdown(number: int, part: int) -> str:
    """An appendix of about six pages of figures."""
    sections = []
    for s in range(5):
        sections.append(f"## Table {s + 1}\n\n{_table(24, number * 10 + part + s)}")
        sections.append(_paragraphs(2, s))
    return "\n\n".join(sections)


def item_papers(item, *, members: bool):
    """The bench's generated reports: rendered when the pack is built, as real providers do."""
    from cspboard.documents.rendering import paper_html
    from cspboard.meetings.contributions import GeneratedPaper
    from cspboard.packs.builder import html_pdf

    if not item.title.startswith(REPORT_PREFIX):
        return []
    withheld = item.is_withheld
    title = f"{item.title[len(REPORT_PREFIX) :]}: report to the board"
    if withheld and not members:
        return [GeneratedPaper(title, b"", withheld=True, legal_basis=item.legal_basis)]
    html = paper_html(
        title=title,
        body_markdown=report_markdown(int(item.number)),
        marking="RESTRICTED" if withheld else "UNRESTRICTED",
        author="Community Safety Team",
        date=item.meeting.date,
        legal_basis=item.legal_basis,
    )
    RENDERED.append(html)
    return [GeneratedPaper(title, html_pdf(html), withheld=withheld, legal_basis=item.legal_basis)]


def generate(reports: int):
    """The board, last meeting and this meeting, through the services."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cspboard.actions.services import action_create
    from cspboard.boards.choices import Role
    from cspboard.boards.services import board_create, membership_add
    from cspboard.documents.rendering import paper_pdf
    from cspboard.documents.services import document_add
    from cspboard.meetings.choices import AttendanceStatus, MeetingStatus
    from cspboard.meetings.services import agenda_item_add, attendance_record, meeting_create
    from cspboard.people.services import organisation_create, person_create

    council = organisation_create(name="London Borough of Barking and Dagenham", short_name="LBBD")
    people = [
        person_create(
            name=f"Person {n:02d}",
            post_title="Head of Service",
            organisation=council,
            email=f"person{n}@example.org",
        )
        for n in range(16)
    ]
    board = board_create(
        name="Community Safety Partnership Board", slug="csp", contact_officer=people[1]
    )
    roles = [Role.CHAIR, Role.CONTACT_OFFICER] + [Role.MEMBER] * (len(people) - 2)
    for person, role in zip(people, roles, strict=True):
        membership_add(person=person, board=board, role=role)

    last = meeting_create(
        board=board,
        date=datetime.date(2025, 12, 10),
        start_time=datetime.time(10),
        end_time=datetime.time(13),
        venue="Barking Learning Centre",
        chair=people[0],
        status=MeetingStatus.MINUTES_PUBLISHED,
        agenda_published_on=datetime.date(2025, 12, 2),
    )
    for n, topic in enumerate(TOPICS, start=1):
        item = agenda_item_add(
            meeting=last,
            number=str(n),
            title=topic,
            kind="paper",
            minutes="".join(f"<p>{p}</p>" for p in _paragraphs(3, n).split("\n\n"))
            + f"<p>ACTION: Person {n:02d} to report back in March.</p>",
        )
        action_create(
            board=board,
            text=f"Report back on {topic.lower()} with the quarter's figures.",
            owners=[people[n % len(people)]],
            item=item,
            target_date=datetime.date(2026, 3, 11),
        )
    for n, person in enumerate(people):
        status = AttendanceStatus.APOLOGIES if n % 5 == 4 else AttendanceStatus.PRESENT
        attendance_record(meeting=last, person=person, status=status)

    meeting = meeting_create(
        board=board,
        date=datetime.date(2026, 3, 11),
        start_time=datetime.time(10),
        end_time=datetime.time(13),
        venue="Barking Learning Centre",
        chair=people[0],
        status=MeetingStatus.AGENDA_PUBLISHED,
        agenda_published_on=datetime.date(2026, 3, 3),
    )
    standing = ["Introductions and Apologies for Absence", "Declarations of Interest"]
    for n, title in enumerate(standing, start=1):
        agenda_item_add(meeting=meeting, number=str(n), title=title)
    agenda_item_add(meeting=meeting, number="3", title="Minutes and Action Log", kind="paper")
    # Three appendices' PDFs, each uploaded several times: rendering them is not what is measured.
    distinct = [
        paper_pdf(
            title=f"Appendix {part}: figures",
            body_markdown=appendix_markdown(part, part),
            marking="UNRESTRICTED",
        )
        for part in (1, 2, 3)
    ]
    appendices: list[bytes] = []
    for r in range(reports):
        number = 4 + r
        restricted = r == reports - 1
        item = agenda_item_add(
            meeting=meeting,
            number=str(number),
            title=f"{REPORT_PREFIX}{TOPICS[r]}",
            kind="paper",
            description="For discussion.",
            **(
                {"security_marking": "RESTRICTED", "schedule_12a_paragraph": 1}
                if restricted
                else {}
            ),
        )
        for part, pdf in enumerate(distinct, start=1):
            marked = r == 1 and part == 3
            appendices.append(pdf)
            document_add(
                item=item,
                upload=SimpleUploadedFile(
                    f"appendix-{number}-{part}.pdf", pdf, content_type="application/pdf"
                ),
                title=f"Appendix {part}",
                security_marking="RESTRICTED" if marked else "UNRESTRICTED",
                schedule_12a_paragraph=7 if marked else None,
            )
    agenda_item_add(meeting=meeting, number=str(4 + reports), title="Any Other Business")
    return meeting, appendices


# The two sides --------------------------------------------------------------------------------


def capture_build(meeting, members: bool) -> tuple[bytes, list[str]]:
    """One build, keeping the HTML documents it laid out: the parts alone render the same."""
    from cspboard.packs import builder

    laid_out: list[str] = []
    real = builder._layout

    def recording(html: str):
        laid_out.append(html)
        return real(html)

    RENDERED.clear()
    builder._layout = recording
    try:
        pdf = builder.build_pack(meeting, members=members)
    finally:
        builder._layout = real
    # The pack's own pages, then the front sheet as it was last laid out (with its references).
    own = [html for html in laid_out if 'class="part' in html]
    front = [html for html in laid_out if "Notice of Meeting" in html][-1:]
    return pdf, [*RENDERED, *own, *front]


def parts_alone(documents: list[str], appendices: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    for html in documents:
        HTML(string=html).write_pdf()
    writer = PdfWriter()
    for pdf in appendices:
        writer.append(PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def timed(run) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv=None) -> int:
    args = parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="cspboard-bench-"))
    try:
        sys.path.insert(0, str(BENCH_DIR))
        from common import bench_environment

        os.environ.clear()
        os.environ.update(bench_environment(tmp))
        sys.modules.setdefault("agenda_pack", sys.modules[__name__])  # the provider, as imported

        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from pypdf import PdfReader

        from cspboard.packs.builder import build_pack

        settings.CSPBOARD_PACK_PROVIDERS = (PROVIDER,)
        settings.PACK_CONVERTER = None
        print("cspboard agenda pack benchmark")
        began = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        meeting, appendices = generate(args.reports)
        members = not args.public
        pdf, documents = capture_build(meeting, members)  # also warms up fonts and templates
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        appendix_pages = sum(len(PdfReader(io.BytesIO(a)).pages) for a in appendices)
        alone = parts_alone(documents, appendices)
        print(
            f"  data:   {args.reports} report items, {len(appendices)} appendices"
            f" ({appendix_pages} pages), made in {time.perf_counter() - began:.1f} s"
            f" (SQLite in {tmp})"
        )
        print(
            f"  pack:   the {'public' if args.public else 'members'} pack, {pages} pages,"
            f" {len(pdf) / 1024:.0f} KB; the parts alone: {len(documents)} HTML documents"
            f" and the appendices merged ({len(alone) / 1024:.0f} KB)"
        )
        print()
        print("  round   pack s  (CPU)   parts alone s  (CPU)   ratio")
        packs, bases, ratios = [], [], []
        for n in range(1, args.rounds + 1):
            base = timed(lambda: parts_alone(documents, appendices))
            pack = timed(lambda: build_pack(meeting, members=members))
            bases.append(base)
            packs.append(pack)
            ratios.append(pack[0] / base[0])
            print(
                f"  {n:5}  {pack[0]:7.2f} {pack[1]:6.2f}   {base[0]:13.2f} {base[1]:6.2f}"
                f"   {ratios[-1]:5.2f}"
            )
        pack_s = statistics.median(p[0] for p in packs)
        base_s = statistics.median(b[0] for b in bases)
        pack_cpu = statistics.median(p[1] for p in packs)
        base_cpu = statistics.median(b[1] for b in bases)
        ratio = statistics.median(ratios)
        print()
        print(
            f"  median: pack {pack_s:.2f} s ({pack_cpu:.2f} s CPU),"
            f" parts alone {base_s:.2f} s ({base_cpu:.2f} s CPU)"
        )
        print(f"  load average: {_loadavg()}")
        verdict = "met" if ratio < GOAL else "NOT met"
        print(
            f"\n  ratio pack / parts alone: {ratio:.2f} (median of the rounds' ratios;"
            f" CPU time: {pack_cpu / base_cpu:.2f})  goal < {GOAL}: {verdict}"
        )
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            build_pack(meeting, members=members)
            profile.disable()
            print()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
