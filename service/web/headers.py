"""Headers every response carries, whatever route made it; pages add their own Content-Security-Policy."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

EVERY_RESPONSE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
_RAW = tuple((name.lower().encode(), value.encode()) for name, value in EVERY_RESPONSE.items())


class SecurityHeaders:
    """Adds `nosniff` and a referrer policy to every response, leaving any a route set itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message["headers"] = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [field for field in _RAW if field[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)
