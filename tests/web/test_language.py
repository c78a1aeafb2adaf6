"""`lang` and Accept-Language on the JSON answer: `local.display` and the `language` field."""

from __future__ import annotations

import pytest

LOCAL = "/v1/events/cassini-2013/local"


def test_lang_localises_the_display(client):
    body = client.get(f"{LOCAL}?tz=America/Toronto&lang=fr").json()
    # CLDR 49 (Babel 2.19) French full date and time range, thin spaces around the dash; the
    # window is 17:27-17:42 EDT (NASA/JPL).
    assert body["local"]["display"] == (
        "vendredi 19 juillet 2013, 17:27\u2009–\u200917:42 EDT (UTC-04:00)"
    )
    assert body["language"] == {"requested": "fr", "used": "fr", "fallback": False, "locale": "fr"}


def test_an_american_reader_gets_the_12_hour_clock(client):
    """NASA/JPL: "5:27-5:42 pm EDT"; CLDR 49 en_US writes 5:27 – 5:42 PM (thin and narrow
    no-break spaces), and the date month first."""
    for query, accept in (("&lang=en-US", "fr"), ("", "en-US,en;q=0.9")):
        body = client.get(
            f"{LOCAL}?tz=America/Toronto{query}", headers={"Accept-Language": accept}
        ).json()
        assert body["local"]["display"] == (
            "Friday, July 19, 2013, 5:27\u2009–\u20095:42\u202fPM EDT (UTC-04:00)"
        )
        assert body["language"]["locale"] == "en_US"
    british = client.get(f"{LOCAL}?tz=America/Toronto&lang=en-GB").json()["local"]["display"]
    assert british == "Friday, 19 July 2013, 17:27–17:42 EDT (UTC-04:00)"


def test_accept_language_localises_the_display(client):
    body = client.get(
        f"{LOCAL}?tz=Asia/Tokyo", headers={"Accept-Language": "ja-JP,ja;q=0.9"}
    ).json()
    # CLDR 49 (Babel 2.19) Japanese full date and its H時mm分 interval pattern.
    assert body["local"]["display"] == "2013年7月20日土曜日 6時27分～6時42分 JST (UTC+09:00)"


def test_an_unknown_language_falls_back_to_english_and_says_so(client):
    body = client.get(f"{LOCAL}?tz=America/Toronto&lang=tlh").json()
    assert body["local"]["display"].startswith("Friday, 19 July 2013")
    assert body["language"] == {
        "requested": "tlh",
        "used": "en",
        "fallback": True,
        "locale": "en_GB",
    }


def test_no_language_asked_is_english_without_a_fallback(client):
    assert client.get(f"{LOCAL}?tz=UTC").json()["language"] == {
        "requested": None,
        "used": "en",
        "fallback": False,
        "locale": "en_GB",
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
        "Crépuscule astronomique. Le Soleil était à 13° sous l'horizon, direction nord-ouest."
    )
    assert "Pas sur la photo" in sky["summary"] and sky["at_end"]["summary"].endswith(
        "Pas sur la photo."
    )


def test_the_english_summary_comes_from_the_catalogue_too(client):
    sky = client.get(f"{LOCAL}?city=Paris").json()["sky"]
    assert sky["summary"].startswith(
        "Astronomical twilight. The Sun was 13° below the horizon, in the northwest."
    )
    assert sky["summary"].endswith("Not in the picture.")
