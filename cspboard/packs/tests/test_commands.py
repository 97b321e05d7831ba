import pytest
from django.core.management import CommandError, call_command

from .helpers import page_texts


@pytest.mark.parametrize(("members", "secret_in"), [(False, False), (True, True)])
def test_agenda_pack_writes_the_pack(scenario, tmp_path, members, secret_in):
    out = tmp_path / "pack.pdf"
    args = ["--board", "csp", "--date", "2018-03-28", "--out", str(out)]
    call_command("agenda-pack", *args, *(["--members"] if members else []))
    whole = "\n".join(page_texts(out.read_bytes()))
    assert "Notice of Meeting" in whole
    assert ("SECRET-DOC-TEXT" in whole) is secret_in


def test_agenda_pack_no_meeting(scenario, tmp_path):
    with pytest.raises(CommandError):
        call_command("agenda-pack", "--board", "csp", "--date", "2019-01-01", "--out", "x.pdf")
