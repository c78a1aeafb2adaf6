"""The one place that decides what format an answer is served in: JSON, plain text or HTML.

Order: `?format=text|json|html`; else an `Accept` header that names one of those media types
(wildcards such as `*/*` name none); else the user agent. Command-line tools a person types at a
terminal get plain text: curl, Wget, HTTPie, xh, PowerShell, lwp-request (libwww-perl), fetch.
Programming libraries that ask for no format (python-requests, httpx, aiohttp, Go's net/http,
okhttp, axios, node-fetch) get JSON: a program wants data, not a layout. Anything else, which
means browsers, gets HTML.
"""

from __future__ import annotations

import re
from typing import Literal

from service.errors import InvalidParameter
from service.render.negotiation import quality

Format = Literal["text", "json", "html", "svg", "png"]
# The formats a request may ask for; an image route serves its one format.
FORMATS: tuple[Format, ...] = ("text", "json", "html")
_MEDIA: dict[str, Format] = {
    "text/plain": "text",
    "application/json": "json",
    "text/html": "html",
    "application/xhtml+xml": "html",
}
_TERMINAL_AGENTS = re.compile(
    r"^(curl|wget|httpie|xh|lwp-request|libwww-perl|fetch)\b|powershell", re.I
)
_LIBRARY_AGENTS = re.compile(
    r"^(python-requests|python-httpx|python-urllib|aiohttp|go-http-client|okhttp|axios|node-fetch|undici)\b",
    re.I,
)


def choose_format(asked: str | None, accept: str | None, user_agent: str | None) -> Format:
    """The format an answer is served in: `?format=` (an unknown one is the caller's to fix), else
    what the headers choose."""
    if asked is not None and asked != "":
        if asked.lower() not in FORMATS:
            raise InvalidParameter(
                f"format must be one of {', '.join(FORMATS)}, not {asked[:40]!r}.",
                parameter="format",
            )
        return asked.lower()  # type: ignore[return-value]
    return fallback_format(accept, user_agent)


def fallback_format(accept: str | None, user_agent: str | None) -> Format:
    """What the headers alone choose: also the format to say that `?format=` itself is wrong in."""
    return from_accept(accept or "") or from_agent(user_agent or "")


def from_accept(accept: str) -> Format | None:
    """The preferred format an Accept header names explicitly, by q-value then order; else None."""
    best: tuple[float, int, Format] | None = None
    for position, item in enumerate(accept.split(",")):
        media, _, params = item.strip().partition(";")
        fmt = _MEDIA.get(media.strip().lower())
        q = quality(params)
        if fmt is not None and q > 0 and (best is None or (q, -position) > best[:2]):
            best = (q, -position, fmt)
    return best[2] if best else None


def from_agent(user_agent: str) -> Format:
    if _TERMINAL_AGENTS.search(user_agent):
        return "text"
    if _LIBRARY_AGENTS.search(user_agent):
        return "json"
    return "html"
