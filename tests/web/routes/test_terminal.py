"""Terminal routes: `/{place}`, `/{event_id}/{place}`, `/:help`, and how they answer errors."""

from __future__ import annotations

import pytest

CURL = {"user-agent": "curl/8.5.0", "accept": "*/*"}
BROWSER = {
    "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
}


def text_lines(response) -> list[str]:
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert all(len(line) <= 80 for line in lines), response.text
    return lines


def test_curl_gets_a_text_answer_with_the_local_time(client):
    response = client.get("/Toronto", headers=CURL)
    assert response.status_code == 200
    lines = text_lines(response)
    # The published window, 21:27-21:42 UTC, is 17:27-17:42 EDT (NASA/JPL, "5:27-5:42 pm EDT").
    assert lines[0].startswith("Cassini, 19 July: Toronto, Ontario, Canada")
    assert lines[1] == "When:    Friday, 19 July 2013, 17:27–17:42 EDT (UTC-04:00)"
    assert {"Accept", "User-Agent"} <= {v.strip() for v in response.headers["vary"].split(",")}


def test_a_browser_gets_html(client):
    response = client.get("/Toronto", headers=BROWSER)
    assert (
        response.status_code == 200
        and response.headers["content-type"] == "text/html; charset=utf-8"
    )
    assert "<title>Wave at Saturn: Toronto, Ontario, Canada" in response.text
    assert "17:27–17:42 EDT" in response.text


def test_html_escapes_what_the_user_typed(client):
    response = client.get("/<script>alert(1)</script>", headers=BROWSER)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "<script>" not in response.text and "&lt;script&gt;" in response.text


def test_json_on_request_is_the_local_answer(client):
    by_path = client.get("/Pasadena,CA?format=json", headers=CURL).json()
    by_accept = client.get("/Pasadena,CA", headers={**CURL, "accept": "application/json"}).json()
    by_api = client.get("/v1/events/cassini-2013/local", params={"city": "Pasadena, CA"}).json()
    assert by_path == by_accept == by_api
    assert by_path["local"]["start"] == "2013-07-19T14:27:00-07:00"


@pytest.mark.parametrize(
    "path, when",
    [
        # Local times of 21:27 UTC under the 2013 rules of each zone (tzdata).
        ("/Pasadena,CA", "Friday, 19 July 2013, 14:27–14:42 PDT (UTC-07:00)"),
        ("/Sao%20Paulo", "Friday, 19 July 2013, 18:27–18:42 UTC-03:00"),
        ("/@43.65,-79.38", "Friday, 19 July 2013, 17:27–17:42 EDT (UTC-04:00)"),
        ("/@0,-30", "Friday, 19 July 2013, 19:27–19:42 UTC-02:00"),
        ("/Europe/Moscow", "Saturday, 20 July 2013, 01:27–01:42 MSK (UTC+04:00)"),
        ("/cassini-2013/Europe/Moscow", "Saturday, 20 July 2013, 01:27–01:42 MSK (UTC+04:00)"),
        ("/%E6%9D%B1%E4%BA%AC", "Saturday, 20 July 2013, 06:27–06:42 JST (UTC+09:00)"),  # 東京
        ("/Москва", "Saturday, 20 July 2013, 01:27–01:42 MSK (UTC+04:00)"),
        # MESSENGER's images at 11:49 and 13:41 UTC (APL/NASA release): 07:49-09:41 EDT.
        ("/messenger-2013-07-19/Toronto", "Friday, 19 July 2013, 07:49–09:41 EDT (UTC-04:00)"),
    ],
)
def test_places_in_every_form(client, path, when):
    response = client.get(path, headers=CURL)
    assert response.status_code == 200, response.text
    assert f"When:    {when}" in text_lines(response)


def test_ambiguous_name_says_how_to_narrow(client):
    lines = text_lines(client.get("/Pasadena", headers=CURL))
    assert "Pasadena, Texas" in lines[0]
    assert "  curl http://testserver/Pasadena,CA,US" in lines


def test_unknown_place_is_a_404_sentence_with_suggestions(client):
    response = client.get("/Torontoo", headers=CURL)
    assert response.status_code == 404
    lines = text_lines(response)
    assert lines[0].startswith("No place called 'Torontoo' is known")
    assert "  curl http://testserver/Toronto" in lines


def test_errors_in_json_keep_the_one_shape(client):
    response = client.get("/Torontoo?format=json", headers=CURL)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "unknown_place" and error["suggestions"][0] == "Toronto"


@pytest.mark.parametrize(
    "path, status",
    [
        ("/cassini-2013", 422),  # an event with no place
        ("/Toronto?format=xml", 422),  # an unknown format is said in the headers' format
        ("/@91,0", 422),
        ("/@north,west", 422),
        ("/" + "a" * 250, 422),
    ],
)
def test_bad_requests_are_text_4xx_for_curl(client, path, status):
    response = client.get(path, headers=CURL)
    assert response.status_code == status
    assert text_lines(response)[-1] == "Usage: curl http://testserver/:help"


def test_help_explains_usage(client):
    lines = text_lines(client.get("/:help", headers=CURL))
    assert (
        "  curl http://testserver/Pasadena,CA" in lines
        and "  curl http://testserver/Europe/Moscow" in lines
    )
    examples = client.get("/:help?format=json").json()["examples"]
    assert {"url": "http://testserver/Toronto", "what": examples[0]["what"]} == examples[0]
    for example in examples:  # every example in the help works
        path = example["url"].removeprefix("http://testserver")
        assert client.get(path, headers=CURL).status_code == 200, path


def test_the_api_routes_are_not_shadowed(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/docs").status_code == 200
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/v1/events/cassini-2013", headers=CURL).json()["id"] == "cassini-2013"
    for path in ("/v1/no/such/thing", "/docs/nothing", "/favicon.ico"):
        response = client.get(path, headers=CURL)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found", path


def test_a_name_and_a_point_in_a_path(client):
    # The form `narrowing` gives twins: `Name @lat,lon`, its space encoded by path_url.
    lines = text_lines(client.get("/Paris%20@33.7,-95.5", headers=CURL))
    assert lines[0].startswith("Cassini, 19 July: Paris, Texas, United States")


def test_a_country_says_which_place_answers_for_it(client):
    # (`/Portugal` is tzdata's old zone name for Europe/Lisbon: a path tries zones first.)
    lines = text_lines(client.get("/Georgia", headers=CURL))
    assert "Tbilisi" in lines[0] and "Georgia: Tbilisi, its capital." in " ".join(lines[:2])
