from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cspboard.boards.tests.factories import BoardFactory
from cspboard.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import-moderngov", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_imports_and_summarises(saved):
    BoardFactory(slug="csp", name="Community Safety Partnership Board")
    out = run(str(saved), "--board", "csp")
    assert "Imported from Community Safety Partnership Board: 2 meetings new" in out
    assert Meeting.objects.count() == 2
    again = run(str(saved), "--board", "csp")
    assert "0 meetings new, 0 changed, 2 unchanged" in again


def test_a_dry_run_says_what_it_would_do(site):
    BoardFactory(slug="csp", name="Community Safety Partnership Board")
    out = run(site, "--board", "csp", "--dry-run", "--from", "2018-01-01", "--to", "2018-12-31")
    assert "\nWould import from Community Safety Partnership Board: 2 meetings new" in out
    assert out.endswith("Dry run: nothing was written.\n")
    assert not Meeting.objects.exists()


def test_refusals_say_nothing_was_imported(saved, tmp_path):
    BoardFactory(slug="csp", name="Community Safety Partnership Board")
    with pytest.raises(CommandError, match='No board with the slug "nope"'):
        run(str(saved), "--board", "nope")
    with pytest.raises(CommandError, match="neither a web address nor a folder"):
        run(str(tmp_path / "missing"), "--board", "csp")
    (saved / "GetCommittees.xml").write_text("<committees>")
    with pytest.raises(CommandError, match="Nothing was imported. GetCommittees: not well-formed"):
        run(str(saved), "--board", "csp")


def test_a_councils_real_answers_through_the_command(manchester_site):
    BoardFactory(slug="audit", name="Audit Committee")
    out = run(manchester_site, "--board", "audit", "--dry-run")
    assert "\nWould import from Audit Committee: 2 meetings new, 0 changed" in out
    assert not Meeting.objects.exists()
    out = run(manchester_site, "--board", "audit", "--committee", "144", "--from", "2026-02-01")
    assert "\nImported from Audit Committee: 1 meetings new" in out
    assert Meeting.objects.get().date.isoformat() == "2026-02-10"
    assert any(
        "sFromDate=01%2F02%2F2026" in path and "lCommitteeId=144" in path
        for path in manchester_site.requests
    )
