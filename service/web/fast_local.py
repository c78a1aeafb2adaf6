"""The busiest route, `GET /v1/events/{event_id}/local`, answered without FastAPI's per-request
parameter machinery, for the plain requests that make nearly all of its traffic.

Solving the route's dependency graph and validating its parameters costs FastAPI about 280 µs
per request, three times the answer's own work. This pure ASGI layer sits just inside the other
middleware (limits, CORS, security headers, caching and the access log still wrap it), reads the
same parameters by the same rules, and calls the same functions as the route: `place_from_query`,
`local_answer`, `json_bytes`.

It answers only what it reads exactly as FastAPI would; everything else goes to FastAPI untouched,
which stays the route's one definition (and the OpenAPI document's): a parameter it would refuse,
one given twice or empty, coordinates in any form but plain decimals, a language tag or header it
would have to interpret, an unknown event, or any error the answer raises, which FastAPI then
raises again and answers in the one error shape. `tests/test_fast_local.py` holds the two paths'
responses byte-equal over a battery of requests.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from starlette.types import ASGIApp, Receive, Scope, Send

from service.errors import ServiceError
from service.render.i18n import LANGUAGE_TAG, choose_language
from service.web.deps import MAX_ID_CHARS, MAX_PARAM_CHARS, place_from_query
from service.web.json_body import JSON, json_bytes
from service.web.language import MAX_TAG_CHARS
from service.web.routes.events import local_answer

PREFIX = "/v1/events/"
SUFFIX = "/local"
JSON_TYPE = JSON.encode()
TEXT_PARAMETERS = ("tz", "city", "country")
COORDINATE_PARAMETERS = ("lat", "lon")
# Every query parameter the route declares; a test holds this to the route's OpenAPI operation, so
# a parameter added to the route cannot be silently ignored here.
PARAMETERS = frozenset(TEXT_PARAMETERS + COORDINATE_PARAMETERS + ("lang",))
# Plain decimals only: the forms Python's float() and the framework's validator read alike.
DECIMAL = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]{1,15})?")


class FastLocal:
    """Answers plain `/local` requests itself; passes every other request to `app`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = self._answer(scope) if scope["type"] == "http" else None
        if body is None:
            await self.app(scope, receive, send)
            return
        # The fields and their order as the route's response class writes them.
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-length", str(len(body)).encode()),
                    (b"content-type", JSON_TYPE),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _answer(self, scope: Scope) -> bytes | None:
        """The answer's body, or None when FastAPI should answer."""
        path: str = scope["path"]
        if (
            scope["method"] != "GET"
            or scope.get("root_path")
            or not path.startswith(PREFIX)
            or not path.endswith(SUFFIX)
        ):
            return None
        event_id = path[len(PREFIX) : -len(SUFFIX)]
        if not event_id or "/" in event_id or len(event_id) > MAX_ID_CHARS:
            return None
        resources = getattr(getattr(scope.get("app"), "state", None), "resources", None)
        parameters = self._parameters(scope["query_string"])
        accept_language = _single_header(scope["headers"], b"accept-language")
        if resources is None or parameters is None or accept_language is False:
            return None
        lang = parameters.pop("lang", None)
        try:
            event = resources.catalogue.get(event_id)
            place = place_from_query(resources, **parameters)
            language = choose_language(lang, accept_language, resources.site.messages.offered)
            return json_bytes(local_answer(event, resources, place, language))
        except ServiceError:
            return None

    @staticmethod
    def _parameters(query_string: bytes) -> dict | None:
        """The route's parameters, as the framework would read them, or None to leave it to it.

        The query string is split as Starlette splits it (`parse_qsl`, blank values kept, written
        out: the call is a third of this method's time); names the route does not declare are
        ignored, as the framework ignores them.
        """
        found: dict = {}
        for field in query_string.decode("latin-1").split("&"):
            if not field:
                continue
            name, _, value = field.partition("=")
            name, value = unquote(name.replace("+", " ")), unquote(value.replace("+", " "))
            if name in found:
                return None
            if name in TEXT_PARAMETERS:
                if not 1 <= len(value) <= MAX_PARAM_CHARS:
                    return None
                found[name] = value
            elif name in COORDINATE_PARAMETERS:
                if not DECIMAL.fullmatch(value):
                    return None
                found[name] = float(value)
            elif name == "lang":
                if not 2 <= len(value) <= MAX_TAG_CHARS or not LANGUAGE_TAG.fullmatch(value):
                    return None
                found[name] = value
        return found


def _single_header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None | bool:
    """The field's value as Starlette decodes it, None when absent, False when it is repeated."""
    values = [value for key, value in headers if key == name]
    if len(values) > 1:
        return False
    return values[0].decode("latin-1") if values else None
