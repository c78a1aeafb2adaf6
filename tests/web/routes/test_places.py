"""`?city=` on the local answer, and `/v1/places` autocomplete."""

from __future__ import annotations


def local(client, **params):
    return client.get("/v1/events/cassini-2013/local", params=params)


def test_city_answers_like_tz_and_coordinates(client):
    answer = local(client, city="Toronto").json()
    place = answer["place"]
    assert (place["name"], place["admin1"], place["country_code"], place["resolved_from"]) == (
        "Toronto",
        "Ontario",
        "CA",
        "city",
    )
    assert place["geonames_id"] == 6167865 and place["population"] > 2_000_000
    assert answer["local"]["start"] == "2013-07-19T17:27:00-04:00"


def test_country_parameter_and_qualifiers(client):
    assert local(client, city="Paris", country="US").json()["place"]["admin1_code"] == "TX"
    assert local(client, city="Paris").json()["place"]["country_code"] == "FR"
    assert local(client, city="London, ON").json()["local"]["abbreviation"] == "EDT"


def test_ambiguous_city_lists_alternatives(client):
    place = local(client, city="Pasadena").json()["place"]
    assert place["ambiguous"] is True
    assert place["alternatives"][0]["query"] == "Pasadena, CA, US"
    assert set(place["alternatives"][0]) >= {
        "name",
        "admin1",
        "country_code",
        "population",
        "tz",
        "lat",
        "lon",
    }


def test_city_wins_over_coordinates_and_says_so(client):
    place = local(client, city="Toronto", lat=0, lon=0).json()["place"]
    assert place["name"] == "Toronto" and "city takes precedence" in place["note"]


def test_tz_with_a_city_sets_the_clock(client):
    answer = local(client, city="Toronto", tz="UTC").json()
    assert answer["place"]["name"] == "Toronto" and answer["local"]["tz"] == "UTC"


def test_unknown_city_is_a_404_with_suggestions(client):
    response = local(client, city="Torontoo")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_place"
    assert response.json()["error"]["suggestions"][0] == "Toronto"


def test_country_alone_or_unknown_is_a_422(client):
    assert local(client, country="CA").json()["error"]["parameter"] == "country"
    assert local(client, city="Paris", country="Atlantis").status_code == 422


def test_autocomplete(client):
    answer = client.get("/v1/places", params={"q": "toro", "limit": 3}).json()
    assert answer["count"] == 3 and answer["places"][0]["name"] == "Toronto"
    first = answer["places"][0]
    assert first["tz"] == "America/Toronto" and first["query"] == "Toronto"
    # GeoNames: Toronto 43.70643 N, 79.39864 W; tolerance 0.01 degree.
    assert abs(first["lat"] - 43.706) < 0.01 and abs(first["lon"] + 79.399) < 0.01
    assert client.get("/v1/places", params={"q": "東"}).json()["places"][0]["name"] == "Tokyo"
    assert client.get("/v1/places", params={"q": "qqqqzzzz"}).json() == {
        "query": "qqqqzzzz",
        "count": 0,
        "places": [],
    }


def test_autocomplete_names_regions_and_the_name_that_matched(client):
    kiev = client.get("/v1/places", params={"q": "Kiev", "limit": 3}).json()["places"][0]
    assert (kiev["name"], kiev["matched"], kiev["admin1"]) == ("Kyiv", "Kiev", "Kyiv")
    torreon = client.get("/v1/places", params={"q": "Torreón", "limit": 1}).json()["places"][0]
    assert (torreon["admin1"], torreon["admin1_code"]) == ("Coahuila de Zaragoza", "07")
    assert torreon["matched"] is None


def test_answers_carry_region_names_and_stand_in_notes(client):
    paris = local(client, city="Paris").json()["place"]
    assert (paris["admin1"], paris["admin1_code"]) == ("Île-de-France", "11")
    portugal = local(client, city="Portugal").json()["place"]
    assert portugal["name"] == "Lisbon" and portugal["note"] == "Portugal: Lisbon, its capital."
    assert portugal["tz"] in ("Europe/Lisbon",)


def test_autocomplete_bounds(client):
    assert client.get("/v1/places", params={"q": "to", "limit": 0}).status_code == 422
    assert client.get("/v1/places", params={"q": "to", "limit": 21}).status_code == 422
    assert client.get("/v1/places").status_code == 422
    assert client.get("/v1/places", params={"q": ""}).status_code == 422
