"""What the benchmarks share: a throwaway environment, gunicorn on 127.0.0.1, a closed-loop load
generator and signing in. Only 127.0.0.1 is ever asked; nothing here is a test."""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
HOST = "127.0.0.1"


def bench_environment(tmp: Path) -> dict[str, str]:
    """The settings' environment for this process and gunicorn: everything in `tmp`."""
    env = dict(os.environ)
    for name in ("DOCUMENTS_STORAGE", "STATICFILES_MANIFEST", "HTTPS", "SECURE_COOKIES"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="cspboard.settings",
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        CSPBOARD_VAR_DIR=str(tmp / "var"),
        DOCUMENTS_ROOT=str(tmp / "documents"),
        SECRET_KEY=secrets.token_urlsafe(50),
        CSPBOARD_DEMO="true",
        REQUEST_LOG="false",
        DEBUG="0",
        ALLOWED_HOSTS=HOST,
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    return env


# Load generation ------------------------------------------------------------------------------


@dataclass
class Round:
    target: str
    ok: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    server_cpu: float | None = None  # seconds of CPU the gunicorn processes used
    client_cpu: float = 0.0  # seconds of CPU this process used driving the load

    @property
    def rps(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    @property
    def cpu_ms_per_request(self) -> float | None:
        if self.server_cpu is None or not self.ok:
            return None
        return self.server_cpu / self.ok * 1000

    @property
    def client_ms_per_request(self) -> float:
        return self.client_cpu / self.ok * 1000 if self.ok else 0.0


def load(
    port: int,
    paths: list[str],
    *,
    target: str,
    requests: int,
    seconds: float,
    concurrency: int,
    headers: dict[str, str],
    expect: bytes,
    cpu_of=None,
) -> Round:
    """A closed loop: `concurrency` threads, each with one connection and one request in flight,
    until `requests` have been sent or `seconds` have passed. Only 127.0.0.1 is ever asked."""
    result = Round(target=target)
    lock = threading.Lock()
    issued = 0
    start = time.perf_counter()
    deadline = start + seconds

    def run() -> None:
        nonlocal issued
        latencies, ok, errors = [], 0, 0
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        try:
            while True:
                with lock:
                    if issued >= requests or time.perf_counter() >= deadline:
                        break
                    path = paths[issued % len(paths)]
                    issued += 1
                began = time.perf_counter()
                try:
                    # gunicorn's sync workers close each connection; http.client reconnects.
                    conn.request("GET", path, headers=headers)
                    response = conn.getresponse()
                    body = response.read()
                    good = response.status == 200 and expect in body
                except (OSError, http.client.HTTPException):
                    conn.close()
                    good = False
                latencies.append(time.perf_counter() - began)
                ok, errors = (ok + 1, errors) if good else (ok, errors + 1)
        finally:
            conn.close()
        with lock:
            result.latencies.extend(latencies)
            result.ok += ok
            result.errors += errors

    cpu_before = cpu_of() if cpu_of else None
    client_before = time.process_time()
    threads = [threading.Thread(target=run, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    result.seconds = time.perf_counter() - start
    result.client_cpu = time.process_time() - client_before
    if cpu_before is not None:
        after = cpu_of()
        result.server_cpu = after - cpu_before if after is not None else None
    return result


# The server -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, env: dict[str, str], workers: int, log: Path, threads: int = 1):
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cspboard.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "gthread" if threads > 1 else "sync",
                "--threads",
                str(threads),
                "--log-level",
                "warning",
                "--error-logfile",
                str(log),
                "--no-control-socket",
                "--chdir",
                str(PROJECT_DIR),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}):\n{self.errors()}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/health/")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
                conn.close()
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{self.errors()}")

    def errors(self) -> str:
        return self.log.read_text()[-3000:] if self.log.exists() else ""

    def cpu_seconds(self) -> float | None:
        """CPU used so far by the master and its workers (Linux /proc; None elsewhere)."""
        try:
            tick = os.sysconf("SC_CLK_TCK")
            master = self.process.pid
            children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
            total = 0
            for pid in [str(master), *children]:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
            return total / tick
        except (OSError, ValueError, IndexError):
            return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


# Signing in ---------------------------------------------------------------------------------------


def sign_in_member(client, data) -> None:
    """Sign the test client in as the dataset's member, as after the second-factor step."""
    client.force_login(data.member_user)
    if data.member_device is not None:
        from django_otp import DEVICE_ID_SESSION_KEY

        session = client.session
        session[DEVICE_ID_SESSION_KEY] = data.member_device.persistent_id
        session.save()


def session_cookie(user, device=None) -> str:
    """A `Cookie` header for a new session of `user`, as after the second-factor step when a
    device is given (needs Django set up, and the database the server uses)."""
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    if device is not None:
        from django_otp import DEVICE_ID_SESSION_KEY

        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile of `values` (seconds), in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def fmt_cpu(value: float | None) -> str:
    return f"{value:6.2f}" if value is not None else "     -"
