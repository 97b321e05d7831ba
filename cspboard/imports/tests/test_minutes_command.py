"""`cspboard import-minutes`: files and folders, one transaction per file, honest messages.
The parser is replaced by one returning known drafts, so that these tests do not depend on
what the parser can find (its own tests measure that)."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cspboard.boards.tests.factories import BoardFactory
from cspboard.imports.minutes import services
from cspboard.imports.minutes.draft import DocumentDraft, ItemDraft, MeetingDraft
from cspboard.imports.models import DocumentImport
from cspboard.meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


def fake_parse(doc):
    """A meeting on the date the file's first line gives (none if it is not a date)."""
    first = doc.lines[0].text if doc.lines else ""
    try:
        day = datetime.date.fromisoformat(first.strip())
    except ValueError:
        day = None
    meeting = MeetingDraft(
        kind="minutes",
        date=day,
        start=datetime.time(10, 0),
        items=[ItemDraft(number="1", title="Welcome", minutes="Welcomed.")],
    )
    return DocumentDraft(name=doc.name, sha256=doc.sha256, kind=doc.kind, meetings=[meeting])


@pytest.fixture(autouse=True)
def parser(monkeypatch):
    monkeypatch.setattr(services, "parse_document", fake_parse)


@pytest.fixture
def board():
    return BoardFactory(name="Community Safety Partnership", slug="csp")


@pytest.fixture
def folder(tmp_path):
    papers = tmp_path / "papers"
    (papers / "2019").mkdir(parents=True)
    (papers / "2019" / "b-june.txt").write_text("2019-06-26\nMinutes\n")
    (papers / "2019" / "a-march.txt").write_text("2019-03-27\nMinutes\n")
    (papers / "notes.csv").write_text("2019-01-01\n")  # not a document kind: passed over
    (papers / "undated.txt").write_text("no date here\n")
    return papers


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import-minutes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args) -> tuple[str, str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import-minutes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), str(error.value)


def test_a_folder_imports_file_by_file_and_a_bad_one_does_not_stop_the_others(board, folder):
    out, err, error = run_failing(str(folder), "--board", "csp")
    assert err.splitlines() == [
        "[1/3] [######..............]  33% a-march.txt",
        "[2/3] [#############.......]  66% b-june.txt",
        "[3/3] [####################] 100% undated.txt",
    ]
    assert "a-march.txt: wrote 1 meetings new" in out
    assert "undated.txt: not imported: Meeting 1 of undated.txt has no date" in out
    assert "Nothing was written." in out
    assert "Imported 2 of 3 files (0 imported before, 1 failed)" in out
    assert error == "1 of 3 files could not be imported; the others were."
    assert sorted(Meeting.objects.values_list("date", flat=True)) == [
        datetime.date(2019, 3, 27),
        datetime.date(2019, 6, 26),
    ]
    assert DocumentImport.objects.filter(status="written").count() == 2


def test_importing_again_says_so_and_changes_nothing(board, folder):
    march = str(folder / "2019" / "a-march.txt")
    run(march, "--board", "csp")
    out, _ = run(march, "--board", "csp")
    assert "a-march.txt: This file was imported to Community Safety Partnership" in out
    assert "nothing was changed" in out
    assert "Imported 0 of 1 files (1 imported before, 0 failed)" in out
    assert Meeting.objects.count() == 1 and AgendaItem.objects.count() == 1


def test_a_dry_run_says_would_and_writes_nothing(board, folder):
    out, _err, error = run_failing(str(folder), "--board", "csp", "--dry-run")
    assert "a-march.txt: would write 1 meetings new" in out
    assert "Would import 2 of 3 files" in out and out.rstrip().endswith("Nothing was written.")
    assert "wrote" not in out and "Imported" not in out
    assert error == "1 of 3 files could not be imported; the others would be."
    assert not Meeting.objects.exists() and not DocumentImport.objects.exists()


def test_json_gives_the_drafts_and_summaries(board, folder):
    out, _err, _error = run_failing(str(folder), "--board", "csp", "--format", "json")
    data = json.loads(out)
    assert data["dry_run"] is False
    outcomes = {f["file"].rsplit("/", 1)[-1]: f for f in data["files"]}
    assert outcomes["a-march.txt"]["outcome"] == "imported"
    assert outcomes["a-march.txt"]["draft"]["meetings"][0]["date"] == "2019-03-27"
    assert outcomes["a-march.txt"]["summary"]["meetings_created"] == 1
    assert outcomes["undated.txt"]["outcome"] == "failed"
    assert outcomes["undated.txt"]["draft"]["meetings"][0]["date"] is None


def test_refusals_before_anything(board, tmp_path):
    with pytest.raises(CommandError, match='No board with the slug "nope"'):
        run(str(tmp_path), "--board", "nope")
    with pytest.raises(CommandError, match="neither a file nor a folder"):
        run(str(tmp_path / "missing"), "--board", "csp")
    with pytest.raises(CommandError, match="No .txt, .html, .htm, .docx, .pdf files found"):
        run(str(tmp_path), "--board", "csp")


def test_an_unreadable_file_is_reported(board, tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "fine.txt").write_text("2019-03-27\n")
    out, _err, error = run_failing(str(tmp_path), "--board", "csp")
    assert "broken.pdf: not imported:" in out and "Nothing was written." in out
    assert "fine.txt: wrote 1 meetings new" in out
    assert Meeting.objects.count() == 1


def test_a_dry_run_of_several_files_sees_what_the_earlier_ones_would_write(board, tmp_path):
    (tmp_path / "a.txt").write_text("2019-03-27\nagenda\n")
    (tmp_path / "b.txt").write_text("2019-03-27\nminutes\n")
    out, _ = run(str(tmp_path), "--board", "csp", "--dry-run")
    assert "a.txt: would write 1 meetings new, 0 filled in" in out
    assert "b.txt: would write 0 meetings new, 1 filled in" in out
    assert not Meeting.objects.exists() and not DocumentImport.objects.exists()


def test_review_keeps_each_file_to_check_and_writes_nothing_to_the_record(board, folder):
    out, err = run(str(folder / "2019"), "--board", "csp", "--review")
    pending = {r.name: r for r in DocumentImport.objects.filter(status="pending")}
    assert set(pending) == {"a-march.txt", "b-june.txt"}
    assert (
        f"a-march.txt: 1 meeting found; check and import at "
        f"/boards/csp/imports/{pending['a-march.txt'].pk}/" in out
    )
    assert "2 of 2 files kept for an officer to check; nothing was written to the record." in out
    assert not Meeting.objects.exists()
    with pytest.raises(CommandError, match="leave out --dry-run"):
        run(str(folder), "--board", "csp", "--review", "--dry-run")
