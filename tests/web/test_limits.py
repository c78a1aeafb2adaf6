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
