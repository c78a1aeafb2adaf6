"""Every bad input gets a 4xx in one JSON shape that says how to fix it."""

from __future__ import annotations

import pytest


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    return error


def test_unknown_zone_suggests_the_near_one(client):
    error = _error(
        client.get("/v1/events/cassini-2013/local", params={"tz": "America/Torontoo"}),
        404,
        "unknown_time_zone",
    )
    assert error["suggestions"][0] == "America/Toronto"


def test_unknown_zone_with_nothing_close_still_answers_in_shape(client):
    error = _error(
        client.get("/v1/events/cassini-2013/local", params={"tz": "qqqqqqqq"}),
        404,
        "unknown_time_zone",
    )
    assert error["suggestions"] == []


@pytest.mark.parametrize("offset", ["UTC+15", "+14:30", "UTC-15:00", "-1500", "UTC+05:75"])
def test_offsets_beyond_fourteen_hours_or_bad_minutes_are_refused(client, offset):
    error = _error(
        client.get("/v1/events/cassini-2013/local", params={"tz": offset}),
        422,
        "invalid_utc_offset",
    )
    assert "example" in error


def test_unknown_event_lists_known_ids(client):
    error = _error(client.get("/v1/events/voyager-1990"), 404, "unknown_event")
    assert error["known_ids"] == ["cassini-2013", "messenger-2013-07-19", "messenger-2013-07-20"]
    _error(client.get("/v1/events/voyager-1990/local", params={"tz": "UTC"}), 404, "unknown_event")
    _error(client.get("/v1/events/voyager-1990/world"), 404, "unknown_event")


def test_long_parameter_is_refused_with_422(client):
    error = _error(
        client.get("/v1/events/cassini-2013/local", params={"tz": "x" * 201}),
        422,
        "invalid_parameter",
    )
    assert error["problems"][0]["parameter"] == "tz"
    assert "x" * 201 not in str(error)


def test_absurd_query_string_is_refused_before_parsing(client):
    _error(
        client.get("/v1/events/cassini-2013/local", params={"tz": "x" * 30_000}),
        422,
        "parameters_too_long",
    )


def test_long_event_id_is_refused(client):
    _error(client.get("/v1/events/" + "a" * 500), 422, "invalid_parameter")


def test_missing_location_says_what_to_give(client):
    error = _error(client.get("/v1/events/cassini-2013/local"), 422, "invalid_parameter")
    assert "tz" in error["message"]


def test_bad_world_format(client):
    _error(
        client.get("/v1/events/cassini-2013/world", params={"format": "xml"}),
        422,
        "invalid_parameter",
    )


def test_unknown_path_and_method(client):
    _error(client.get("/v1/no/such/thing/here"), 404, "not_found")
    _error(client.post("/v1/events"), 405, "method_not_allowed")
