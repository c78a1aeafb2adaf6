"""The in-picture route: countries and cities in each picture, its tables, and the fact check
that uses them.

These ask the app (`client`); the table itself is tested in tests/astronomy/test_in_picture.py.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        # North America faced Saturn in daylight (article 000; NASA's invitation to North
        # Americans).
        ("US", True),
        ("CA", True),
        ("MX", True),
        # The western half of South America was lit and facing too (closed form; see the
        # references in tests/astronomy/test_sky.py).
        ("PE", True),
        ("CO", True),
        # Night side at 21:27 UTC: Japan, Australia, India, Russia's heartland.
        ("JP", False),
        ("AU", False),
        ("IN", False),
    ],
)
def test_countries_in_the_cassini_picture(client, country, expected):
    body = client.get("/v1/events/cassini-2013/in-picture").json()
    assert (country in {c["country_code"] for c in body["countries"]}) is expected


def test_json_answer_shape_and_ranking(client):
    body = client.get("/v1/events/cassini-2013/in-picture", params={"limit": 10}).json()
    assert body["target_body"] == "saturn"
    assert body["instant"] == "2013-07-19T21:27:00Z"
    assert len(body["cities"]) == 10
    populations = [c["population"] for c in body["cities"]]
    assert populations == sorted(populations, reverse=True)
    assert all(
        c["sun_altitude_deg"] > -0.833 and c["target_altitude_deg"] > 0 for c in body["cities"]
    )
    assert body["cities_checked"] > 30_000
    assert body["cities_in_picture"] == sum(c["cities_in_picture"] for c in body["countries"])
    by_people = [c["population_in_picture"] for c in body["countries"]]
    assert by_people == sorted(by_people, reverse=True)
    assert body["countries"][0]["country_code"] == "US"


def test_csv_tables_match_the_json(client):
    body = client.get("/v1/events/cassini-2013/in-picture").json()
    cities = client.get("/v1/events/cassini-2013/in-picture", params={"format": "csv"})
    assert cities.headers["content-type"].startswith("text/csv")
    lines = cities.text.strip().splitlines()
    assert lines[0].startswith("name,admin1,admin1_code,country_code,population")
    assert len(lines) == body["cities_in_picture"] + 1
    countries = client.get(
        "/v1/events/cassini-2013/in-picture", params={"format": "csv", "table": "countries"}
    )
    rows = countries.text.strip().splitlines()
    assert len(rows) == len(body["countries"]) + 1
    assert rows[1].startswith("US,United States,NA,")


def test_messenger_saw_nearly_half_the_earth(client):
    # APL release: "nearly half of Earth, including the Americas, Africa and Europe" faced
    # MESSENGER.
    body = client.get("/v1/events/messenger-2013-07-19/in-picture").json()
    assert {"NA", "SA", "AF", "EU"} <= set(body["continents"])
    share = body["cities_in_picture"] / body["cities_checked"]
    assert (
        0.4 < share < 0.9
    )  # cities crowd the lit side at 11:49 UTC (Europe, Africa, India, the Americas' east)


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 50_001}, {"format": "xml"}, {"table": "oceans"}]
)
def test_bad_parameters(client, params):
    response = client.get("/v1/events/cassini-2013/in-picture", params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_parameter"


def test_only_north_america_claim_is_judged_partly(client):
    # Article 000: "North America and part of the Atlantic Ocean were the only illuminated parts of
    # Earth at the time". North America was in the picture, but so was western South America.
    facts = {f["id"]: f for f in client.get("/v1/facts").json()["facts"]}
    claim = facts["only-north-america-lit"]
    assert claim["verdict"] == "partly"
    assert "North America and part of the Atlantic Ocean" in claim["excerpts"][0]["text"]
    assert {"PE", "CO", "EC"} <= set(claim["computed"]["outside_claim"])
    assert "US" not in claim["computed"]["outside_claim"]
