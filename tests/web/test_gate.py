"""The gate runs its stages in order: limits, then the answer store, then the app, with the
security fields on every answer, stored or not, and one log line for each request."""

from __future__ import annotations

import asyncio
import io
import json

from service.web.access_log import AccessLog
from tests.web.gated import gated


class App:
    class state:
        class resources:
            data_version = "v1"


def _run(gate, method: str, path: str = "/x", headers=(), body: bytes = b"") -> list[dict]:
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": list(headers),
        "app": App,
    }
    asyncio.run(gate(scope, receive, send))
    return sent


def test_stored_and_computed_answers_carry_the_security_fields_and_are_logged():
    calls = []

    async def app(scope, receive, send):
        calls.append(scope["method"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"hello"})

    stream = io.StringIO()
    gate = gated(app, log=AccessLog(stream))
    answers = [_run(gate, "GET") for _ in range(3)]
    assert calls == ["GET", "GET"]  # the third is the stored answer
    for start, body in answers:
        fields = dict(start["headers"])
        assert fields[b"x-content-type-options"] == b"nosniff" and b"etag" in fields
        assert body["body"] == b"hello"
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(line["status"], line["size"]) for line in lines] == [(200, 5)] * 3


def test_a_post_passes_with_the_security_fields_and_its_body_replayed():
    seen = []

    async def app(scope, receive, send):
        seen.append((await receive())["body"])
        await send({"type": "http.response.start", "status": 201, "headers": []})
        await send({"type": "http.response.body", "body": b"made"})

    stream = io.StringIO()
    start, body = _run(gated(app, log=AccessLog(stream)), "POST", body=b"text")
    assert seen == [b"text"] and start["status"] == 201 and body["body"] == b"made"
    assert dict(start["headers"])[b"referrer-policy"] == b"strict-origin-when-cross-origin"
    assert b"etag" not in dict(start["headers"])  # only GET and HEAD answers are validated
    (line,) = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert line["method"] == "POST" and line["status"] == 201 and line["size"] == 4


def test_a_refusal_never_reaches_the_app_or_the_store():
    calls = []

    async def app(scope, receive, send):
        calls.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    gate = gated(app, allowed_hosts=("example.org",))
    for _ in range(3):
        start, body = _run(gate, "GET", headers=[(b"host", b"evil.example")])
        assert start["status"] == 400 and json.loads(body["body"])["error"]["code"]
    assert calls == [] and len(gate.caching.store) == 0
    assert _run(gate, "GET", headers=[(b"host", b"example.org")])[0]["status"] == 200
