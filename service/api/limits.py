"""Refuse absurd query strings before any routing or parsing work is done."""

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
            body = json.dumps({"error": {
                "code": "path_too_long",
                "message": f"The path is over {self.max_chars} characters; no route is that long. "
                           "See /docs for the API.",
                "max_chars": self.max_chars,
            }}).encode()
            await send({"type": "http.response.start", "status": 414, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)
