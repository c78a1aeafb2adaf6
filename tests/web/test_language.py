"""`lang` and Accept-Language on the JSON answer: `local.display` and the `language` field."""

from __future__ import annotations

import pytest

LOCAL = "/v1/events/cassini-2013/local"


def test_lang_localises_the_display(client):
    body = client.get(f"{LOCAL}?tz=America/Toronto&lang=fr").json()
    # CLDR French full date: "vendredi 19 juillet 2013"; the window is 17:27-17:42 EDT (NASA/JPL).
    assert body["local"]["display"] == "vendredi 19 juillet 2013, 17:27–17:42 EDT (UTC-04:00)"
    assert body["language"] == {"requested": "fr", "used": "fr", "fallback": False}


def test_accept_language_localises_the_display(client):
    body = client.get(
        f"{LOCAL}?tz=Asia/Tokyo", headers={"Accept-Language": "ja-JP,ja;q=0.9"}
    ).json()
    assert body["local"]["display"] == "2013年7月20日土曜日 06:27～06:42 JST (UTC+09:00)"


def test_an_unknown_language_falls_back_to_english_and_says_so(client):
    body = client.get(f"{LOCAL}?tz=America/Toronto&lang=tlh").json()
    assert body["local"]["display"].startswith("Friday 19 July 2013")
    assert body["language"] == {"requested": "tlh", "used": "en", "fallback": True}


def test_no_language_asked_is_english_without_a_fallback(client):
    assert client.get(f"{LOCAL}?tz=UTC").json()["language"] == {
        "requested": None,
        "used": "en",
        "fallback": False,
    }


@pytest.mark.parametrize("lang", ["f", "fr!", "<script>", "x" * 40])
def test_a_malformed_language_tag_is_a_422(client, lang):
    response = client.get(LOCAL, params={"tz": "UTC", "lang": lang})
    assert (
        response.status_code == 422
        and response.json()["error"]["problems"][0]["parameter"] == "lang"
    )


def test_the_sky_summary_speaks_the_answers_language(client):
    sky = client.get(f"{LOCAL}?city=Paris&lang=fr").json()["sky"]
    # The wording, not the astronomy, is under test: the sky module puts the Sun 13 deg below
    # Paris's horizon at 21:27 UTC (astronomical twilight) and Saturn in the south-west (its own
    # tests hold those positions to astropy).
    assert sky["summary"].startswith(
        "Crépuscule astronomique. Le Soleil était à 13° sous l'horizon."
    )
    assert "Pas sur la photo" in sky["summary"] and sky["at_end"]["summary"].endswith(
        "Pas sur la photo."
    )


def test_the_english_summary_comes_from_the_catalogue_too(client):
    sky = client.get(f"{LOCAL}?city=Paris").json()["sky"]
    assert sky["summary"].startswith("Astronomical twilight. The Sun was 13° below the horizon.")
    assert sky["summary"].endswith("Not in the picture.")
