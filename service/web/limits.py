"""Refuse absurd requests (headers, path, query) before any routing or parsing work is done."""

from __future__ import annotations

import json

from starlette.types import Message, Receive, Scope, Send

from service.web.headers import EVERY_RESPONSE

MAX_KEPT_HOSTS = 64


# A refusal: status, error code, message, and the details the error shape carries.
Refusal = tuple[int, str, str, dict]


class RequestLimits:
    """The bounds every request is checked against, before any other work: more than
    `max_headers` header fields or more than `max_header_bytes` of them get a 431 (the HTTP parser
    bounds the request line; headers it does not), a path over `max_path_chars` a 414, a Host the
    server does not answer for a 400, a query string over `max_query_chars` a 422, and a body over
    `max_body_bytes` a 413 (read by the gate before any route, so that no route ever holds more
    than that of one request).
    """

    def __init__(
        self,
        max_header_bytes: int,
        max_headers: int,
        max_path_chars: int,
        max_query_chars: int,
        allowed_hosts: tuple[str, ...] = ("*",),
        max_body_bytes: int = 262_144,
    ) -> None:
        self.max_body_bytes = max_body_bytes
        self.allowed_hosts = allowed_hosts
        self.max_header_bytes = max_header_bytes
        self.max_headers = max_headers
        self.max_path_chars = max_path_chars
        self.max_query_chars = max_query_chars
        # The verdict on each Host value seen: a server is asked by a few names. Bounded, so
        # that a client sending a new Host each time costs a check, not memory.
        self._hosts: dict[bytes, bool] = {}

    async def admitted_body(self, scope: Scope, receive: Receive) -> Receive | Refusal:
        """For a request that may carry a body: a receive channel that replays the body, read
        whole, or the refusal when it is over the limit."""
        body = await self._body(scope, receive)
        return self._too_large() if body is None else _replay(body)

    def _too_large(self) -> Refusal:
        return (
            413,
            "body_too_large",
            f"The request body is over {self.max_body_bytes} bytes; send less.",
            {"max_bytes": self.max_body_bytes},
        )

    async def _body(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body, or None when it is (or is declared) over the limit."""
        for key, value in scope["headers"]:
            if key == b"content-length":
                declared = value.decode("latin-1").strip()
                if not declared.isdigit() or int(declared) > self.max_body_bytes:
                    return None
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if len(body) > self.max_body_bytes:
                return None
            if not message.get("more_body", False):
                break
        return bytes(body)

    def refusal(self, scope: Scope) -> Refusal | None:
        """The refusal of a request over a bound, or None."""
        headers = scope["headers"]
        size = 0
        raw_host: bytes | None = None
        for name, value in headers:
            size += len(name) + len(value)
            if name == b"host" and raw_host is None:
                raw_host = value
        if len(headers) > self.max_headers or size > self.max_header_bytes:
            return (
                431,
                "headers_too_large",
                f"The request carries over {self.max_headers} header fields or over "
                f"{self.max_header_bytes} bytes of them; send fewer or shorter headers.",
                {"max_bytes": self.max_header_bytes, "max_count": self.max_headers},
            )
        if len(scope.get("raw_path") or scope["path"].encode()) > self.max_path_chars:
            return (
                414,
                "path_too_long",
                f"The path is over {self.max_path_chars} characters; no route is that long. "
                "See /docs for the API.",
                {"max_chars": self.max_path_chars},
            )
        if not self._host_allowed(raw_host or b""):
            return (
                400,
                "host_not_allowed",
                "This server does not answer for that Host. Ask it by one of its own names.",
                {"allowed_hosts": [h for h in self.allowed_hosts if h != "testserver"]},
            )
        if len(scope.get("query_string", b"")) > self.max_query_chars:
            return (
                422,
                "parameters_too_long",
                f"The query string is over {self.max_query_chars} characters; "
                "shorten the parameters.",
                {"max_chars": self.max_query_chars},
            )
        return None

    def _host_allowed(self, raw_host: bytes) -> bool:
        allowed = self._hosts.get(raw_host)
        if allowed is None:
            allowed = host_allowed(host_name(raw_host), self.allowed_hosts)
            if len(self._hosts) < MAX_KEPT_HOSTS:
                self._hosts[raw_host] = allowed
        return allowed


def _replay(body: bytes) -> Receive:
    """A receive channel that hands the app the body already read, then waits for disconnect."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


def host_name(value: bytes) -> str:
    """The Host field's name without its port, lower-cased (`[::1]` keeps its brackets)."""
    host = value.decode("latin-1").strip().lower()
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    """Whether a Host name is one the server answers for: exactly, or `*.a.org` for subdomains."""
    for pattern in allowed:
        if pattern == "*" or pattern == host:
            return True
        if pattern.startswith("*.") and host.endswith(pattern[1:]):
            return True
    return False


async def refuse(send: Send, refusal: Refusal) -> int:
    """Answer in the API's error shape, before the app's handlers; the body's size."""
    status, code, message, details = refusal
    body = json.dumps({"error": {"code": code, "message": message, **details}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                # One client's oversized request must not become every client's cached answer.
                (b"cache-control", b"no-store"),
                *EVERY_RESPONSE,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
    return len(body)
