"""Every GET route of the app, with its parameters and valid values, read from the app itself.

The hostile-input battery, the offline test and the load test take their routes from here, so a
route added later is covered by all three without editing them. Parameters come from the route's
path template and from the app's OpenAPI document (routes outside the document, like /docs, have
path parameters only). Valid values come from `VALID` by parameter name, else from the schema
(example, default, first enum value), else from the parameter's type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from fastapi import FastAPI

# A value each known parameter name accepts; the first event of the catalogue, Toronto.
VALID: dict[str, str] = {
    "event_id": "cassini-2013",
    "id": "cassini-2013",
    "event": "cassini-2013",
    "place": "Toronto",
    "tz": "America/Toronto",
    "lat": "43.65",
    "lon": "-79.38",
    "city": "Toronto",
    "q": "Toronto",
    "country": "CA",
    "lang": "en",
    "limit": "3",
    "format": "json",
    "url": "http://testserver/?city=Toronto",
    "article_id": "000_1ceea6555a71a055",
    "text": "Wave at Saturn at 5:27 pm EDT on Friday, July 19.",
}


@dataclass(frozen=True)
class Param:
    name: str
    schema: dict = field(default_factory=dict, hash=False, compare=False)
    required: bool = False


@dataclass(frozen=True)
class RouteUnderTest:
    path: str
    path_params: tuple[str, ...]
    query_params: tuple[Param, ...]
    in_schema: bool
    # Statuses the OpenAPI document declares for the route (a 5xx among them is deliberate,
    # like oEmbed's 501 for a format it does not serve).
    declared_statuses: frozenset[int] = frozenset()

    def url(
        self, path_values: dict[str, str] | None = None, query: dict[str, str] | None = None
    ) -> str:
        """The URL with path parameters filled (valid unless given) and the query
        percent-encoded."""
        values = {name: valid_value(Param(name)) for name in self.path_params} | (path_values or {})
        url = self.path
        for name, value in values.items():
            url = re.sub(
                r"\{" + re.escape(name) + r"(:[^}]*)?\}",
                lambda _, value=value: quote(value, safe=""),
                url,
            )
        if query:
            url += "?" + "&".join(
                f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in query.items()
            )
        return url

    def valid_query(self) -> dict[str, str]:
        """Required parameters, and a place where the route takes one (lat and lon win over tz)."""
        names = {p.name for p in self.query_params}
        query = {p.name: valid_value(p) for p in self.query_params if p.required}
        if {"lat", "lon"} <= names:
            query |= {"lat": VALID["lat"], "lon": VALID["lon"]}
        elif "tz" in names:
            query["tz"] = VALID["tz"]
        return query

    @property
    def has_coordinates(self) -> bool:
        return {"lat", "lon"} <= {p.name for p in self.query_params}


def valid_value(param: Param) -> str:
    if param.name in VALID:
        return VALID[param.name]
    schema = _unwrap(param.schema)
    for key in ("example", "default"):
        if schema.get(key) is not None:
            return str(schema[key]).lower() if isinstance(schema[key], bool) else str(schema[key])
    if schema.get("examples"):
        return str(schema["examples"][0])
    if schema.get("enum"):
        return str(schema["enum"][0])
    return {"integer": "1", "number": "1.5", "boolean": "true"}.get(schema.get("type", ""), "x")


def _unwrap(schema: dict) -> dict:
    """`anyOf: [{type: X}, {type: null}]` (an optional parameter) to `{type: X}`."""
    for option in schema.get("anyOf", ()):
        if option.get("type") != "null":
            return {**schema, **option}
    return schema


def route_objects(app: FastAPI) -> list[tuple]:
    """(route object, full path, methods) for every route, included routers flattened."""
    try:
        from fastapi.routing import (
            iter_route_contexts,
        )  # flattens included routers (FastAPI >= 0.13x)
    except ImportError:
        return [
            (route, getattr(route, "path", None), getattr(route, "methods", None))
            for route in app.routes
        ]
    return [(rc.original_route, rc.path, rc.methods) for rc in iter_route_contexts(app.routes)]


def get_routes(app: FastAPI) -> list[RouteUnderTest]:
    """Every route that answers GET, in the app's order."""
    document = app.openapi()["paths"]
    routes = []
    for _, path, methods in route_objects(app):
        if not path or not methods or "GET" not in methods:
            continue
        operation = document.get(path, {}).get("get")
        parameters = (operation or {}).get("parameters", [])
        path_params = tuple(
            part[1:-1].split(":")[0] for part in path.split("/") if part.startswith("{")
        )
        query = tuple(
            Param(p["name"], p.get("schema", {}), p.get("required", False))
            for p in parameters
            if p["in"] == "query"
        )
        declared = frozenset(
            int(code) for code in (operation or {}).get("responses", {}) if code.isdigit()
        )
        routes.append(RouteUnderTest(path, path_params, query, operation is not None, declared))
    return routes


@dataclass
class RawResponse:
    status_code: int
    headers: dict[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self):
        import json

        return json.loads(self.content)


def asgi_get(
    app: FastAPI, url: str, method: str = "GET", headers: Sequence[tuple[str, str]] = ()
) -> RawResponse:
    """One request straight into the ASGI app, for URLs past the HTTP client's own length limit
    and for batteries of thousands (a tenth of the test client's cost per request).

    The scope is built as uvicorn builds it: the raw path percent-decoded into `path`; `headers`
    after `Host`.
    """
    import asyncio
    from urllib.parse import unquote

    raw_path, _, query = url.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": unquote(raw_path),
        "raw_path": raw_path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            *((name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in start.get("headers", [])}
    return RawResponse(start["status"], headers, body)
