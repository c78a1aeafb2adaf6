"""JSON answers serialised once, for routes whose dict is already shaped as its response model.

A route that returns a dict with `response_model=` set has FastAPI validate the dict against the
model and serialise it on every request (about a tenth of a local answer's time). Where the shaping
code builds exactly what the model describes (a test holds the bytes equal to the model's own
serialisation), the route returns these bytes instead and keeps `response_model=` for the OpenAPI
document; schemathesis still checks every answer against it.
"""

from __future__ import annotations

import orjson
from starlette.responses import Response

JSON = "application/json"


def json_bytes(content: dict) -> bytes:
    """`content` as compact UTF-8 JSON, as FastAPI's own serialisation writes it."""
    return orjson.dumps(content)


def json_response(content: dict) -> Response:
    return Response(json_bytes(content), media_type=JSON)
