"""The five seed packs as PDFs through the document import, against pypdf reading their text alone.

    .venv/bin/python bench/import_minutes.py [--rounds R] [--pages N] [--seeds FOLDER] [--profile]

The seeds are text (extracted from the council's PDFs), so this first makes PDFs of them with
WeasyPrint: each seed's lines in a monospaced block, broken into pages so that the five come to
about N pages (300 by default, as the real packs do). Then rounds alternate between:
- **the import**: `document_import_file` on each PDF in turn, as `cspboard import-minutes`
  calls it: read (`documents.readers`), parse (`imports.minutes.parse`), write every meeting,
  item, attendance row, declaration and action through the record's services and record the
  file, in a dry run (each file's transaction rolled back, so every round writes the same);
- **reading alone**: pypdf extracting each page's text in its layout mode (what the reader
  asks pypdf for), nothing else.

It prints each round's seconds, the medians, pages a second and the ratio import / reading
alone; the issue's goal is the import of the five packs in under 30 seconds on this machine.
Then one real (not dry) import of the five, with what it wrote. A file the import refuses is
counted and its reason printed: that is the parser's accuracy, measured elsewhere, not speed.
Nothing here fails on a slow result, and everything it makes is deleted at the end. Without the
seed folder (it is not part of the product) it says so and stops.
"""

from __future__ import annotations

import argparse
import cProfile
import html
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
SEEDS = Path(os.environ.get("CSPBOARD_SEEDS", BENCH_DIR.parent.parent / "shared" / "seeds"))
GOAL_SECONDS = 30.0

PAGE_CSS = """
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
pre { white-space: pre-wrap; margin: 0; tab-size: 4; break-after: page; }
pre:last-child { break-after: auto; }
"""


def seed_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


def make_pdfs(seeds: list[Path], out: Path, pages: int) -> list[Path]:
    """A PDF of each seed, its lines split evenly so that all come to about `pages` pages."""
    from weasyprint import HTML

    texts = [seed.read_text(encoding="utf-8") for seed in seeds]
    total_lines = sum(len(t.splitlines()) for t in texts)
    per_page = max(1, round(total_lines / pages))
    made = []
    for seed, text in zip(seeds, texts, strict=True):
        lines = text.splitlines()
        blocks = [
            "<pre>" + html.escape("\n".join(lines[i : i + per_page])) + "</pre>"
            for i in range(0, len(lines), per_page)
        ]
        document = (
            f"<html><head><style>{PAGE_CSS}</style></head><body>{''.join(blocks)}</body></html>"
        )
        path = out / f"{seed.stem}.pdf"
        HTML(string=document).write_pdf(path)
        made.append(path)
    return made


def pdf_pages(paths: list[Path]) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(path).pages) for path in paths)


def read_alone(datas: list[bytes]) -> int:
    """pypdf alone: every page's text, in the layout mode the reader uses. Returns characters."""
    from pypdf import PdfReader

    characters = 0
    for data in datas:
        for page in PdfReader(io.BytesIO(data)).pages:
            characters += len(page.extract_text(extraction_mode="layout"))
    return characters


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each (3)")
    parser.add_argument("--pages", type=int, default=300, help="pages the five come to (300)")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="the seed folder")
    parser.add_argument("--profile", action="store_true", help="cProfile one import round")
    args = parser.parse_args(argv)

    seeds = seed_files(args.seeds) if args.seeds.is_dir() else []
    if not seeds:
        print(f"Skipped: no seed packs (*.txt) in {args.seeds}; nothing was measured.")
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="cspboard-bench-minutes-"))
    try:
        sys.path.insert(0, str(BENCH_DIR))
        from common import bench_environment

        os.environ.clear()
        os.environ.update(bench_environment(tmp))
        import django

        django.setup()
        from django.core.management import call_command

        from cspboard.boards.services import board_create
        from cspboard.documents.readers import UnreadableDocument, read_document
        from cspboard.imports.minutes.services import ImportRefused, document_import_file

        call_command("migrate", verbosity=0, interactive=False)
        board = board_create(name="Community Safety Partnership", slug="csp")

        started = time.perf_counter()
        pdfs = make_pdfs(seeds, tmp, args.pages)
        pages = pdf_pages(pdfs)
        datas = [path.read_bytes() for path in pdfs]
        print(
            f"Made {len(pdfs)} PDFs of {pages} pages from the seeds in "
            f"{time.perf_counter() - started:.1f} s."
        )
        try:
            read_document(datas[0], pdfs[0].name)
        except UnreadableDocument as error:
            print(f"Skipped: this build cannot read PDFs ({error}); nothing was measured.")
            return 0

        def run_import(*, dry_run: bool = True):
            outcomes, refused = [], []
            for path, data in zip(pdfs, datas, strict=True):
                try:
                    outcomes.append(
                        document_import_file(
                            board=board, data=data, name=path.name, dry_run=dry_run
                        )
                    )
                except ImportRefused as refusal:
                    refused.append(f"{path.name}: {refusal}")
            return outcomes, refused

        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(run_import)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)

        imports, alone = [], []
        for number in range(1, args.rounds + 1):
            t0 = time.perf_counter()
            _outcomes, refused = run_import()
            imports.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            read_alone(datas)
            alone.append(time.perf_counter() - t0)
            print(
                f"round {number}: import {imports[-1]:6.2f} s   reading alone {alone[-1]:6.2f} s"
                f"   ({len(refused)} of {len(pdfs)} files refused)"
            )

        import_median, alone_median = statistics.median(imports), statistics.median(alone)
        print()
        print(f"pages:          {pages}")
        print(
            f"import:         {import_median:6.2f} s median  ({pages / import_median:5.1f} pages/s)"
            f"  goal: under {GOAL_SECONDS:.0f} s"
        )
        print(
            f"reading alone:  {alone_median:6.2f} s median  ({pages / alone_median:5.1f} pages/s)"
        )
        print(f"ratio import / reading alone: {import_median / alone_median:.2f}")

        outcomes, refused = run_import(dry_run=False)
        print()
        print("One real import of the five:")
        for outcome in outcomes:
            print(f"  {outcome.draft.name}: {outcome.summary.describe()}")
        for reason in refused:
            print(f"  refused: {reason}")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
