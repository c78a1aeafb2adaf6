"""CORS for the API: Starlette's CORS middleware, with its per-request path on raw header lists.

Starlette's middleware builds a `Headers` view of every request and a `MutableHeaders` view of
every response to add two fields; on a computed answer that is a tenth of the time outside the
answer itself. `CORS` keeps Starlette's configuration and its preflight answers (OPTIONS with
Origin and Access-Control-Request-Method go to it unchanged) and does the same edits to the
fields of every other response directly. `tests/test_cors.py` holds the two to the same fields,
in the same order, over origins, methods, configurations and responses with and without Vary.
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

Headers = list[tuple[bytes, bytes]]


class CORS(CORSMiddleware):
    def __init__(self, app: ASGIApp, **options) -> None:
        super().__init__(app, **options)
        self._simple = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in self.simple_headers.items()
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_headers: Headers = scope["headers"]
        origin = _first(request_headers, b"origin")
        if (
            origin is not None
            and scope["method"] == "OPTIONS"
            and _first(request_headers, b"access-control-request-method") is not None
        ):
            await super().__call__(scope, receive, send)  # a preflight: Starlette answers it
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._response_fields(list(message.get("headers", ())), origin)
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def _response_fields(self, headers: Headers, origin: bytes | None) -> Headers:
        """What `CORSMiddleware.send` does to a response's fields, on the raw list."""
        if origin is not None:
            for name, value in self._simple:
                _set(headers, name, value)
            explicit = (
                self.allow_credentials
                if self.allow_all_origins
                else self.is_allowed_origin(origin=origin.decode("latin-1"))
            )
            if explicit:
                _set(headers, b"access-control-allow-origin", origin)
        _set(
            headers,
            b"vary",
            b", ".join([value for name, value in headers if name == b"vary"] + [b"Origin"]),
        )
        return headers


def _first(headers: Headers, name: bytes) -> bytes | None:
    for key, value in headers:
        if key == name:
            return value
    return None


def _set(headers: Headers, name: bytes, value: bytes) -> None:
    """Set a field as `MutableHeaders` does: in place of its first occurrence, the others removed,
    else at the end."""
    found = [i for i, (key, _) in enumerate(headers) if key == name]
    for i in reversed(found[1:]):
        del headers[i]
    if found:
        headers[found[0]] = (name, value)
    else:
        headers.append((name, value))
