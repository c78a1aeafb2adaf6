"""The fact check: each claim's verdict, its computed value with a stated tolerance, its excerpts.

These read the checks from the app (`/v1/facts`); the checks' parts are tested in
tests/articles/test_facts.py.
"""

from __future__ import annotations

import math

import pytest

from service.articles.facts import load_claims

KM_PER_MILE = 1.609344


@pytest.fixture(scope="module")
def facts(client):
    answer = client.get("/v1/facts").json()
    return {f["id"]: f for f in answer["facts"]}


def test_every_verdict(facts):
    assert {i: f["verdict"] for i, f in facts.items()} == {
        "cassini-earth-distance-more-than-a-billion-km": "agrees",
        "cassini-earth-distance-1.44-billion-km": "agrees",
        "cassini-earth-distance-1.5-billion-km": "partly",
        "messenger-earth-distance": "agrees",
        "earth-width-pixels": "agrees",
        "earth-moon-distinct": "agrees",
        "earth-close-to-sun-from-saturn": "agrees",
        "wave-on-friday": "agrees",
        "only-north-america-lit": "partly",
    }
    assert all(f["reason"] and "\n" not in f["reason"] for f in facts.values())


def test_cassini_distance_matches_jpl(facts):
    computed = facts["cassini-earth-distance-1.44-billion-km"]["computed"]
    # Reference: JPL release, Earth-Cassini 898 million miles. Tolerance: 1 million miles (its last
    # digit); the computed value is to Saturn's centre, standing in for Cassini.
    assert abs(computed["distance_miles"] - 898e6) <= 1e6
    assert computed["distance_km"] == pytest.approx(computed["distance_miles"] * KM_PER_MILE, abs=1)


def test_the_1_5_billion_km_sentence_disagrees_with_itself(facts):
    fact = facts["cassini-earth-distance-1.5-billion-km"]
    km, miles = fact["stated"]
    assert (km["text"], km["agrees"], km["distance_km"]) == ("1.5 billion kilometres", False, 1.5e9)
    assert (miles["text"], miles["agrees"]) == ("nearly 900 million miles", True)
    # Its own miles are 1.448 billion km, not 1.5: the two figures of the sentence disagree.
    assert miles["distance_km"] == round(9e8 * KM_PER_MILE)
    assert {s["article_id"] for s in fact["excerpts"][0]["sources"]} == {
        "001_0495b5b3dbc4bf37",
        "002_41bbc2439664b63b",
    }


def test_1_44_is_article_000s_and_within_its_precision(facts):
    fact = facts["cassini-earth-distance-1.44-billion-km"]
    (stated,) = fact["stated"]
    # Tolerance: rounded or truncated to the hundredth of a billion, [1.435, 1.45) billion km.
    assert stated["accepted_km"] == [1.435e9, 1.45e9]
    assert 1.435e9 <= fact["computed"]["distance_km"] < 1.45e9
    assert [s["article_id"] for s in fact["excerpts"][0]["sources"]] == ["000_1ceea6555a71a055"]


def test_messenger_distance_matches_pia17388(facts):
    fact = facts["messenger-earth-distance"]
    # Reference: NASA Photojournal PIA17388, 98 million km. Tolerance: 1 million km (its last
    # digit).
    assert abs(fact["computed"]["distance_km"] - 98e6) <= 1e6
    assert [s["agrees"] for s in fact["stated"]] == [True, True]


def test_earth_width_in_pixels(facts):
    fact = facts["earth-width-pixels"]
    distance_km = facts["cassini-earth-distance-1.44-billion-km"]["computed"]["distance_km"]
    # Reference: by hand, WGS 84 equatorial diameter 12756.274 km over the distance, 6 and 60
    # µrad/pixel
    # (Porco et al. 2004). Tolerance: the 3 decimals the answer is rounded to.
    width_urad = 12756.274 / distance_km * 1e6
    assert fact["computed"]["angular_diameter_urad"] == pytest.approx(width_urad, abs=1e-3)
    assert fact["computed"]["width_px"] == pytest.approx(width_urad / 6, abs=1e-3)
    assert fact["computed"]["width_px_wide_angle"] == pytest.approx(width_urad / 60, abs=1e-3)
    assert fact["computed"]["camera"] == "narrow-angle"
    assert "narrow-angle" in fact["reason"] and "wide-angle" in fact["reason"]


def test_sun_earth_angle_from_saturn_agrees_with_the_geocentric_triangle(resources, facts):
    """Reference: the same angle from the start-up geocentric apparent places of the Sun and Saturn,
    by the law of cosines in the Earth-Sun-Saturn triangle. Tolerance 0.02°, for aberration and the
    six seconds between the wave window's start and the light's departure."""
    astro = resources.astronomy["cassini-2013"]
    g = astro.geometry[resources.catalogue.get("cassini-2013").wave_window.start]
    elongation = _separation_rad(g.sun.ra_deg, g.sun.dec_deg, g.target.ra_deg, g.target.dec_deg)
    sun_saturn_km = math.sqrt(
        g.sun.distance_km**2
        + g.target.distance_km**2
        - 2 * g.sun.distance_km * g.target.distance_km * math.cos(elongation)
    )
    at_saturn_deg = math.degrees(
        math.asin(g.sun.distance_km * math.sin(elongation) / sun_saturn_km)
    )
    computed = facts["earth-close-to-sun-from-saturn"]["computed"]
    assert computed["sun_earth_angle_deg"] == pytest.approx(at_saturn_deg, abs=0.02)
    assert computed["sun_earth_angle_deg"] <= computed["max_sun_earth_angle_deg"] < 6.5
    assert computed["sun_earth_angle_from_mercury_deg"] > 90


def _separation_rad(ra1, dec1, ra2, dec2):
    ra1, dec1, ra2, dec2 = map(math.radians, (ra1, dec1, ra2, dec2))
    return math.acos(
        math.sin(dec1) * math.sin(dec2) + math.cos(dec1) * math.cos(dec2) * math.cos(ra1 - ra2)
    )


def test_earth_and_moon_are_apart_in_the_narrow_angle_camera(facts):
    fact = facts["earth-moon-distinct"]
    computed = fact["computed"]
    # Bound: the Moon is at most 406,700 km (apogee) from Earth, so never more than that over the
    # distance; 384,400 km seen side-on would be 266 µrad.
    assert 0 < computed["separation_urad"] <= 406_700 / 1.4447e9 * 1e6
    assert computed["gap_px"] > 1
    wordings = {v["text"].split()[-2] for v in fact["excerpts"][0]["variants"]}
    assert wordings == {"distant", "distinct"}


def test_friday_and_where_it_was_already_saturday(facts):
    fact = facts["wave-on-friday"]
    assert fact["computed"] == {"weekday_utc": "Friday", "next_day_from_utc_offset": "+02:33"}
    assert fact["excerpts"][0]["text"].startswith("The Saturn probe took advantage")


def test_every_claim_has_excerpts_in_the_corpus(facts, resources):
    for fact in facts.values():
        assert fact["excerpts"], fact["id"]
        for excerpt in fact["excerpts"]:
            for source in excerpt["sources"]:
                text = resources.corpus.articles.get(source["article_id"]).text
                assert text[source["start"] : source["end"]] in [
                    v["text"] for v in excerpt["variants"]
                ] + [excerpt["text"]]


def test_tolerance_and_constants_are_stated(client):
    answer = client.get("/v1/facts").json()
    assert "rounds or truncates" in answer["tolerance"]
    assert answer["constants"]["nac_pixel_scale_urad"]["value"] == 6.0
    assert "Porco" in answer["constants"]["wac_pixel_scale_urad"]["source"]


def test_the_lit_regions_claim_is_judged_from_the_in_picture_countries(facts):
    (claim,) = [c for c in load_claims().claims if c.check == "lit_regions"]
    assert facts[claim.id]["computed"]["countries"][:3] == ["US", "MX", "CA"]
