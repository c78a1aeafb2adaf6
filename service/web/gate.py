"""The gate: the one layer every request passes before the app, doing in order what the web
layer does to every request and every answer.

1. The access log (`access_log.py`): one line per request, whatever answered it.
2. The request limits (`limits.py`): absurd headers, paths, queries and bodies, and a Host the
   server does not answer for, are refused before any other work, and before the answer store,
   so a refusal is never stored or served from it.
3. HTTP caching (`caching.py`): a GET or HEAD is answered from the bounded answer store when it
   holds the answer; otherwise the app answers, and the gate adds the validator and caching
   fields, keeps the answer, and answers a matching `If-None-Match` with a 304.
4. The security fields (`headers.py`) on every answer of the app, added before the answer is
   stored, so a stored answer carries them too.

One layer instead of four: each layer in between costs every request a call and every message of
its answer a wrapped `send`, and on the busiest route that was a third of the server's time. The
rules stay in their modules; this one only orders them.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.web.access_log import AccessLog
from service.web.caching import Capture, HttpCaching
from service.web.headers import with_security_fields
from service.web.limits import RequestLimits, refuse

# Methods whose requests carry no body that the limits would have to read.
BODILESS = frozenset(("GET", "HEAD", "OPTIONS"))


class Gate:
    """A pure ASGI middleware: `log` may be None (no access log); the other stages always run."""

    def __init__(
        self, app: ASGIApp, limits: RequestLimits, caching: HttpCaching, log: AccessLog | None
    ) -> None:
        self.app = app
        self.limits = limits
        self.caching = caching
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.log is None:
            await self._answer(scope, receive, send)
            return
        began = self.log.begin()
        status, size = 500, 0  # what is logged if the app raises
        try:
            status, size = await self._answer(scope, receive, send)
        finally:
            self.log.write(scope["method"], scope["path"], status, began, size)

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> tuple[int, int]:
        """Answer the request; the status and the size of the body sent."""
        refusal = self.limits.refusal(scope)
        if refusal is not None:
            return refusal[0], await refuse(send, refusal)
        method = scope["method"]
        if method == "GET" or method == "HEAD":
            return await self._cached(scope, receive, send, head=method == "HEAD")
        if method not in BODILESS:
            admitted = await self.limits.admitted_body(scope, receive)
            if isinstance(admitted, tuple):
                return admitted[0], await refuse(send, admitted)
            receive = admitted
        return await self._passed(scope, receive, send)

    async def _cached(
        self, scope: Scope, receive: Receive, send: Send, head: bool
    ) -> tuple[int, int]:
        caching = self.caching
        key = caching.key(scope)
        answer = caching.stored(key, scope)
        if answer is None:
            captured = Capture()
            await self.app({**scope, "method": "GET"} if head else scope, receive, captured)
            if captured.start is None:  # the app answered nothing; let the server report it
                return 500, 0
            answer = caching.prepare(
                scope,
                captured.start["status"],
                with_security_fields(captured.start.get("headers", ())),
                b"".join(captured.body),
            )
            caching.keep(key, scope, answer)
        status = await caching.send(scope, answer, send, head)
        return status, 0 if head or status == 304 else len(answer.body)

    async def _passed(self, scope: Scope, receive: Receive, send: Send) -> tuple[int, int]:
        """Any other method: the app's answer as it is sent, with the security fields."""
        status, size = 500, 0

        async def send_with_fields(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = with_security_fields(message.get("headers", ()))
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, send_with_fields)
        return status, size
