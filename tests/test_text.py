"""Plain-text rendering, against answers built here in the shape the local answer has."""

from __future__ import annotations

import copy

from service.render import text

BASE = "http://example.test/"
ANSWER = {
    "event": "cassini-2013",
    "place": {
        "name": "Pasadena",
        "admin1": "Texas",
        "admin1_code": "TX",
        "country_code": "US",
        "country": "United States",
        "lat": 29.69106,
        "lon": -95.2091,
        "tz": "America/Chicago",
        "population": 153784,
        "geonames_id": 4717560,
        "resolved_from": "city",
        "note": None,
        "query": "Pasadena",
        "ambiguous": True,
        "alternatives": [
            {
                "name": "Pasadena",
                "admin1": "California",
                "admin1_code": "CA",
                "country_code": "US",
                "country": "United States",
                "population": 142250,
                "geonames_id": 5381396,
                "lat": 34.14778,
                "lon": -118.14452,
                "tz": "America/Los_Angeles",
                "query": "Pasadena, CA, US",
            },
        ],
    },
    "local": {"display": "Friday 19 July 2013, 16:27-16:42 CDT (UTC-05:00)"},
    "sky": {
        "sun": {"phase": "day", "altitude_deg": 35.4},
        "sunlit": True,
        "target": {"body": "saturn", "altitude_deg": 38.2, "compass": "SW", "above_horizon": True},
        "in_picture": True,
        "summary": "The Sun was up, 35° high in the W, and Saturn stood 38° high in the SW: "
        "this place was in the picture.",
        "transitions": [],
    },
    "excerpts": [
        {
            "id": "x1",
            "text": "NASA invited the public to wave at Saturn between 5:27 and 5:42 p.m. EDT.",
            "sources": [
                {"article_id": "000", "title": "Wave at Saturn", "start": 0, "end": 73},
                {"article_id": "001", "title": "Say cheese", "start": 10, "end": 83},
            ],
            "variants": [],
            "supports": ["date_and_window"],
        }
    ],
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
    assert "Verdict: In the picture: sunlit and facing Saturn." in body
    assert "Changes:" not in body
    assert "Source:  “NASA invited the public" in body and "(Wave at Saturn and 1 more)" in body
    assert "  curl http://example.test/Pasadena,CA,US" in body


def test_sun_below_the_horizon_and_not_in_the_picture():
    answer = copy.deepcopy(ANSWER)
    answer["sky"] = {
        "sun": {"phase": "nautical_twilight", "altitude_deg": -8.6},
        "sunlit": False,
        "target": {
            "body": "saturn",
            "altitude_deg": -20.1,
            "compass": "NW",
            "above_horizon": False,
        },
        "in_picture": False,
        "summary": "",
        "transitions": [],
    }
    body = text.local_answer(answer, "Wave at Saturn", BASE)
    assert "Sun:     9° below the horizon (nautical twilight)" in body
    assert "Saturn:  20° below the horizon, towards NW" in body
    assert "Verdict: Not in the picture: the Sun was down and Saturn below the horizon." in body


def test_verdict_names_what_was_missing():
    sky = copy.deepcopy(ANSWER["sky"])
    sky["target"]["above_horizon"] = False
    assert text.verdict(sky) == "Not in the picture: sunlit, but Saturn was below the horizon."
    sky["sunlit"], sky["target"]["above_horizon"] = False, True
    assert text.verdict(sky) == "Not in the picture: facing Saturn, but the Sun was down."


def test_parts_not_in_the_answer_are_left_out():
    answer = copy.deepcopy(ANSWER)
    for part in ("sky", "excerpts"):
        del answer[part]
    answer["place"]["ambiguous"] = False
    body = text.local_answer(answer, "Wave at Saturn", BASE)
    assert len(lines(body)) == 2
    assert not any(word in body for word in ("Sun:", "Verdict:", "Source:", "curl"))


def test_rises_and_sets_in_the_window_are_listed_on_the_answers_clock():
    answer = copy.deepcopy(ANSWER)
    answer["sky"]["transitions"] = [
        {
            "instant": "2013-07-19T21:35:12Z",
            "local": "2013-07-19T16:35:12-05:00",
            "body": "sun",
            "kind": "sunset",
        },
        {
            "instant": "2013-07-19T21:40:00Z",
            "local": "2013-07-19T16:40:00-05:00",
            "body": "saturn",
            "kind": "target_set",
        },
    ]
    body = text.local_answer(answer, "Wave at Saturn", BASE)
    assert "Changes: sunset at 16:35, saturn set at 16:40" in body


def test_source_line_quotes_the_excerpt_behind_the_verdict():
    answer = copy.deepcopy(ANSWER)
    answer["excerpts"].insert(
        0,
        {
            "id": "x2",
            "text": "North America was lit and facing Cassini.",
            "sources": [{"article_id": "000", "title": "Wave at Saturn", "start": 80, "end": 120}],
            "variants": [],
            "supports": ["sunlit", "in_picture"],
        },
    )
    body = text.local_answer(answer, "Wave at Saturn", BASE)
    assert "Source:  “North America was lit and facing Cassini.” (Wave at Saturn)" in body
    assert all(len(line) <= 80 for line in lines(body))


def test_source_line_says_when_our_fact_check_doubts_it():
    answer = copy.deepcopy(ANSWER)
    answer["excerpts"][0]["fact_checks"] = [
        {
            "claim": "only-north-america-lit",
            "verdict": "partly",
            "reason": "South America was lit too.",
        }
    ]
    body = " ".join(
        line.strip() for line in lines(text.local_answer(answer, "Wave at Saturn", BASE))
    )
    assert "Our fact check: partly. South America was lit too." in body


def test_describe_place_for_coordinates_and_zones():
    assert (
        text.describe_place(
            {"resolved_from": "coordinates", "lat": -33.9, "lon": 18.4, "tz": "Africa/Johannesburg"}
        )
        == "33.90°S, 18.40°E, zone Africa/Johannesburg"
    )
    assert text.describe_place(
        {
            "resolved_from": "timezone",
            "lat": 0.0,
            "lon": -75.0,
            "tz": "Etc/GMT+5",
            "note": "No city represents this zone.",
        }
    ).startswith("zone Etc/GMT+5, at 0.00°N")


def test_path_url_quotes_spaces_and_keeps_commas():
    assert text.path_url(BASE, "Sao Paulo") == "http://example.test/Sao%20Paulo"
    assert text.path_url(BASE, "Pasadena, CA, US") == "http://example.test/Pasadena,CA,US"
    assert text.path_url(BASE, "Europe/Moscow") == "http://example.test/Europe/Moscow"


def test_errors_are_sentences_with_commands_to_try():
    body = text.error("No city is called 'Torontoo'.", ["Toronto"], BASE, is_place=True)
    assert lines(body) == [
        "No city is called 'Torontoo'.",
        "Try:",
        "  curl http://example.test/Toronto",
        "Usage: curl http://example.test/:help",
    ]
