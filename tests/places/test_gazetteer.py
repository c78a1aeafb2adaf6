"""The gazetteer: folding, names in several scripts, qualifiers, ranking, autocomplete, the
cache."""

from __future__ import annotations

import json
import zoneinfo
from importlib import resources as importlib_resources

import numpy as np
import pytest

from service.places.gazetteer import CityQuery, Gazetteer, fold
from service.places.gazetteer_cache import cache_path, load_gazetteer


def first(gazetteer: Gazetteer, text: str, country: str | None = None):
    found = gazetteer.find(CityQuery.parse(text, country))
    assert found, f"nothing found for {text!r}"
    return found[0].city


@pytest.mark.parametrize(
    "typed, key",
    [
        ("São Paulo", "saopaulo"),
        ("SAO-PAULO", "saopaulo"),
        ("  sao   paulo ", "saopaulo"),
        ("St. John's", "stjohns"),
        ("Tromsø", "tromso"),
        ("Łódź", "lodz"),
        ("MÜNCHEN", "munchen"),
        ("Straße", "strasse"),
        ("東京", "東京"),
        ("ＴＯＫＹＯ", "tokyo"),  # full-width letters, NFKD compatibility forms
        ("Москва", "москва"),
        ("!!!", ""),
    ],
)
def test_fold_ignores_case_accents_punctuation_and_width(typed, key):
    assert fold(typed) == key


# GeoNames ids (geonames.org) of the cities these spellings must find.
TOKYO, MOSCOW, MUNICH, SAO_PAULO, CAIRO, ATHENS, SEOUL = (
    1850147,
    524901,
    2867714,
    3448439,
    360630,
    264371,
    1835848,
)


@pytest.mark.parametrize(
    "typed, geonames_id",
    [
        ("Munich", MUNICH),
        ("München", MUNICH),
        ("munchen", MUNICH),
        ("Muenchen", MUNICH),
        ("Moscow", MOSCOW),
        ("Moskva", MOSCOW),
        ("Москва", MOSCOW),
        ("Tokyo", TOKYO),
        ("東京", TOKYO),
        ("Токио", TOKYO),
        ("Sao Paulo", SAO_PAULO),
        ("SÃO PAULO", SAO_PAULO),
        ("Cairo", CAIRO),
        ("القاهرة", CAIRO),
        ("Αθήνα", ATHENS),
        ("서울", SEOUL),
    ],
)
def test_names_in_several_scripts_and_spellings(gazetteer, typed, geonames_id):
    assert first(gazetteer, typed).geonames_id == geonames_id


@pytest.mark.parametrize(
    "typed, admin1, country",
    [
        ("Pasadena, CA", "CA", "US"),
        ("Pasadena, California", "CA", "US"),
        ("Pasadena, TX, US", "TX", "US"),
        ("Pasadena, Maryland, United States", "MD", "US"),
        ("Paris", "11", "FR"),
        ("Paris, TX", "TX", "US"),
        ("Paris, USA", "TX", "US"),
        ("London", "ENG", "GB"),
        ("London, ON", "08", "CA"),
        ("London, Ontario, Canada", "08", "CA"),
        ("London, CAN", "08", "CA"),
        ("Perth, WA", "08", "AU"),
        ("Perth, Scotland", "SCT", "GB"),
        ("Perth, UK", "SCT", "GB"),
        ("Vancouver, WA", "WA", "US"),
        ("Victoria, BC", "02", "CA"),
    ],
)
def test_qualifiers_name_a_region_or_a_country(gazetteer, typed, admin1, country):
    city = first(gazetteer, typed)
    assert (city.admin1_code, city.country_code) == (admin1, country)


def test_country_parameter_matches_countries_only(gazetteer):
    assert first(gazetteer, "Paris", country="US").admin1_code == "TX"
    assert first(gazetteer, "Sydney", country="Canada").country_code == "CA"
    # "CA" as the country parameter is Canada, never California.
    assert gazetteer.find(CityQuery.parse("Pasadena", country="CA")) == []


def test_own_name_ranks_before_alternate_then_population(gazetteer):
    canton = gazetteer.find(CityQuery.parse("Canton"))
    assert canton[0].exact and canton[0].city.country_code == "US"
    # Guangzhou is "Canton" only as an alternate name: it comes after every city of that own name.
    guangzhou = next(i for i, m in enumerate(canton) if m.city.name == "Guangzhou")
    assert all(m.exact for m in canton[:guangzhou]) and not canton[guangzhou].exact
    populations = [m.city.population for m in canton if m.exact]
    assert populations == sorted(populations, reverse=True)


def test_narrowing_finds_the_same_city_again(gazetteer):
    for match in gazetteer.find(CityQuery.parse("Springfield")):
        query = gazetteer.narrowing(match.city)
        assert first(gazetteer, query) == match.city, query
    assert gazetteer.narrowing(first(gazetteer, "Pasadena, CA")) == "Pasadena, CA, US"
    assert gazetteer.narrowing(first(gazetteer, "Toronto")) == "Toronto"


def test_every_entry_has_a_real_zone_and_coordinates_in_range(gazetteer):
    # Invariant over all ~34,000 entries: the zone exists in the tzdata package, the point is on
    # Earth.
    assert len(gazetteer.cities) > 30_000
    zones = zoneinfo.available_timezones()
    missing = sorted({c.tz for c in gazetteer.cities} - zones)
    assert missing == [], f"zones unknown to tzdata: {missing}"
    lat = np.array([c.lat for c in gazetteer.cities])
    lon = np.array([c.lon for c in gazetteer.cities])
    assert np.all((lat >= -90) & (lat <= 90)) and np.all((lon >= -180) & (lon <= 180))
    assert all(c.population >= 0 for c in gazetteer.cities)
    assert all(c.key for c in gazetteer.cities), "every city has a name that folds to a key"


def test_index_is_sorted_and_every_city_is_found_by_its_own_name(gazetteer):
    keys = gazetteer.index.keys
    assert all(a < b for a, b in zip(keys, keys[1:]))
    for city in gazetteer.cities[::97]:
        assert any(m.city == city and m.exact for m in gazetteer.named(city.name)), city.name


def test_region_data_matches_the_gazetteer(gazetteer):
    # regions.json gives names to GeoNames admin1 codes: each region's capital must lie in it.
    extra = json.loads(
        importlib_resources.files("service").joinpath("data/regions.json").read_text()
    )
    for country, regions in extra["regions"].items():
        for code, region in regions.items():
            if region["capital"]:
                capital = first(gazetteer, region["capital"], country=country)
                assert capital.admin1_code == code, (country, region["name"])
    for alias, code in extra["country_aliases"].items():
        assert code in gazetteer.regions.country_names, alias


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("toro", "Toronto"),
        ("Toronto", "Toronto"),
        ("mosk", "Moscow"),  # Moskva, an alternate name of 10 million people
        ("münch", "Munich"),
        ("東", "Tokyo"),
        ("Pasadena, C", "Pasadena"),
        ("torontp", "Toronto"),  # no name starts so: the closest names instead
    ],
)
def test_complete_ranks_the_likely_city_first(gazetteer, typed, expected):
    found = gazetteer.complete(CityQuery.parse(typed), 5)
    assert found and found[0].name == expected


def test_complete_is_population_ranked_and_distinct(gazetteer):
    found = gazetteer.complete(CityQuery.parse("san"), 10)
    assert len(found) == 10 and len({c.geonames_id for c in found}) == 10
    assert found[0].name == "San"  # a city whose own name is typed in full comes first
    # Then by population, an own name counting ten times an alternate one
    # (gazetteer._OWN_NAME_WEIGHT).
    weights = [c.population * (10 if c.key.startswith("san") else 1) for c in found[1:]]
    assert weights == sorted(weights, reverse=True)
    assert gazetteer.complete(CityQuery.parse("Pasadena, C"), 10)[0].admin1_code == "CA"


def test_similar_suggests_close_names(gazetteer):
    assert [c.name for c in gazetteer.similar("Torontoo", 5)][:1] == ["Toronto"]
    assert gazetteer.similar("qqqqzzzz", 5) == []


def test_built_and_cached_indexes_are_the_same(tmp_path, gazetteer, monkeypatch):
    built = load_gazetteer(None)  # the slow path, once: parse the JSON and index every name
    monkeypatch.setattr(Gazetteer, "build", classmethod(lambda cls, regions: built))
    load_gazetteer(tmp_path)
    assert cache_path(tmp_path).is_file()
    cached = load_gazetteer(tmp_path)
    assert cached is not built and cached.cities == built.cities == gazetteer.cities
    assert cached.index.keys == built.index.keys
    for field in ("starts", "members", "primary"):
        assert np.array_equal(getattr(cached.index, field), getattr(built.index, field))


@pytest.fixture
def quick_build(gazetteer, monkeypatch):
    """Cache tests are about files: let "building" hand back the session's gazetteer."""
    monkeypatch.setattr(Gazetteer, "build", classmethod(lambda cls, regions: gazetteer))
    return gazetteer


def test_a_corrupt_cache_is_rebuilt_and_stale_ones_removed(tmp_path, quick_build):
    (tmp_path / "gazetteer-0000000000000000.npz").write_bytes(b"from older code")
    current = cache_path(tmp_path)
    current.write_bytes(b"not a gazetteer cache")
    assert load_gazetteer(tmp_path) is quick_build
    assert [p.name for p in tmp_path.iterdir()] == [current.name]
    assert load_gazetteer(tmp_path).cities == quick_build.cities


def test_an_unwritable_cache_directory_still_starts(tmp_path, quick_build):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would be")
    assert load_gazetteer(blocker / "cache") is quick_build
