"""The sky in the local answer: named places against outside reports, and malformed coordinates.

These ask the app (`client`); the sky's geometry itself is tested in tests/astronomy/test_sky.py.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from service.astronomy import sky
from service.astronomy.ephemeris import ApparentPlace
from tests.astronomy.oracles import azimuth_gap


def test_mid_hudson_valley_report(client):
    # Reference: observer report from the mid-Hudson Valley (about 41.7 N, 73.9 W), quoted in the
    # project's issue 3: at 5:30 pm EDT on 2013-07-19, Saturn at about azimuth 148, altitude 31.
    # Tolerance 2 deg: the report is rounded and timed at 21:30 UTC, three minutes after the
    # window start this answer is for (Saturn moves about 0.25 deg a minute in azimuth).
    answer = client.get("/v1/events/cassini-2013/local", params={"lat": 41.7, "lon": -73.9}).json()[
        "sky"
    ]
    assert answer["target"]["body"] == "saturn"
    assert answer["target"]["azimuth_deg"] == pytest.approx(148, abs=2)
    assert answer["target"]["altitude_deg"] == pytest.approx(31, abs=2)
    assert answer["target"]["compass"] == "SSE"
    assert answer["sunlit"] and answer["in_picture"]


def test_toronto_in_daylight_with_saturn_up_in_the_south_south_east(client):
    # Reference: Royal Astronomical Society of Canada notice of 2013-07-19, as posted by Pine River
    # Observatory: at 5:27 pm EDT "daylight in Ontario", Saturn "about a quarter of the way up the
    # sky, and roughly South-South East". Tolerances: a quarter of the way to the zenith is 22.5
    # deg, taken +-7.5; "roughly SSE" taken as within one compass point (22.5 deg) of 157.5.
    answer = client.get(
        "/v1/events/cassini-2013/local", params={"lat": 43.65, "lon": -79.38}
    ).json()
    assert answer["local"]["start"] == "2013-07-19T17:27:00-04:00"
    seen = answer["sky"]
    assert seen["sun"]["phase"] == "day" and seen["sunlit"]
    assert seen["target"]["above_horizon"]
    assert seen["target"]["altitude_deg"] == pytest.approx(22.5, abs=7.5)
    assert azimuth_gap(seen["target"]["azimuth_deg"], 157.5) <= 22.5
    assert seen["in_picture"]


def test_moscow_at_half_past_one_in_the_morning(client):
    # Reference: the Sun's altitude at lower culmination is lat + dec - 90 (a standard result of
    # spherical astronomy); 01:27 MSK is 23:57 local apparent solar time in Moscow (55.76 N,
    # 37.62 E; equation of time -6 min), three minutes from lower culmination. With the Sun's
    # declination +20.7 that is -13.6 deg: astronomical twilight, the "white nights" of July.
    # Tolerance 0.1 deg (three minutes from culmination move the Sun by under 0.01 deg).
    answer = client.get("/v1/events/cassini-2013/local", params={"tz": "Europe/Moscow"}).json()
    assert answer["place"]["resolved_from"] == "timezone"
    seen = answer["sky"]
    assert seen["sun"]["altitude_deg"] == pytest.approx(55.76 + 20.69 - 90, abs=0.1)
    assert seen["sun"]["phase"] == "astronomical_twilight"
    assert seen["sun"]["compass"] == "N"
    assert not seen["sunlit"] and not seen["in_picture"]
    assert "Europe/Moscow" in seen["note"] and "lat and lon" in seen["note"]


def test_local_answer_carries_the_sky_at_both_ends(client):
    answer = client.get(
        "/v1/events/messenger-2013-07-19/local", params={"lat": -33.87, "lon": 151.21}
    ).json()
    seen = answer["sky"]
    assert seen["instant"] == "2013-07-19T11:49:00Z"
    assert seen["at_end"]["instant"] == "2013-07-19T13:41:00Z"
    assert seen["target"]["body"] == "mercury"
    assert seen["note"] is None
    for kind in (seen, seen["at_end"]):
        assert 0 <= kind["sun"]["azimuth_deg"] < 360 and 0 <= kind["target"]["azimuth_deg"] < 360
        apparent = kind["sun"]["apparent_altitude_deg"]
        assert (
            apparent is None
            if kind["sun"]["altitude_deg"] < -1
            else apparent >= kind["sun"]["altitude_deg"]
        )


def test_sunrise_in_mexico_city_during_messengers_window(client):
    # Reference: NOAA's sunrise equation with the NOAA Solar Calculator's declination (+20.7 deg)
    # and equation of time (-6.3 min) for 2013-07-19: at 19.43 N, 99.13 W the upper limb rises at
    # hour angle arccos((sin(-0.833) - sin(lat) sin(dec)) / (cos(lat) cos(dec))) = 98.6 deg
    # before local noon (18:42:49 UTC), i.e. 12:08:23 UTC, 07:08 CDT. Tolerance 1 minute.
    answer = client.get(
        "/v1/events/messenger-2013-07-19/local", params={"lat": 19.43, "lon": -99.13}
    ).json()
    sunrises = [t for t in answer["sky"]["transitions"] if t["kind"] == "sunrise"]
    assert len(sunrises) == 1
    instant = datetime.fromisoformat(sunrises[0]["instant"].replace("Z", "+00:00"))
    assert abs((instant - datetime(2013, 7, 19, 12, 8, 23, tzinfo=UTC)).total_seconds()) <= 60
    assert sunrises[0]["local"].startswith("2013-07-19T07:08") and sunrises[0]["local"].endswith(
        "-05:00"
    )
    assert not answer["sky"]["sunlit"] and answer["sky"]["at_end"]["sunlit"]


def test_transitions_in_the_answer_are_on_the_local_clock(client):
    # Clipperton Island (10.3 N, 109.22 W), an ocean point on the nautical clock: Mercury rose
    # and then the Sun during MESSENGER's window, so the place entered the picture.
    answer = client.get(
        "/v1/events/messenger-2013-07-19/local", params={"lat": 10.3, "lon": -109.22}
    ).json()
    seen = answer["sky"]
    assert [t["kind"] for t in seen["transitions"]] == ["target_rise", "sunrise"]
    offset = answer["local"]["utc_offset"]
    for t in seen["transitions"]:
        utc = datetime.fromisoformat(t["instant"].replace("Z", "+00:00"))
        local = datetime.fromisoformat(t["local"])
        assert utc == local and t["local"].endswith(offset)
        assert "11:49:00" <= t["instant"][11:19] <= "13:41:00"
    assert not seen["in_picture"] and seen["at_end"]["in_picture"]


@pytest.mark.parametrize(
    "lat, lon",
    [
        (90, 0),
        (-90, 0),
        (90, 180),
        (-90, -180),
        (0, 180),
        (0, -180),
        (12.5, 179.999),
        (-45.0, -150.0),  # the South Pacific: a nautical zone
        (0, 0),  # Gulf of Guinea
    ],
)
def test_poles_antimeridian_and_ocean_points_answer(client, lat, lon):
    response = client.get("/v1/events/cassini-2013/local", params={"lat": lat, "lon": lon})
    assert response.status_code == 200, response.text
    seen = response.json()["sky"]
    assert -90 <= seen["sun"]["altitude_deg"] <= 90 and seen["summary"]
    same = sky.horizontal(lat, lon, 0.0, ApparentPlace(0.0, 10.0, 1.0))
    assert np.all(np.isfinite(same))


@pytest.mark.parametrize(
    "lat, lon, parameter",
    [
        ("nan", "0", "lat"),
        ("0", "NaN", "lon"),
        ("inf", "0", "lat"),
        ("0", "-inf", "lon"),
        ("-Infinity", "0", "lat"),
        ("90.0001", "0", "lat"),
        ("-90.5", "0", "lat"),
        ("0", "180.0001", "lon"),
        ("0", "-181", "lon"),
        ("1e400", "0", "lat"),
    ],
)
def test_bad_coordinates_are_refused_with_422(client, lat, lon, parameter):
    response = client.get("/v1/events/cassini-2013/local", params={"lat": lat, "lon": lon})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error.get("parameter") == parameter or parameter in str(error.get("problems"))
    assert error["message"]


def test_coordinates_that_are_not_numbers_are_refused(client):
    response = client.get("/v1/events/cassini-2013/local", params={"lat": "north", "lon": "0"})
    assert response.status_code == 422
    assert response.json()["error"]["problems"][0]["parameter"] == "lat"
