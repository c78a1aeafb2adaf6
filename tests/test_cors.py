"""service/api/cors.py: the same response fields as Starlette's CORS middleware, and its preflights."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from starlette.middleware.cors import CORSMiddleware

from service.web.cors import CORS

CONFIGS = [
    {
        "allow_origins": ["*"],
        "allow_methods": ["GET"],
        "allow_headers": ["*"],
        "expose_headers": ["Content-Language"],
    },
    {
        "allow_origins": ["https://a.org", "https://b.org"],
        "allow_methods": ["GET"],
        "allow_headers": ["*"],
    },
    {"allow_origins": ["*"], "allow_credentials": True, "expose_headers": ["X-A", "X-B"]},
    {"allow_origins": [], "allow_origin_regex": r"https://.*\.example"},
]
RESPONSE_FIELDS = [
    [],
    [(b"content-type", b"application/json")],
    [(b"vary", b"Accept"), (b"content-type", b"text/plain")],
    [(b"vary", b"Accept"), (b"x", b"1"), (b"vary", b"User-Agent")],
    [(b"access-control-allow-origin", b"https://old"), (b"vary", b"Origin")],
]
REQUESTS = [
    ("GET", []),
    ("GET", [(b"origin", b"https://a.org")]),
    ("GET", [(b"origin", b"https://c.org")]),
    ("GET", [(b"origin", b"https://x.example"), (b"origin", b"https://a.org")]),
    ("HEAD", [(b"origin", b"https://b.org")]),
    ("OPTIONS", [(b"origin", b"https://a.org")]),
    ("OPTIONS", [(b"origin", b"https://a.org"), (b"access-control-request-method", b"GET")]),
    (
        "OPTIONS",
        [
            (b"origin", b"https://z.org"),
            (b"access-control-request-method", b"PUT"),
            (b"access-control-request-headers", b"X-Custom"),
        ],
    ),
    ("OPTIONS", [(b"access-control-request-method", b"GET")]),
]


def _answer(
    middleware_class, config: dict, fields: list, method: str, request_headers: list
) -> list[dict]:
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": list(fields)})
        await send({"type": "http.response.body", "body": b"x"})

    sent = []

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": method,
        "path": "/",
        "query_string": b"",
        "headers": request_headers,
    }
    asyncio.run(middleware_class(app, **config)(scope, None, send))
    return sent


@pytest.mark.parametrize(
    ("config", "fields", "request_"), list(itertools.product(CONFIGS, RESPONSE_FIELDS, REQUESTS))
)
def test_same_fields_as_starlette(config, fields, request_):
    method, request_headers = request_
    ours = _answer(CORS, config, fields, method, request_headers)
    theirs = _answer(CORSMiddleware, config, fields, method, request_headers)
    assert ours == theirs
    assert ours[0]["headers"]  # Vary: Origin at least, or the preflight's own fields
