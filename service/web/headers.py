"""Headers every response carries, whatever made it: `nosniff` and a referrer policy; and on
every HTML response without its own, a Content-Security-Policy that allows nothing and a frame
rule (the page and the card set their own, stricter for what they load). The gate
(`service.web.gate`) adds them to every answer the app gives."""

from __future__ import annotations

from collections.abc import Iterable

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


def with_security_fields(headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The response's fields and those above that it does not set itself."""
    fields = list(headers)
    names = set()
    html = framable = False
    for raw_name, value in fields:
        name = raw_name.lower()
        names.add(name)
        if name == b"content-type":
            html = value.startswith(b"text/html")
        elif name == b"content-security-policy":
            # A framable card sets its own policy (frame-ancestors *): leave its rule be.
            framable = b"frame-ancestors *" in value
    added = EVERY_RESPONSE + HTML_DEFAULTS if html else EVERY_RESPONSE
    fields += [
        field
        for field in added
        if field[0] not in names and not (framable and field[0] == b"x-frame-options")
    ]
    return fields
