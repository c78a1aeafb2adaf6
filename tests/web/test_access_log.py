"""The JSON access log: one parseable line per request, whatever the request or its outcome."""

from __future__ import annotations

import io
import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.web.access_log import AccessLog, access_line
from service.web.gate import Gate
from tests.web.gated import stages


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_one_line_per_request_with_the_operations_fields(client, capsys):
    capsys.readouterr()
    response = client.get("/v1/events/cassini-2013/local", params={"tz": "Europe/Paris"})
    client.head("/healthz")
    first, second = _lines(capsys.readouterr().out)
    assert first["method"] == "GET" and first["path"] == "/v1/events/cassini-2013/local"
    assert first["status"] == 200 and first["size"] == len(response.content)
    assert 0 < first["latency_ms"] < 10_000
    assert first["ts"].endswith("Z") and first["ts"][10] == "T"
    assert second == {**second, "method": "HEAD", "path": "/healthz", "status": 200, "size": 0}


def test_query_strings_are_not_logged(client, capsys):
    capsys.readouterr()
    client.get("/v1/events/cassini-2013/local", params={"lat": "43.65", "lon": "-79.38"})
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "43.65" not in out and "lat=" not in out, out


def test_hostile_paths_stay_on_one_line_and_are_cut(client, capsys):
    capsys.readouterr()
    client.get("/v1/a%0d%0aFAKE%22%00" + "b" * 600)
    (line,) = [line for line in capsys.readouterr().out.splitlines() if line]
    entry = json.loads(line)
    assert entry["path"].startswith('/v1/a\r\nFAKE"\x00') and len(entry["path"]) < 300
    assert 400 <= entry["status"] < 500


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/Toronto", "/{place}"),
        ("/@43.65,-79.38", "/{place}"),
        ("/Europe/Moscow", "/{place}"),
        ("/messenger-2013-07-19/Toronto", "/{event}/{place}"),
        ("/a%0d%0aFAKE", "/{place}"),
        ("/", "/"),
        ("/v1/events/cassini-2013/local", "/v1/events/cassini-2013/local"),
        ("/:help", "/:help"),
    ],
)
def test_short_paths_are_logged_as_their_route_template(client, capsys, path, logged):
    """A short path names the place a person asked about: like a query string, it stays out."""
    capsys.readouterr()
    client.get(path, headers={"User-Agent": "curl/8.5"})
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    assert [entry["path"] for entry in lines] == [logged]


def test_an_unhandled_error_is_logged_as_500():
    app = FastAPI()

    @app.get("/v1/boom")
    async def boom():
        raise RuntimeError("bug")

    stream = io.StringIO()
    app.add_middleware(Gate, **stages(AccessLog(stream)))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        assert test_client.get("/v1/boom").status_code == 500
    (entry,) = _lines(stream.getvalue())
    assert entry["status"] == 500 and entry["path"] == "/v1/boom"


def test_line_format():
    line = access_line("GET", "/x", 200, 1.23456, 10, 1374269220.5)  # 2013-07-19T21:27:00.500Z
    assert json.loads(line) == {
        "ts": "2013-07-19T21:27:00.500Z",
        "method": "GET",
        "path": "/x",
        "status": 200,
        "latency_ms": 1.235,
        "size": 10,
    }


def test_a_broken_log_stream_does_not_fail_the_request():
    class Broken(io.StringIO):
        def write(self, text):
            raise BrokenPipeError("log collector gone")

    app = FastAPI()

    @app.get("/fine")
    async def fine():
        return {"ok": True}

    app.add_middleware(Gate, **stages(AccessLog(Broken())))
    with TestClient(app) as test_client:
        assert test_client.get("/fine").json() == {"ok": True}


def test_lines_are_held_while_other_requests_are_in_flight_and_bounded():
    class Counting(io.StringIO):
        writes = 0

        def write(self, text):
            Counting.writes += 1
            return super().write(text)

    stream = Counting()
    log = AccessLog(stream)
    first, second = log.begin(), log.begin()
    log.write("GET", "/v1/a", 200, first, 1)
    assert stream.getvalue() == ""  # the second request is still being answered
    log.write("GET", "/v1/b", 404, second, 2)
    assert [line["path"] for line in _lines(stream.getvalue())] == ["/v1/a", "/v1/b"]
    assert Counting.writes == 1
    # However long requests keep overlapping, no more than MAX_HELD_LINES wait.
    from service.web.access_log import MAX_HELD_LINES

    log.begin()  # one request that stays in flight throughout
    for _ in range(MAX_HELD_LINES):
        log.write("GET", "/c", 200, log.begin(), 0)
    assert len(_lines(stream.getvalue())) == 2 + MAX_HELD_LINES
