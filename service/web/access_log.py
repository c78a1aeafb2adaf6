"""The access log: one JSON line per request on stdout, written by the gate for every request.

Production runs uvicorn with `--no-access-log`; this line carries what operations need
(method, path, status, latency_ms, size) in a form log pipelines parse without rules. The query
string is left out on purpose: it holds the places people ask about. The line is written straight
to the stream rather than through `logging`, which would cost more than the rest of it on the
hot path.
"""

from __future__ import annotations

import json
import re
import sys
import time
from functools import lru_cache
from typing import TextIO

from service.application.question import is_reserved

MAX_LOGGED_PATH_CHARS = 256
# An event id's shape (`cassini-2013`): its segment is kept in the template only as `{event}`.
_EVENT_ID = re.compile(r"[a-z]+(?:-[0-9]{2,4})+")


def access_line(
    method: str, path: str, status: int, latency_ms: float, size: int, at: float
) -> str:
    """One JSON object on one line; control characters and quotes in the path are escaped.

    Built by hand around `json.dumps` of the path: the only field a client controls.
    """
    if len(path) > MAX_LOGGED_PATH_CHARS:
        path = path[:MAX_LOGGED_PATH_CHARS] + "..."
    return (
        f'{{"ts": "{_timestamp(at)}", "method": {_quoted(method)}, "path": {_quoted(path)}, '
        f'"status": {status}, "latency_ms": {latency_ms:.3f}, "size": {size}}}'
    )


# Methods and paths repeat (a path holds no query string, a short path only its template): quote
# each once, not once per request. Paths are the client's: 1,024 of at most 260 characters, about
# 600 KB with their quoted forms, at worst.
_quoted = lru_cache(maxsize=1024)(json.dumps)


@lru_cache(maxsize=4)
def _second(whole_s: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole_s))


def _timestamp(at: float) -> str:
    """`2013-07-19T21:27:00.000Z`: UTC, milliseconds."""
    whole = int(at)
    return f"{_second(whole)}.{int((at - whole) * 1000):03d}Z"


def logged_path(path: str) -> str:
    """The path as logged: a short path names a place a person asked about, so it is logged as
    its route template (`/{place}`), like the query strings that are left out."""
    if path == "/" or is_reserved(path):
        return path
    first, _, rest = path.lstrip("/").partition("/")
    return "/{event}/{place}" if rest and _EVENT_ID.fullmatch(first) else "/{place}"


# Lines held while other requests are still being answered, at most this many.
MAX_HELD_LINES = 64


class AccessLog:
    """Writes one line per request to `stream` (stdout unless given). The gate
    (`service.web.gate`) times each request from arrival to its last body byte, says when it
    begins (`begin`) and calls `write` when it ends; a request whose handler raised is written as
    a 500: the error handler that answers it sits outside the gate, and the exception still
    propagates to it.

    Under load a line is held while other requests are in flight, and the held lines go out in
    one write when none is (or when MAX_HELD_LINES are held): the log stream is unbuffered in a
    container, and one write per request cost a system call each. A request answered alone is
    written at once.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.in_flight = 0
        self._held: list[str] = []

    def begin(self) -> float:
        """A request arrives: the instant to pass to `write`."""
        self.in_flight += 1
        return time.perf_counter()

    def write(self, method: str, path: str, status: int, began: float, size: int) -> None:
        """The line for a request that arrived at `began` (from `begin`)."""
        self.in_flight -= 1
        latency_ms = (time.perf_counter() - began) * 1000
        held = self._held
        held.append(access_line(method, logged_path(path), status, latency_ms, size, time.time()))
        if self.in_flight <= 0 or len(held) >= MAX_HELD_LINES:
            self.flush()

    def flush(self) -> None:
        """Write the held lines."""
        text = "\n".join(self._held) + "\n"
        self._held.clear()
        try:
            (self.stream or sys.stdout).write(text)
        except (OSError, ValueError):  # a closed or broken log stream must not fail the request
            pass
