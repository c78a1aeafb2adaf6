"""The busiest route, `GET /v1/events/{event_id}/local`, served without the framework's routing
and dependency machinery: the same parser, the same answer, the same bytes as the route.

FastAPI's routing and dependency solving cost several times the answer's own work. This pure ASGI
layer sits innermost (every other middleware still wraps it), calls exactly what the route calls
(`question.parse`, `Answers.local`, the model's JSON), and hands anything else to the app: another
path, another method, the app before start-up, and every error, which the route then raises again
and the app answers in its one error shape. `tests/web/test_fast_local.py` holds the two equal.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from service.application.question import (
    MAX_ID_CHARS,
    POINT_PARAMETERS,
    fields_of,
    header_fields,
    parse,
)
from service.errors import ServiceError
from service.render.answer_json import answer_json

PREFIX = "/v1/events/"
SUFFIX = "/local"
JSON_HEADERS = [(b"content-type", b"application/json")]


class FastLocal:
    """Answers `/local` requests that have an answer; passes every other request to `app`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = self._answer(scope) if scope["type"] == "http" else None
        if body is None:
            await self.app(scope, receive, send)
            return
        headers = [(b"content-length", str(len(body)).encode()), *JSON_HEADERS]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _answer(self, scope: Scope) -> bytes | None:
        """The answer's body, or None when the app should answer."""
        path: str = scope["path"]
        if scope["method"] != "GET" or not path.startswith(PREFIX) or not path.endswith(SUFFIX):
            return None
        event_id = path[len(PREFIX) : -len(SUFFIX)]
        if not event_id or "/" in event_id or len(event_id) > MAX_ID_CHARS:
            return None
        resources = getattr(getattr(scope.get("app"), "state", None), "resources", None)
        if resources is None:
            return None
        fields = fields_of(scope["query_string"], header_fields(scope["headers"]))
        try:
            question = parse(fields, resources.asking, event_id=event_id, names=POINT_PARAMETERS)
            return answer_json(resources.answers.local(question))
        except ServiceError:
            return None
