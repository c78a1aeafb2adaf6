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
    assert client.get("/healthz", headers={"User-Agent": "curl/8", "Accept": "*/*"}).status_code == 200
