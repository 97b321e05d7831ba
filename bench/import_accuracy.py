"""How well the minutes import reads the seed packs and the layouts corpus: precision and recall
per field, against the demo's hand-built record and the corpus's expected files.

    .venv/bin/python bench/import_accuracy.py [--seeds DIR] [--corpus DIR] [--each] [--misses]

Reads each document with `cspboard.documents.readers.read_path`, parses it with
`cspboard.imports.minutes.parse.parse_document` and scores the draft
(`cspboard.imports.minutes.accuracy.score_file`; a file the readers refuse scores as finding
nothing). No database, no network; nothing is written. It prints one
table for the seeds (against `cspboard/demo/data`) and one for the corpus
(`cspboard/imports/tests/layouts`), with `--each` one per document, and with `--misses` what
each reading missed or found in excess. The goal on the seeds
is 0.95 per field (issue 14).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspboard.settings")
os.environ.setdefault("CSPBOARD_ENV", "development")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=PROJECT_DIR.parent / "shared" / "seeds")
    parser.add_argument(
        "--corpus", type=Path, default=PROJECT_DIR / "cspboard/imports/tests/layouts"
    )
    parser.add_argument("--each", action="store_true", help="a table for every document too")
    parser.add_argument(
        "--misses", action="store_true", help="list what each document's reading missed or added"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from cspboard.imports.minutes import accuracy

    demo = PROJECT_DIR / "cspboard/demo/data"

    def run(title, pairs):
        scores, started = [], time.perf_counter()
        for path, expected in pairs:
            notes: list[str] = []
            one, refusal = accuracy.score_file(path, expected, notes)
            scores.append(one)
            if refusal:
                print(f"{path.name} not read: {refusal}")
            if args.each:
                print(accuracy.table(one, path.name))
            if args.misses:
                print("".join(f"  {path.name}: {note}\n" for note in notes))
        seconds = time.perf_counter() - started
        print(
            accuracy.table(
                accuracy.total(scores), f"{title} ({len(scores)} documents, {seconds:.1f} s)"
            )
        )

    if args.seeds.is_dir():
        run(
            f"Seed packs against the demo's record (goal {accuracy.SEED_GOAL})",
            [
                (args.seeds / name, accuracy.seed_truth(demo, name))
                for name in accuracy.SEED_RECORDS
                if (args.seeds / name).exists()
            ],
        )
    else:
        print(f"No seed packs at {args.seeds}: skipped (give --seeds DIR)")
    if args.corpus.is_dir():
        run("Layouts corpus", list(accuracy.corpus(args.corpus)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
