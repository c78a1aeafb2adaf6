"""Limits on the request's size, refused before any work in the API's error shape."""

from __future__ import annotations

from service.settings import Settings


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    return error


def test_long_path_is_refused_with_414(client):
    error = _error(client.get("/v1/events/" + "a" * 2000), 414, "path_too_long")
    assert error["max_chars"] == Settings().max_path_chars


def test_too_many_or_too_large_headers_are_refused_with_431(client):
    _error(client.get("/healthz", headers={"X-Big": "a" * 20_000}), 431, "headers_too_large")
    many = {f"X-{i}": "a" for i in range(150)}
    _error(client.get("/healthz", headers=many), 431, "headers_too_large")


def test_ordinary_requests_pass(client):
    assert (
        client.get("/healthz", headers={"User-Agent": "curl/8", "Accept": "*/*"}).status_code == 200
    )


def test_every_text_query_parameter_declares_its_bound(client):
    """Parameter sizes are part of the contract: a text query parameter of any route, present or
    future, declares a maxLength (or an enum). Path parameters are bounded by the path limit."""
    unbounded = []
    for path, operations in client.app.openapi()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                for option in schema.get("anyOf", [schema]):
                    text = option.get("type") == "string"
                    if (
                        text
                        and parameter["in"] == "query"
                        and not ({"maxLength", "enum"} & option.keys())
                    ):
                        unbounded.append(f"{method.upper()} {path} ?{parameter['name']}")
    assert unbounded == [], "declare max_length on: " + ", ".join(unbounded)


def test_host_verdicts_are_kept_per_value_and_bounded():
    """The Host check is kept per raw value (a server is asked by few names), both ways, and a
    client inventing a Host per request cannot grow what is kept."""
    import asyncio

    from service.web.limits import MAX_KEPT_HOSTS
    from tests.web.gated import gated

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    gate = gated(app, allowed_hosts=("example.org", "*.example.org"))

    def status(host: bytes) -> int:
        sent: list[dict] = []

        async def send(message):
            sent.append(message)

        async def receive():
            return {"type": "http.request", "body": b""}

        scope = {
            "type": "http",
            "method": "GET",
            "path": "/",
            "raw_path": b"/",
            "query_string": b"",
            "headers": [(b"host", host)],
        }
        asyncio.run(gate(scope, receive, send))
        return sent[0]["status"]

    for _ in range(2):  # asked again, the kept verdict answers the same
        assert status(b"example.org") == 200
        assert status(b"Api.Example.org:8443") == 200
        assert status(b"evil.example") == 400
    for n in range(3 * MAX_KEPT_HOSTS):
        assert status(f"h{n}.example.net".encode()) == 400
    assert len(gate.limits._hosts) <= MAX_KEPT_HOSTS
    assert status(b"example.org") == 200 and status(b"evil.example") == 400
