"""The HTTP server production runs: uvicorn, driven from Python, with an edge of our own.

`service.serve` validates the settings and calls `run`. What this adds to uvicorn, each found by
an attack on loopback:

- A request head must be complete within HEADER_TIMEOUT_S of the connection (or of the first
  byte of a later request on it): uvicorn's keep-alive timeout starts only after a response, so
  a client dribbling header bytes held its socket for ever. Connections beyond MAX_CONNECTIONS
  are answered 503 with Retry-After and closed, never left unanswered.
- The health probes are answered here, outside every middleware, and a turn of the event loop
  starts at most a few requests, so the probes stay fast under load; /readyz is honest: 503
  while start-up work runs (the socket opens first) and while draining.
- SIGTERM drains: /readyz turns 503, connections are still accepted until none has come for a
  moment and the kernel's accept queue is empty, every accepted request is answered, and the
  process exits 0, all within SHUTDOWN_TIMEOUT_S.
- A request line with raw UTF-8 (`curl 'host/?city=東京'` sends the bytes unencoded, and the
  parser refuses them) is read as its percent-encoded form; a request the parser still cannot read
  is answered 400 in the API's one JSON error shape, not uvicorn's plain text.
- With WORKERS > 1 the workers are watched here and never respawned: a worker that fails to
  start (or dies) stops the others and the launcher exits non-zero, leaving restarts, with
  back-off, to the orchestrator.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import multiprocessing
import signal
import socket
import struct
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from types import FrameType
from typing import Any, cast

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn import Config, Server
from uvicorn.config import STARTUP_FAILURE
from uvicorn.importer import import_from_string
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from service.settings import Settings
from service.web.errors import error_body
from service.web.headers import EVERY_RESPONSE
from service.web.routes.health import ALIVE, RETRY_AFTER_S, STARTING, ready

logger = logging.getLogger("uvicorn.error")

DRAINING = "This replica is shutting down; retry, and another will answer."
OVER_CAPACITY = "Too many open connections; retry in a moment."
OVER_CAPACITY_RETRY_S = 1
# Requests the app works on at once, and starts in one turn of the event loop (Edge.admitted).
APP_CONCURRENCY = 8
# While draining, new connections are accepted until none has come for this long.
DRAIN_QUIET_S = 0.5
# Beyond the drain, how long the launcher waits for a worker's lifespan shutdown and exit.
JOIN_MARGIN_S = 10
REQUEST_TIMEOUT = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
UNREADABLE = (
    "The request could not be read as HTTP/1.1. Send one request line, METHOD /path HTTP/1.1, "
    "with spaces and control characters in the URL percent-encoded (%20 for a space), then "
    "its header lines."
)
UNREADABLE_EXAMPLE = "GET /v1/events/cassini-2013/local?city=Sao%20Paulo HTTP/1.1"
_TCP_LISTEN = 10
_JSON = (b"content-type", b"application/json")
_NO_STORE = (b"cache-control", b"no-store")
_SECURITY = EVERY_RESPONSE


@dataclass(frozen=True)
class Limits:
    """What the edge holds request heads, connections and shutdown to."""

    header_timeout_s: float = 10
    max_connections: int = 1000
    shutdown_timeout_s: float = 20

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(settings.header_timeout_s, settings.max_connections, settings.shutdown_timeout_s)


class EdgeState(ServerState):
    """uvicorn's state shared by one process's connections, plus the edge's: its limits, whether
    the app's start-up work is done or failed, whether a drain is on, and when the last
    connection came."""

    def __init__(self, limits: Limits) -> None:
        super().__init__()
        self.limits = limits
        self.loaded = False
        self.failure: str | None = None
        self.draining = False
        self.last_connection_s = 0.0  # event-loop time
        self.over_capacity: ASGIApp = over_capacity


def _answer(status: int, body: dict[str, Any], *extra: tuple[bytes, bytes]) -> Message:
    """A complete small JSON answer as one message (the body under "body")."""
    raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    headers = [_JSON, (b"content-length", str(len(raw)).encode()), _NO_STORE, *_SECURITY, *extra]
    return {"status": status, "headers": headers, "body": raw}


def _unavailable(message: str, retry_after_s: int, *extra: tuple[bytes, bytes]) -> Message:
    body = error_body("not_ready", message, retry_after_s=retry_after_s)
    return _answer(503, body, (b"retry-after", str(retry_after_s).encode()), *extra)


async def _send(scope: Scope, send: Send, answer: Message) -> None:
    start = {"type": "http.response.start", "status": answer["status"]}
    await send({**start, "headers": answer["headers"]})
    body = b"" if scope["method"] == "HEAD" else answer["body"]
    await send({"type": "http.response.body", "body": body})


async def over_capacity(scope: Scope, receive: Receive, send: Send) -> None:
    """The answer on a connection beyond MAX_CONNECTIONS: 503, Retry-After, then close."""
    body = error_body("over_capacity", OVER_CAPACITY, retry_after_s=OVER_CAPACITY_RETRY_S)
    retry = (b"retry-after", str(OVER_CAPACITY_RETRY_S).encode())
    await _send(scope, send, _answer(503, body, retry, (b"connection", b"close")))


class Edge:
    """The outermost ASGI app: health probes first, then the app once its start-up is done.

    The app's lifespan runs as a task: uvicorn is told at once that start-up is complete, so the
    socket opens and /readyz can say 503 while the work runs, instead of nothing at all.
    """

    def __init__(self, app: ASGIApp, state: EdgeState) -> None:
        self.app = app
        self.state = state
        self.slots = asyncio.Semaphore(APP_CONCURRENCY)
        state.over_capacity = self.over_capacity

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.lifespan(scope, receive, send)
        elif scope["type"] == "http" and self.is_probe(scope):
            await _send(scope, send, self.probe(scope["path"]))
        elif scope["type"] == "http" and not self.state.loaded:
            await _send(scope, send, _unavailable(STARTING, RETRY_AFTER_S))
        elif scope["type"] == "http":
            await self.admitted(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def admitted(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app on a request once one of APP_CONCURRENCY slots is free. A slot is given
        back when the answer starts (sending it is the network's time, not ours), and only at
        the event loop's next turn.

        The app's routes run to their answer without yielding, so each request started in a
        turn of the loop adds its whole CPU time to that turn: with 1000 at once a turn took
        seconds, and a probe waited for it. Now a turn starts at most APP_CONCURRENCY answers;
        the others wait, at no cost, in order of arrival.
        """
        await self.slots.acquire()
        held = True

        def release() -> None:
            nonlocal held
            if held:
                held = False
                asyncio.get_running_loop().call_soon(self.slots.release)

        async def send_releasing(message: Message) -> None:
            if message["type"] == "http.response.start":
                release()
            await send(message)

        try:
            await self.app(scope, receive, send_releasing)
        finally:
            release()

    @staticmethod
    def is_probe(scope: Scope) -> bool:
        return scope["path"] in ("/healthz", "/readyz") and scope["method"] in ("GET", "HEAD")

    def probe(self, path: str) -> Message:
        """/healthz: the process answers. /readyz: start-up is done and no drain is on."""
        if path == "/healthz":
            return _answer(200, ALIVE)
        if self.state.draining:
            return _unavailable(DRAINING, RETRY_AFTER_S)
        if not self.state.loaded:
            return _unavailable(STARTING, RETRY_AFTER_S)
        return _answer(200, ready(self.app))

    async def over_capacity(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Beyond MAX_CONNECTIONS the probes are still answered; everything else is refused."""
        if scope["type"] == "http" and self.is_probe(scope):
            await _send(scope, send, self.probe(scope["path"]))
        else:
            await over_capacity(scope, receive, send)

    async def lifespan(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Start the app's lifespan beside the server; end it when uvicorn shuts down."""
        await receive()  # lifespan.startup
        stopping = asyncio.Event()
        inner = asyncio.create_task(self._run_app_lifespan(scope, stopping))
        await send({"type": "lifespan.startup.complete"})
        await receive()  # lifespan.shutdown
        stopping.set()
        await inner
        await send({"type": "lifespan.shutdown.complete"})

    async def _run_app_lifespan(self, scope: Scope, stopping: asyncio.Event) -> None:
        began = time.monotonic()
        started = False

        async def app_receive() -> Message:
            nonlocal started
            if not started:
                started = True
                return {"type": "lifespan.startup"}
            await stopping.wait()
            return {"type": "lifespan.shutdown"}

        async def app_send(message: Message) -> None:
            if message["type"] == "lifespan.startup.complete":
                self.state.loaded = True
                logger.info("Start-up work done in %.1f s: ready.", time.monotonic() - began)
            elif message["type"] == "lifespan.startup.failed":
                self.state.failure = message.get("message") or "start-up failed"

        try:
            await self.app(scope, app_receive, app_send)
        except Exception as error:  # reported by the app (then failure is set) or not
            if not self.state.loaded:
                self.state.failure = self.state.failure or repr(error)
            else:
                logger.error("The app's lifespan shutdown failed: %r", error)


class EdgeProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request head and a connection limit.

    The head's deadline is set when a connection is made (and at the first byte of each later
    request on it) and cleared when the head is complete; the server's tick (every 0.1 s) closes
    a connection past it with 408. A deadline is a number, not a timer: arming and cancelling a
    loop timer for every request cost more than the rest of the edge's work on it.
    A connection beyond MAX_CONNECTIONS is served by the edge's refusal instead of the app.
    """

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        assert isinstance(server_state, EdgeState), "EdgeProtocol needs EdgeServer"
        self.edge = server_state
        # Event-loop time by which the request head must be complete; None when none is due.
        self.head_due_s: float | None = None
        # Whether the next bytes received are (still) a request line: see `data_received`.
        self.in_request_line = True

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(cast(asyncio.Transport, CoalescingTransport(transport, self.loop)))
        self.edge.last_connection_s = self.loop.time()
        if len(self.connections) > self.edge.limits.max_connections:
            self.app = self.edge.over_capacity
        self._set_head_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._clear_head_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Bytes for the parser, a request line's raw UTF-8 percent-encoded first.

        httptools refuses any byte above 0x7F in a URL, and no such byte is valid anywhere in a
        request line, so encoding them changes nothing else: `/東京` reads as
        `/%E6%9D%B1%E4%BA%AC`, which is what the client meant. The line is the first of the
        bytes received while a request line is due (at a connection's start and after each whole
        request); a second request pipelined in the same packet as the first is read as sent.
        """
        if self.in_request_line:
            end = data.find(b"\n")
            line, rest = (data, b"") if end < 0 else (data[: end + 1], data[end + 1 :])
            if max(line, default=0) > 0x7F:
                line = percent_encode_high_bytes(line)
            data = line + rest
            self.in_request_line = end < 0
        super().data_received(data)

    def on_message_complete(self) -> None:
        self.in_request_line = True
        super().on_message_complete()

    def on_response_complete(self) -> None:
        cast(CoalescingTransport, self.transport).flush()  # the whole answer, now
        super().on_response_complete()

    def send_400_response(self, msg: str) -> None:
        """A request the parser cannot read: 400 in the one JSON error shape, then close."""
        body = error_body("unreadable_request", UNREADABLE, example=UNREADABLE_EXAMPLE)
        answer = _answer(400, body, (b"connection", b"close"))
        head = [b"HTTP/1.1 400 Bad Request\r\n"]
        for name, value in [*self.server_state.default_headers, *answer["headers"]]:
            head.append(name + b": " + value + b"\r\n")
        self.transport.write(b"".join([*head, b"\r\n", answer["body"]]))
        self.transport.close()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self.head_due_s is None:
            self._set_head_deadline()

    def on_headers_complete(self) -> None:
        self._clear_head_deadline()
        super().on_headers_complete()
        if self.edge.draining and self.cycle is not None:
            self.cycle.keep_alive = False  # answered with `Connection: close`

    def shutdown(self) -> None:
        """uvicorn's graceful shutdown, but a connection whose request head is still on its way
        (a new connection, or a kept-alive one that began its next request) is left to finish
        it: accepted is accepted. Its answer closes it (while draining, every answer says
        `Connection: close`), or its head deadline does. Idle kept-alive connections are closed."""
        if self.head_due_s is not None and not self.transport.is_closing():
            return
        super().shutdown()

    def _set_head_deadline(self) -> None:
        self.head_due_s = self.loop.time() + self.edge.limits.header_timeout_s

    def _clear_head_deadline(self) -> None:
        self.head_due_s = None

    def check_head_deadline(self, now_s: float) -> None:
        """408 and close when the request head is past its deadline (the server's tick asks)."""
        if self.head_due_s is not None and now_s >= self.head_due_s:
            self._head_timed_out()

    def _head_timed_out(self) -> None:
        self.head_due_s = None
        if not self.transport.is_closing():
            self.transport.write(REQUEST_TIMEOUT)
            self.transport.close()


class CoalescingTransport:
    """A connection's transport whose writes in one turn of the event loop go out as one: an
    answer's head and body in one system call and one packet, at the latest when the turn ends
    or the answer is complete. uvicorn writes them apart, and on loopback each write wakes the
    client: the two writes were a third of a small answer's time. Everything else is the
    transport's own."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def flush(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, []
            if not self._transport.is_closing():
                self._transport.write(pending[0] if len(pending) == 1 else b"".join(pending))

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


def percent_encode_high_bytes(line: bytes) -> bytes:
    """Every byte above 0x7F as `%XX`; the rest as it is."""
    return b"".join(b"%%%02X" % byte if byte > 0x7F else bytes((byte,)) for byte in line)


def accept_queue_length(sock: Any) -> int | None:
    """Connections the kernel holds for a listening socket that no process has accepted yet
    (Linux: TCP_INFO's `tcpi_unacked` of a listening socket, what `ss` shows); None if unknown."""
    option = getattr(socket, "TCP_INFO", None)
    if option is None:
        return None
    try:
        raw = sock.getsockopt(socket.IPPROTO_TCP, option, 104)
    except (OSError, AttributeError):
        return None
    if len(raw) < 28 or raw[0] != _TCP_LISTEN:
        return None
    return int(struct.unpack_from("=I", raw, 24)[0])


class EdgeServer(Server):
    """uvicorn's server, with the edge in front of the app, a drain on SIGTERM and an exit code."""

    def __init__(self, config: Config, limits: Limits) -> None:
        super().__init__(config)
        self.state = EdgeState(limits)
        self.server_state = self.state
        self.exit_code = 0
        self.drain_began = 0.0

    def serve_until_stopped(self, sockets: list[socket.socket] | None = None) -> int:
        """Serve until a signal or a failure; 0 after a drain, else non-zero."""
        try:
            self.run(sockets)
        except SystemExit as stop:  # uvicorn's own start-up failures (a port in use)
            return stop.code if isinstance(stop.code, int) and stop.code else 1
        return self.exit_code

    async def serve(self, sockets: list[socket.socket] | None = None) -> None:
        if not self.config.loaded:
            try:
                app = self.config.app
                inner = cast(ASGIApp, import_from_string(app) if isinstance(app, str) else app)
                self.config.app = Edge(inner, self.state)
                self.config.load()
            except (Exception, SystemExit):
                logger.exception("The app could not be loaded.")
                self.exit_code = STARTUP_FAILURE
                return
        await super().serve(sockets)

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        """First SIGTERM or SIGINT: drain. A second: stop accepting now and finish what is in
        flight; a second SIGINT (Ctrl+C twice): without waiting."""
        if self.state.draining or not self.started:
            self.force_exit = self.force_exit or (self.state.draining and sig == signal.SIGINT)
            self.should_exit = True
            return
        self.state.draining = True
        self.drain_began = time.monotonic()
        logger.info("Draining: /readyz answers 503; accepted requests will be answered.")

    async def on_tick(self, counter: int) -> bool:
        now_s = asyncio.get_running_loop().time()
        for connection in list(self.server_state.connections):
            if isinstance(connection, EdgeProtocol):
                connection.check_head_deadline(now_s)
        if await super().on_tick(counter):
            return True
        if self.state.failure is not None:
            logger.error("Start-up failed: %s", self.state.failure)
            self.exit_code = STARTUP_FAILURE
            self.state.draining = True  # what is still answered closes its connection
            return True
        return self.state.draining and self._done_accepting()

    def _done_accepting(self) -> bool:
        """Whether to stop accepting: nothing came for a moment and nothing waits in the kernel,
        or half the shutdown time is spent (the other half is for answering)."""
        budget_s = self.state.limits.shutdown_timeout_s
        spent_s = time.monotonic() - self.drain_began
        quiet = asyncio.get_running_loop().time() - self.state.last_connection_s >= DRAIN_QUIET_S
        if not (quiet and self._accept_queue_empty()) and spent_s < budget_s / 2:
            return False
        self.config.timeout_graceful_shutdown = max(0, math.ceil(budget_s - spent_s))
        return True

    def _accept_queue_empty(self) -> bool:
        listeners: Iterable[Any] = (sock for server in self.servers for sock in server.sockets)
        return not any(accept_queue_length(sock) for sock in listeners)


def run(config: Config, limits: Limits) -> int:
    """Serve `config` until stopped; the process's exit code."""
    if config.workers <= 1:
        return EdgeServer(config, limits).serve_until_stopped()
    return Supervisor(config, limits).run()


def _work(config: Config, limits: Limits, sockets: list[socket.socket]) -> None:
    """One worker process (spawned): logging as configured, then serve."""
    config.configure_logging()
    sys.exit(EdgeServer(config, limits).serve_until_stopped(sockets))


class Supervisor:
    """WORKERS processes on one listening socket, watched but never respawned.

    A worker that exits on its own (a failed start, a crash) stops the others, and the launcher
    exits with its code: a broken start fails once, loudly, instead of looping. SIGTERM or SIGINT
    is passed on once, so each worker drains, and the launcher exits 0 if they all did.
    """

    def __init__(self, config: Config, limits: Limits) -> None:
        self.config = config
        self.limits = limits
        self.stop = threading.Event()

    def run(self) -> int:
        sock = self.config.bind_socket()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: self.stop.set())
        spawn = multiprocessing.get_context("spawn")
        workers = [
            spawn.Process(target=_work, args=(self.config, self.limits, [sock]))
            for _ in range(self.config.workers)
        ]
        for worker in workers:
            worker.start()
        failed = None
        while failed is None and not self.stop.wait(0.2):
            failed = next((w for w in workers if w.exitcode is not None), None)
        # The workers hold their own copies: the socket closes, and refuses, with the last one.
        sock.close()
        if failed is not None:
            logger.error(
                "Worker %s exited with %s; stopping the others.", failed.pid, failed.exitcode
            )
        for worker in workers:
            if worker.exitcode is None:
                worker.terminate()  # SIGTERM: drain
        deadline = time.monotonic() + self.limits.shutdown_timeout_s + JOIN_MARGIN_S
        for worker in workers:
            worker.join(max(0.0, deadline - time.monotonic()))
            if worker.exitcode is None:
                logger.error("Worker %s did not stop in time; killing it.", worker.pid)
                worker.kill()
                worker.join()
        if failed is not None:
            return failed.exitcode if failed.exitcode and failed.exitcode > 0 else 1
        clean = (0, -signal.SIGTERM)  # a worker stopped before it could take the signal
        return 0 if all(worker.exitcode in clean for worker in workers) else 1
