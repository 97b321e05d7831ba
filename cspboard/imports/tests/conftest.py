"""The saved ModernGov answers, copied for each test so a test may change them, and served from
127.0.0.1 as a ModernGov site serves them: tests/moderngov/ (constructed, see its README) and
tests/moderngov/manchester/ (a council's real answers, see its README)."""

import contextlib
import shutil
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

SAVED = Path(__file__).parent / "moderngov"


@pytest.fixture(autouse=True)
def only_127_0_0_1(monkeypatch):
    """Nothing in these tests reaches another host: a connection anywhere else fails the test."""
    connect = socket.create_connection

    def local_only(address, *args, **kwargs):
        host = address[0]
        assert host in ("127.0.0.1", "localhost"), f"a test tried to reach {host}"
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", local_only)


@pytest.fixture
def saved(tmp_path) -> Path:
    folder = tmp_path / "moderngov"
    shutil.copytree(SAVED, folder)
    return folder


def _file_for(path: str, query: dict) -> str | None:
    """The saved file answering a request, as the folder source names them."""
    one = {key.lower(): values[0] for key, values in query.items()}
    operation = path.rsplit("/", 1)[-1].lower()
    if path.lower().startswith("/mgwebservice.asmx/"):
        if operation == "getcommittees":
            return "GetCommittees.xml"
        if operation == "getmeetings":
            return f"GetMeetings-{one.get('lcommitteeid', '')}.xml"
        if operation == "getmeeting":
            return f"GetMeeting-{one.get('lmeetingid', '')}.xml"
    if operation == "mgconvert2pdf.aspx":
        return f"attachment-{one.get('id', '')}.pdf"
    return None


@contextlib.contextmanager
def serving(folder: Path):
    """A ModernGov site on 127.0.0.1 answering from `folder`; yields its address.
    `address.requests` lists the paths asked for."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            requests.append(self.path)
            name = _file_for(parts.path, parse_qs(parts.query))
            file = folder / name if name and "/" not in name else None
            if file is None or not file.exists():
                self.send_error(404)
                return
            body = file.read_bytes()
            self.send_response(200)
            kind = "application/pdf" if name.endswith(".pdf") else "text/xml; charset=utf-8"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    class Site(str):
        pass

    address = Site(f"http://127.0.0.1:{server.server_address[1]}")
    address.requests = requests
    try:
        yield address
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site(saved):
    """The constructed answers, served."""
    with serving(saved) as address:
        yield address


@pytest.fixture
def manchester(saved) -> Path:
    """The council's real answers (a copy a test may change)."""
    return saved / "manchester"


@pytest.fixture
def manchester_site(manchester):
    with serving(manchester) as address:
        yield address
