"""The production launcher as a process for tests: `python -m service.serve` on 127.0.0.1 and a
free port, with the settings a test gives, and plain HTTP/1.1 requests to it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Launcher:
    port: int
    process: subprocess.Popen
    log_path: Path
    readiness: list[int] = field(default_factory=list)  # /readyz statuses seen while starting

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def log_when(self, *texts: str, timeout_s: float = 5.0) -> str:
        """The log once it holds every one of `texts` (a line is written after its answer is
        sent, so a test that has its answer may be a moment ahead of the log), or as it is."""
        deadline = time.monotonic() + timeout_s
        while not all(text in (log := self.log) for text in texts) and time.monotonic() < deadline:
            time.sleep(0.02)
        return log

    def wait_ready(self) -> None:
        """Ask /readyz every 20 ms until it says 200, keeping what it said before."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the launcher exited at start:\n{self.log}"
            status = request(self.port, "/readyz", timeout_s=2)[0]
            if status:
                self.readiness.append(status)
            if status == 200:
                return
            time.sleep(0.02)
        raise AssertionError(f"not ready within {START_TIMEOUT_S} s:\n{self.log}")


@contextmanager
def launcher(tmp_path: Path, ready: bool = True, **env: str) -> Iterator[Launcher]:
    """`python -m service.serve` on 127.0.0.1 and a free port, with these settings."""
    port = free_port()
    log_path = tmp_path / f"launcher-{port}.log"
    settings = {"HOST": "127.0.0.1", "PORT": str(port), "LOG_LEVEL": "info", **env}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.serve"],
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **settings},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its workers and children go with it at the end
        )
    started = Launcher(port, process, log_path)
    try:
        if ready:
            started.wait_ready()
        yield started
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def request(port: int, path: str, timeout_s: float = 5) -> tuple[int, dict[str, str], bytes]:
    """One GET on a new connection: status, fields, body; status 0 if refused or cut."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout_s) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            return read_response(sock)
    except (OSError, ValueError):
        return 0, {}, b""


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ValueError(f"closed before a whole head: {data!r}")
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    fields = dict(line.lower().split(": ", 1) for line in lines[1:])
    while len(body) < int(fields.get("content-length", 0)):
        chunk = sock.recv(65536)
        if not chunk:
            raise ValueError("closed in the middle of a body")
        body += chunk
    return int(lines[0].split(" ", 2)[1]), fields, body
