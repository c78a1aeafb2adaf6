"""Plain-text rendering, against answers built here (the sky and excerpts come from elsewhere)."""

from __future__ import annotations

import copy

from service.api import text

BASE = "http://example.test/"
ANSWER = {
    "event": "cassini-2013",
    "place": {
        "name": "Pasadena", "admin1": "Texas", "admin1_code": "TX", "country_code": "US",
        "country": "United States", "lat": 29.69106, "lon": -95.2091, "tz": "America/Chicago",
        "population": 153784, "geonames_id": 4717560, "resolved_from": "city", "note": None,
        "query": "Pasadena", "ambiguous": True,
        "alternatives": [
            {"name": "Pasadena", "admin1": "California", "admin1_code": "CA", "country_code": "US",
             "country": "United States", "population": 142250, "geonames_id": 5381396, "lat": 34.14778,
             "lon": -118.14452, "tz": "America/Los_Angeles", "query": "Pasadena, CA, US"},
        ],
    },
    "local": {"display": "Friday 19 July 2013, 16:27-16:42 CDT (UTC-05:00)"},
    "sky": {
        "sun": {"phase": "day", "altitude_deg": 35.4},
        "target": {"body": "saturn", "altitude_deg": 38.2, "compass": "SW"},
        "in_picture": True,
        "summary": "The Sun was up, 35° high in the W, and Saturn stood 38° high in the SW: "
                   "this place was in the picture.",
    },
    "excerpts": [{"id": "x1", "text": "NASA invited the public to wave at Saturn between 5:27 and 5:42 p.m. EDT.",
                  "sources": [{"article_id": "000", "title": "Wave at Saturn", "start": 0, "end": 73},
                              {"article_id": "001", "title": "Say cheese", "start": 10, "end": 83}],
                  "variants": [], "supports": ["date_and_window"]}],
}


def lines(body: str) -> list[str]:
    assert body.endswith("\n")
    return body.splitlines()


def test_text_answer_has_every_part_within_80_columns():
    body = text.local_answer(ANSWER, "Wave at Saturn", BASE)
    assert all(len(line) <= 80 for line in lines(body)), body
    assert lines(body)[0] == "Wave at Saturn: Pasadena, Texas, United States (29.69°N, 95.21°W)"
    assert "When:    Friday 19 July 2013, 16:27-16:42 CDT (UTC-05:00)" in body
    assert "Sun:     35° above the horizon (day)" in body
    assert "Saturn:  38° above the horizon, towards SW" in body
    assert "Verdict: In the picture. The Sun was up" in body
    assert "Source:  “NASA invited the public" in body and "(Wave at Saturn and 1 more)" in body
    assert "  curl http://example.test/Pasadena,CA,US" in body


def test_sun_below_the_horizon_and_not_in_the_picture():
    answer = copy.deepcopy(ANSWER)
    answer["sky"] = {"sun": {"phase": "nautical_twilight", "altitude_deg": -8.6},
                     "target": {"body": "saturn", "altitude_deg": -20.1, "compass": "NW"},
                     "in_picture": False, "summary": ""}
    body = text.local_answer(answer, "Wave at Saturn", BASE)
    assert "Sun:     9° below the horizon (nautical twilight)" in body
    assert "Saturn:  20° below the horizon, towards NW" in body
    assert "Verdict: Not in the picture." in body


def test_parts_not_in_the_answer_are_left_out():
    answer = copy.deepcopy(ANSWER)
    for part in ("sky", "excerpts"):
        del answer[part]
    answer["place"]["ambiguous"] = False
    body = text.local_answer(answer, "Wave at Saturn", BASE)
    assert len(lines(body)) == 2
    assert not any(word in body for word in ("Sun:", "Verdict:", "Source:", "curl"))


def test_long_summary_wraps_under_its_label():
    answer = copy.deepcopy(ANSWER)
    answer["sky"]["summary"] = "word " * 60
    body = text.local_answer(answer, "Wave at Saturn", BASE)
    verdict = [line for line in lines(body) if line.startswith("Verdict:")]
    following = lines(body)[lines(body).index(verdict[0]) + 1]
    assert following.startswith(" " * text.LABEL + "word") and all(len(line) <= 80 for line in lines(body))


def test_describe_place_for_coordinates_and_zones():
    assert text.describe_place({"resolved_from": "coordinates", "lat": -33.9, "lon": 18.4, "tz": "Africa/Johannesburg"}) \
        == "33.90°S, 18.40°E, zone Africa/Johannesburg"
    assert text.describe_place({"resolved_from": "timezone", "lat": 0.0, "lon": -75.0, "tz": "Etc/GMT+5",
                                "note": "No city represents this zone."}).startswith("zone Etc/GMT+5, at 0.00°N")


def test_path_url_quotes_spaces_and_keeps_commas():
    assert text.path_url(BASE, "Sao Paulo") == "http://example.test/Sao%20Paulo"
    assert text.path_url(BASE, "Pasadena, CA, US") == "http://example.test/Pasadena,CA,US"
    assert text.path_url(BASE, "Europe/Moscow") == "http://example.test/Europe/Moscow"


def test_errors_are_sentences_with_commands_to_try():
    body = text.error("No city is called 'Torontoo'.", ["Toronto"], BASE, is_place=True)
    assert lines(body) == ["No city is called 'Torontoo'.", "Try:", "  curl http://example.test/Toronto",
                           "Usage: curl http://example.test/:help"]
