"""Headers every response carries, whatever made it: `nosniff` and a referrer policy; and on
every HTML response without its own, a Content-Security-Policy that allows nothing and a frame
rule (the page and the card set their own, stricter for what they load)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

EVERY_RESPONSE = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
)
HTML_DEFAULTS = (
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
        b"frame-ancestors 'self'",
    ),
    (b"x-frame-options", b"SAMEORIGIN"),
)


class SecurityHeaders:
    """Adds the fields above where the response does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message["headers"] = list(message.get("headers", ()))
                present = {name.lower(): value for name, value in headers}
                added: tuple[tuple[bytes, bytes], ...] = EVERY_RESPONSE
                if present.get(b"content-type", b"").startswith(b"text/html"):
                    # A framable card sets its own policy (frame-ancestors *): leave its rule be.
                    framable = b"frame-ancestors *" in present.get(b"content-security-policy", b"")
                    added += tuple(
                        f for f in HTML_DEFAULTS if not (framable and f[0] == b"x-frame-options")
                    )
                headers += [field for field in added if field[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)
