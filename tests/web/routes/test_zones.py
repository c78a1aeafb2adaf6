"""Local times in the answer: every zone, the 2013 rules, links and offsets, the world table.

These ask the app (`client`); parsing offsets and suggesting zones are tested in
tests/places/test_zones.py.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime

import pytest

from service.places.zones import use_packaged_tzdata
from service.render.i18n import LanguageChoice, default_locale

START = datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
END = datetime(2013, 7, 19, 21, 42, tzinfo=UTC)


def _local(client, tz: str) -> dict:
    response = client.get("/v1/events/cassini-2013/local", params={"tz": tz})
    assert response.status_code == 200, response.text
    return response.json()["local"]


def test_every_zone_matches_zoneinfo(client):
    """Invariant: for every zone tzdata knows, the answer is zoneinfo's conversion of the
    instant."""
    use_packaged_tzdata()
    names = sorted(zoneinfo.available_timezones())
    assert len(names) > 500
    for name in names:
        local = _local(client, name)
        assert local["tz"] == name, "the name asked is the name answered"
        want_start = START.astimezone(zoneinfo.ZoneInfo(name))
        want_end = END.astimezone(zoneinfo.ZoneInfo(name))
        assert local["start"] == want_start.isoformat(timespec="seconds"), name
        assert local["end"] == want_end.isoformat(timespec="seconds"), name
        assert local["abbreviation"] == want_start.tzname(), name
        assert local["dst"] == bool(want_start.dst()), name
        assert datetime.fromisoformat(local["start"]) == START, name


# Zones whose rules changed after 2013; the 2013 answer is expected.
@pytest.mark.parametrize(
    ("tz", "start", "reference"),
    [
        # Russia: permanent UTC+4 from 2011-03-27 until 2014-10-26 (Federal Law 248-FZ, 2014).
        (
            "Europe/Moscow",
            "2013-07-20T01:27:00+04:00",
            "tzdata Europe/Moscow; Russian federal law 248-FZ",
        ),
        # Venezuela: UTC-4:30 from 2007-12-09 until 2016-05-01 (decree of 2016, tzdata 2016d).
        (
            "America/Caracas",
            "2013-07-19T16:57:00-04:30",
            "tzdata America/Caracas, 2016d release notes",
        ),
        # North Korea: UTC+9 in 2013; UTC+8:30 only from 2015-08-15 to 2018-05-04 (tzdata 2015f,
        # 2018e).
        ("Asia/Pyongyang", "2013-07-20T06:27:00+09:00", "tzdata Asia/Pyongyang"),
        # Turkey: EEST (UTC+3 as summer time) in 2013; permanent +03 only from 2016-09
        # (tzdata 2016g).
        ("Europe/Istanbul", "2013-07-20T00:27:00+03:00", "tzdata Europe/Istanbul"),
        # Chile (continental): UTC-4 standard in July 2013 (tzdata America/Santiago).
        ("America/Santiago", "2013-07-19T17:27:00-04:00", "tzdata America/Santiago"),
        # Samoa: UTC+13 since skipping 2011-12-30; no DST in the southern winter.
        ("Pacific/Apia", "2013-07-20T10:27:00+13:00", "tzdata Pacific/Apia"),
        # Magadan: UTC+12 from 2011 to 2014-10-26, then +10, then +11 from 2016 (tzdata 2016b).
        ("Asia/Magadan", "2013-07-20T09:27:00+12:00", "tzdata Asia/Magadan"),
        # Morocco: summer time +01 in July 2013, suspended for Ramadan from 2013-07-07 to 08-10.
        (
            "Africa/Casablanca",
            "2013-07-19T21:27:00+00:00",
            "tzdata Africa/Casablanca, Ramadan 2013",
        ),
        # North America for the announcement: 5:27 pm EDT and 2:27 pm PDT (NASA/JPL).
        ("America/New_York", "2013-07-19T17:27:00-04:00", "NASA/JPL Wave at Saturn announcement"),
        (
            "America/Los_Angeles",
            "2013-07-19T14:27:00-07:00",
            "NASA/JPL Wave at Saturn announcement",
        ),
    ],
)
def test_zones_use_2013_rules(client, tz, start, reference):
    assert _local(client, tz)["start"] == start, reference


# The name answered is the name asked, spelt as tzdata spells it; a link keeps its name and
# follows its target's rules (tzdata 2026 `backward` file: `L Asia/Kolkata Asia/Calcutta`, ...).
@pytest.mark.parametrize(
    ("typed", "named", "canonical", "offset"),
    [
        ("US/Eastern", "US/Eastern", "America/New_York", "-04:00"),
        ("america/toronto", "America/Toronto", "America/Toronto", "-04:00"),
        ("EUROPE/MOSCOW", "Europe/Moscow", "Europe/Moscow", "+04:00"),
        ("Asia/Calcutta", "Asia/Calcutta", "Asia/Kolkata", "+05:30"),
        ("Atlantic/Reykjavik", "Atlantic/Reykjavik", "Africa/Abidjan", "+00:00"),
        ("europe/oslo", "Europe/Oslo", "Europe/Berlin", "+02:00"),
        ("America/New York", "America/New_York", "America/New_York", "-04:00"),
        ("UTC", "UTC", "UTC", "+00:00"),
        ("Z", "UTC", "UTC", "+00:00"),
        ("UTC+05:30", "UTC+05:30", "UTC+05:30", "+05:30"),
        ("+0530", "UTC+05:30", "UTC+05:30", "+05:30"),
        ("UTC-4", "UTC-04:00", "UTC-04:00", "-04:00"),
        ("UTC+14", "UTC+14:00", "UTC+14:00", "+14:00"),
        ("-14:00", "UTC-14:00", "UTC-14:00", "-14:00"),
        ("Etc/GMT+5", "Etc/GMT+5", "Etc/GMT+5", "-05:00"),
    ],
)
def test_names_links_and_offsets(client, typed, named, canonical, offset):
    local = _local(client, typed)
    assert (local["tz"], local["canonical_tz"]) == (named, canonical)
    assert local["utc_offset"] == offset


def test_moscow_answer_in_full(client):
    local = _local(client, "Europe/Moscow")
    assert local["start"] == "2013-07-20T01:27:00+04:00"
    assert local["end"] == "2013-07-20T01:42:00+04:00"
    assert local["abbreviation"] == "MSK"
    assert local["date"] == "2013-07-20"
    assert local["utc_date"] == "2013-07-19"
    assert local["date_differs_from_utc"] is True
    assert local["day_offset"] == 1
    assert local["display"] == "Saturday, 20 July 2013, 01:27–01:42 MSK (UTC+04:00)"


def test_pacific_time_is_same_date(client):
    local = _local(client, "America/Los_Angeles")
    assert local["date_differs_from_utc"] is False
    assert local["dst"] is True
    assert local["display"] == "Friday, 19 July 2013, 14:27–14:42 PDT (UTC-07:00)"


def test_world_table_has_every_zone_name_ordered_by_offset(client, resources):
    body = client.get("/v1/events/cassini-2013/world").json()
    # Every name zoneinfo knows, links included (598 in tzdata 2026.6).
    assert body["count"] == len(zoneinfo.available_timezones()) == len(body["zones"])
    assert body["count"] > len(resources.zones.canonical)
    offsets = [row["utc_offset"] for row in body["zones"]]
    minutes = [(-1 if o[0] == "-" else 1) * (int(o[1:3]) * 60 + int(o[4:6])) for o in offsets]
    assert minutes == sorted(minutes)
    assert minutes[0] == -12 * 60 and minutes[-1] == 14 * 60
    moscow = next(row for row in body["zones"] if row["tz"] == "Europe/Moscow")
    assert moscow == {
        "tz": "Europe/Moscow",
        "utc_offset": "+04:00",
        "abbreviation": "MSK",
        "dst": False,
        "start": "2013-07-20T01:27:00+04:00",
        "end": "2013-07-20T01:42:00+04:00",
        "canonical_tz": "Europe/Moscow",
        "link": False,
    }
    eastern = next(row for row in body["zones"] if row["tz"] == "US/Eastern")
    assert (eastern["canonical_tz"], eastern["link"], eastern["abbreviation"]) == (
        "America/New_York",
        True,
        "EDT",
    )
    links = [row for row in body["zones"] if row["link"]]
    assert all(row["tz"] != row["canonical_tz"] for row in links)
    assert len(links) == len(resources.zones.links)


def test_world_table_as_csv(client):
    response = client.get("/v1/events/cassini-2013/world", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lines = response.text.strip().splitlines()
    assert lines[0] == "tz,utc_offset,abbreviation,dst,start,end,canonical_tz,link"
    assert (
        "America/Toronto,-04:00,EDT,true,2013-07-19T17:27:00-04:00,2013-07-19T17:42:00-04:00,"
        "America/Toronto,false" in lines
    )
    assert (
        "Europe/Oslo,+02:00,CEST,true,2013-07-19T23:27:00+02:00,2013-07-19T23:42:00+02:00,"
        "Europe/Berlin,true" in lines
    )
    json_count = client.get("/v1/events/cassini-2013/world").json()["count"]
    assert len(lines) == json_count + 1


def test_every_gazetteer_zone_is_answered_under_its_own_name(resources):
    """Invariant over the gazetteer's zones: the answer for a place shows the place's zone in
    every part, checked once per zone, with its first city (the answer's zone comes from the
    place's `tz` alone; tests/places/test_resolve.py holds every city's place to the zone
    GeoNames gives it, links kept: Atlantic/Reykjavik, Europe/Oslo)."""
    answers, places, zones = resources.answers, resources.places, resources.zones
    event = answers.event("cassini-2013")
    english = LanguageChoice(None, "en", False, default_locale("en"))
    first_row: dict[str, int] = {}
    for row, tz in enumerate(places.gazetteer.cities.text["tz"]):
        first_row.setdefault(tz, row)
    assert {"Atlantic/Reykjavik", "Europe/Oslo", "Arctic/Longyearbyen"} <= set(first_row)
    for tz, row in first_row.items():
        place = places.city_place(places.gazetteer.cities[row])
        assert place.tz == tz
        answer = answers.for_place(event, place, english)
        assert (answer.place.tz, answer.local.tz) == (tz, tz)
        assert answer.place.canonical_tz == answer.local.canonical_tz == zones.links.get(tz, tz)


@pytest.mark.parametrize(
    ("city", "tz"),
    [
        ("Reykjavik", "Atlantic/Reykjavik"),
        ("Oslo", "Europe/Oslo"),
        ("Longyearbyen", "Arctic/Longyearbyen"),
    ],
)
def test_a_city_asked_by_name_keeps_its_zone_in_every_format(client, city, tz):
    local = client.get("/v1/events/cassini-2013/local", params={"city": city}).json()
    assert (local["place"]["tz"], local["local"]["tz"]) == (tz, tz)
    text = client.get(f"/{city}", headers={"user-agent": "curl/8"}).text
    page = client.get("/", params={"city": city}, headers={"accept": "text/html"}).text
    card = client.get("/embed", params={"city": city}).text
    for shown in (text, page, card):
        assert "Africa/Abidjan" not in shown and "Europe/Berlin" not in shown
    assert tz in client.get("/", params={"tz": tz}, headers={"accept": "text/html"}).text
    assert tz in client.get(f"/{tz}", headers={"user-agent": "curl/8"}).text


@pytest.mark.parametrize(
    ("raw", "named", "offset"),
    [
        ("UTC+05:30", "UTC+05:30", "+05:30"),
        ("Etc/GMT+5", "Etc/GMT+5", "-05:00"),
        ("GMT+1", "UTC+01:00", "+01:00"),  # no tzdata name: an offset
        ("+0530", "UTC+05:30", "+05:30"),
        ("America/New+York", "America/New_York", "-04:00"),
    ],
)
def test_a_raw_plus_in_a_zone_is_a_plus(client, raw, named, offset):
    # The query string as a hand-typed URL sends it: the `+` not encoded.
    response = client.get(f"/v1/events/cassini-2013/local?tz={raw}")
    assert response.status_code == 200, response.text
    local = response.json()["local"]
    assert (local["tz"], local["utc_offset"]) == (named, offset)
