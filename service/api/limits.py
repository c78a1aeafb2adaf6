"""Refuse absurd requests (query, path, headers) before any routing or parsing work is done."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send


class QueryLengthLimit:
    """A pure ASGI middleware: a query string longer than `max_chars` gets a 422 at once."""

    def __init__(self, app: ASGIApp, max_chars: int) -> None:
        self.app = app
        self.max_chars = max_chars

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and len(scope.get("query_string", b"")) > self.max_chars:
            await self._refuse(send)
            return
        await self.app(scope, receive, send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"error": {
            "code": "parameters_too_long",
            "message": f"The query string is over {self.max_chars} characters; shorten the parameters.",
            "max_chars": self.max_chars,
        }}).encode()
        await send({"type": "http.response.start", "status": 422, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class PathLengthLimit:
    """A pure ASGI middleware: a path longer than `max_chars` gets a 414 before routing."""

    def __init__(self, app: ASGIApp, max_chars: int) -> None:
        self.app = app
        self.max_chars = max_chars

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and len(scope.get("raw_path") or scope["path"].encode()) > self.max_chars:
            await _refuse(send, 414, "path_too_long",
                          f"The path is over {self.max_chars} characters; no route is that long. "
                          "See /docs for the API.", max_chars=self.max_chars)
            return
        await self.app(scope, receive, send)


class HeaderLimit:
    """A pure ASGI middleware: more than `max_count` header fields, or more than `max_bytes` of
    them, get a 431 before any work. (The HTTP parser bounds the request line; headers it does not.)
    """

    def __init__(self, app: ASGIApp, max_bytes: int, max_count: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_count = max_count

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = scope["headers"]
            if len(headers) > self.max_count or sum(len(k) + len(v) for k, v in headers) > self.max_bytes:
                await _refuse(send, 431, "headers_too_large",
                              f"The request carries over {self.max_count} header fields or over "
                              f"{self.max_bytes} bytes of them; send fewer or shorter headers.",
                              max_bytes=self.max_bytes, max_count=self.max_count)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send, status: int, code: str, message: str, **details: object) -> None:
    """Answer in the API's error shape, from middleware that runs before the app's handlers."""
    body = json.dumps({"error": {"code": code, "message": message, **details}}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
