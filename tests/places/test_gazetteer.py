"""The gazetteer: folding, names in several scripts, qualifiers, ranking, autocomplete, the
cache."""

from __future__ import annotations

import bisect
import json
import random
import zoneinfo
from importlib import resources as importlib_resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from service.places.gazetteer import (
    _LAST_CHAR,
    FUZZY_MIN_SCORE,
    FUZZY_SPREAD,
    NUMBER_FIELDS,
    SAMPLE_EVERY,
    TEXT_FIELDS,
    CityQuery,
    CityTable,
    Gazetteer,
    NameIndex,
    PackedStrings,
    fold,
    fold_all,
)
from service.places.gazetteer_cache import cache_path, load_gazetteer


def same_text(a: PackedStrings, b: PackedStrings) -> bool:
    """Whether two packed columns hold the same strings: both are packed end to end from offset
    0, so exactly when their bytes and offsets are equal (no string decoded)."""
    return np.array_equal(a.offsets, b.offsets) and np.array_equal(a.blob, b.blob)


def same_cities(a: CityTable, b: CityTable) -> bool:
    """`a == b`, column by column, without making every `City` of both."""
    return all(same_text(a.text[name], b.text[name]) for name in TEXT_FIELDS) and all(
        np.array_equal(a.numbers[name], b.numbers[name]) for name in NUMBER_FIELDS
    )


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


# The build works on all names at once (`fold_all`, `PackedStrings.of`, `NameIndex.of_names`);
# these hold it to the plain definitions, one name or one city at a time, on names drawn from
# letters that fold alike, marks, stroke letters, ligatures, other scripts, breaks and NULs.
LETTERS = "aAáÁæÆøßıİ\u0301\u1d9eﬁ東Σς _-.\n\0"
NAMES = st.text(LETTERS, max_size=4)
# Few letters, most folding to `a`, so that cities share keys and spellings of a key differ.
ALIKE = st.text("aAáæe\u0301東 -\0", max_size=3)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(NAMES, st.text(max_size=6)), max_size=12))
def test_fold_all_folds_each_text_as_fold_does(texts):
    assert fold_all(texts) == [fold(text) for text in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(NAMES, st.text(max_size=6)), max_size=12))
def test_packed_strings_hold_each_string_encoded_end_to_end(values):
    packed = PackedStrings.of(values)
    encoded = [value.encode("utf-8", "surrogatepass") for value in values]
    assert packed.blob.tobytes() == b"".join(encoded)
    assert packed.offsets.tolist() == [sum(map(len, encoded[:n])) for n in range(len(values) + 1)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(NAMES, st.text(max_size=6)), max_size=12),
    st.integers(-14, 14),
    st.integers(-14, 14),
    st.sampled_from([None, 1, 2, -1]),
)
def test_a_slice_of_packed_strings_is_each_string_in_turn(values, start, stop, step):
    """A run is decoded at once (joined by NULs and split), or one by one when a string holds
    a NUL: either way the strings a list's slice would give."""
    assert PackedStrings.of(values)[start:stop:step] == values[start:stop:step]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(NAMES, st.text(max_size=6)), max_size=12), st.data())
def test_packed_strings_count_characters_and_gather_as_a_list_would(values, data):
    packed = PackedStrings.of(values)
    start = data.draw(st.integers(0, len(values)))
    stop = data.draw(st.integers(start, len(values)))
    assert packed.char_lengths(start, stop).tolist() == [len(v) for v in values[start:stop]]
    chosen = data.draw(st.lists(st.integers(0, max(len(values) - 1, 0)), max_size=8))
    chosen = chosen if values else []
    assert list(packed.gather(np.array(chosen, dtype=np.int64))) == [values[i] for i in chosen]


def similar_by_definition(gazetteer: Gazetteer, name: str, limit: int) -> list:
    """`Gazetteer.similar` as defined: every key of the bucket scored, none left out by length."""
    key = fold(name)
    lo, hi = gazetteer.index.span(key[:2], prefix=True)
    every = list(gazetteer.index.keys[lo:hi])
    scored = process.extract(
        key, every, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=len(every)
    )
    floor = scored[0][1] - FUZZY_SPREAD if scored else 0
    ranked = []
    for _, score, at in scored[: limit * 4]:
        if score >= floor:
            for i in gazetteer.index.members[gazetteer.index.rows(lo + at, lo + at + 1)]:
                ranked.append((score, gazetteer.cities[int(i)]))
    ranked.sort(key=lambda pair: (-pair[0], -pair[1].population))
    return list(dict.fromkeys(city for _, city in ranked))[:limit]


def test_similar_scores_only_the_keys_long_enough_and_finds_what_scoring_all_would(gazetteer):
    """The bucket's keys too short or too long to reach the cutoff are not scored: the same
    cities as scoring them all, for misspellings of 300 names in several scripts."""
    rng = random.Random(11)
    names = [gazetteer.cities[rng.randrange(len(gazetteer.cities))].name for _ in range(300)]
    typed = [n[:2] + n[3:] if n and rng.random() < 0.5 else n[:3] + "e" + n[3:] for n in names]
    for text in [*typed, "San Migurl", "Santa Teress", "Torontoo", "Mosckva", "東京都x"]:
        assert gazetteer.similar(text, 10, bucket_chars=2) == similar_by_definition(
            gazetteer, text, 10
        ), text


def index_one_city_at_a_time(names, own_keys, alternates):
    """The name index as defined city by city: keys sorted, each key's cities in order, and its
    label the plain-ASCII spelling met first (`NameIndex.of_names`)."""
    members_of: dict[str, list[int]] = {}
    label_of = dict(zip(own_keys, names))
    for index, (name, own_key, spellings) in enumerate(zip(names, own_keys, alternates)):
        folded: dict[str, str] = {}
        for spelling in spellings:
            key = fold(spelling)
            if key not in folded or (spelling.isascii() and not folded[key].isascii()):
                folded[key] = spelling
        for key in {own_key, *folded}:
            if key:
                members_of.setdefault(key, []).append(index)
                if key not in label_of or (
                    folded.get(key, "").isascii() and not label_of[key].isascii()
                ):
                    label_of[key] = folded.get(key, name)
    keys = sorted(members_of)
    members = [i for key in keys for i in members_of[key]]
    return {
        "keys": keys,
        "starts": [sum(len(members_of[key]) for key in keys[:n]) for n in range(len(keys) + 1)],
        "members": members,
        "primary": [own_keys[i] == key for key in keys for i in members_of[key]],
        "labels": [label_of[key] for key in keys],
    }


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(ALIKE, st.lists(st.one_of(ALIKE, NAMES), max_size=4)), max_size=8))
def test_the_name_index_is_the_one_defined_city_by_city(cities):
    names = [name.replace("\0", "") for name, _ in cities]  # own names as GeoNames has them
    alternates = [spellings for _, spellings in cities]
    own_keys = [fold(name) for name in names]
    index = NameIndex.of_names(names, own_keys, alternates)
    expected = index_one_city_at_a_time(names, own_keys, alternates)
    assert list(index.keys) == expected["keys"]
    assert index.starts.tolist() == expected["starts"]
    assert index.members.tolist() == expected["members"]
    assert index.primary.tolist() == expected["primary"]
    assert list(index.labels) == expected["labels"]


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
    # "CA" as the country parameter is Canada, never California: only Pasadena, Newfoundland.
    found = gazetteer.find(CityQuery.parse("Pasadena", country="CA"))
    assert found and {m.city.country_code for m in found} == {"CA"}


def test_names_rank_by_population_an_own_name_weighing_more(gazetteer):
    # An own name counts ten times the people of an alternate one, and ten times more again
    # when spelled as typed (gazetteer._OWN_NAME_WEIGHT, _SPELLING_WEIGHT).
    springfield = gazetteer.find(CityQuery.parse("Springfield"))
    populations = [m.city.population for m in springfield if m.exact]
    assert populations == sorted(populations, reverse=True)
    # Moskva is the own name of a village of Tajikistan and an alternate name of Moscow: an
    # alternate name wins when its city has over a hundred times the people.
    assert first(gazetteer, "Moskva").geonames_id == MOSCOW
    assert first(gazetteer, "Kiev").name == "Kyiv"
    canton = gazetteer.find(CityQuery.parse("Canton"))
    assert canton[0].city.name == "Guangzhou" and canton[1].city.country_code == "US"


@pytest.mark.parametrize(
    "typed, name, region",
    [
        ("Ōno", "Ōno", "Iwate"),  # exact spelling, diacritics kept, beats a larger folded twin
        ("Ono", "Ono", "Hyogo"),
        ("Ōnojō", "Ōnojō", "Fukuoka"),
    ],
)
def test_a_name_spelled_as_typed_beats_its_folded_twin(gazetteer, typed, name, region):
    city = first(gazetteer, typed)
    assert (city.name, gazetteer.regions.region_name(city)) == (name, region)


def test_narrowing_finds_the_same_city_again(gazetteer):
    for match in gazetteer.find(CityQuery.parse("Springfield")):
        query = gazetteer.narrowing(match.city)
        assert first(gazetteer, query) == match.city, query
    assert gazetteer.narrowing(first(gazetteer, "Pasadena, CA")) == "Pasadena, CA, US"
    assert gazetteer.narrowing(first(gazetteer, "Toronto")) == "Toronto"


def test_every_entry_has_a_real_zone_and_coordinates_in_range(gazetteer):
    # Invariant over all ~170,000 entries, column by column: the zone exists in the tzdata
    # package, the point is on Earth.
    assert len(gazetteer.cities) > 30_000
    zones = zoneinfo.available_timezones()
    missing = sorted(set(gazetteer.cities.text["tz"]) - zones)
    assert missing == [], f"zones unknown to tzdata: {missing}"
    lat, lon = gazetteer.lat_deg, gazetteer.lon_deg
    assert len(lat) == len(lon) == len(gazetteer.population) == len(gazetteer.cities)
    assert np.all((lat >= -90) & (lat <= 90)) and np.all((lon >= -180) & (lon <= 180))
    assert np.all(gazetteer.population >= 0)
    assert all(gazetteer.cities.text["key"]), "every city has a name that folds to a key"


def test_index_is_sorted_and_every_city_is_found_by_its_own_name(gazetteer):
    # UTF-8 keeps the order of code points: the encoded keys sort as the strings do.
    keys = gazetteer.index.keys
    blob, offsets = keys.blob.tobytes(), keys.offsets.tolist()
    encoded = [blob[start:end] for start, end in zip(offsets, offsets[1:])]
    assert len(encoded) == len(keys) and all(a < b for a, b in zip(encoded, encoded[1:]))
    for city in gazetteer.cities[::97]:
        assert any(m.city == city and m.exact for m in gazetteer.named(city.name)), city.name


def test_the_key_sample_finds_what_a_bisection_of_every_key_finds(gazetteer):
    """`NameIndex.span` bisects the sample, then the keys between two samples: the positions
    must be those of a bisection of all the keys, for keys there, names not there, prefixes and
    the ends."""
    index, keys = gazetteer.index, gazetteer.index.keys
    assert list(index.sample) == [keys[i] for i in range(0, len(keys), SAMPLE_EVERY)]
    present = [keys[i] for i in range(0, len(keys), 997)]
    probes = ["", "a", "zzzzzzzz", "東京", _LAST_CHAR, *present]
    probes += [key[: len(key) // 2] for key in present] + [key + "a" for key in present]
    for probe in probes:
        lo, hi = bisect.bisect_left(keys, probe), bisect.bisect_left(keys, probe + _LAST_CHAR)
        assert index.span(probe, prefix=True) == (lo, hi), probe
        found = lo < len(keys) and keys[lo] == probe
        assert index.span(probe, prefix=False) == (lo, lo + found), probe


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
    assert found and found[0].city.name == expected


def test_complete_is_population_ranked_and_distinct(gazetteer):
    found = [c.city for c in gazetteer.complete(CityQuery.parse("san"), 10)]
    assert len(found) == 10 and len({c.geonames_id for c in found}) == 10
    # San (Mali, 66 thousand) typed in full counts 10 x 10 x 10 times its people: before
    # Santiago (own name begun, 10 x 4.8 million).
    assert found[0].name == "San"
    # Then by population, an own name counting ten times an alternate one
    # (gazetteer._OWN_NAME_WEIGHT).
    weights = [c.population * (10 if c.key.startswith("san") else 1) for c in found[1:]]
    assert weights == sorted(weights, reverse=True)
    assert gazetteer.complete(CityQuery.parse("Pasadena, C"), 10)[0].city.admin1_code == "CA"


def test_complete_keeps_quarters_from_crowding_their_city(gazetteer):
    # On main, `Paris` filled 6 of 8 slots with arrondissements (Paris 15 Vaugirard, ...).
    found = [c.city for c in gazetteer.complete(CityQuery.parse("Paris"), 8)]
    assert all(c.name == "Paris" for c in found), [c.name for c in found]
    assert found[0].country_code == "FR"
    quarters = [c for c in gazetteer.named("Paris 15 Vaugirard") if c.exact]
    row = int(gazetteer.rows_of([quarters[0].city.geonames_id])[0])
    assert gazetteer.quarters[row]  # still found by its own full name
    assert not gazetteer.quarters[int(gazetteer.rows_of([found[0].geonames_id])[0])]


def test_complete_says_which_name_matched(gazetteer):
    kyiv = gazetteer.complete(CityQuery.parse("Kiev"), 5)[0]
    assert (kyiv.city.name, kyiv.matched) == ("Kyiv", "Kiev")
    toronto = gazetteer.complete(CityQuery.parse("toro"), 5)[0]
    assert (toronto.city.name, toronto.matched) == ("Toronto", None)
    # `Portland` lists the Portlands, not Sandusky (Portland only as an old alternate name).
    portland = gazetteer.complete(CityQuery.parse("Portland"), 8)
    assert all(c.city.name == "Portland" and c.matched is None for c in portland)


def test_similar_suggests_close_names(gazetteer):
    assert [c.name for c in gazetteer.similar("Torontoo", 5)][:1] == ["Toronto"]
    assert gazetteer.similar("qqqqzzzz", 5) == []


@pytest.mark.slow
def test_built_and_cached_indexes_are_the_same(tmp_path, gazetteer, monkeypatch):
    built = load_gazetteer(None)  # the slow path, once: parse the JSON and index every name
    monkeypatch.setattr(Gazetteer, "build", classmethod(lambda cls, regions: built))
    load_gazetteer(tmp_path)
    assert cache_path(tmp_path).is_file()
    cached = load_gazetteer(tmp_path)
    assert cached is not built
    assert same_cities(cached.cities, built.cities) and same_cities(built.cities, gazetteer.cities)
    assert same_text(cached.index.keys, built.index.keys)
    assert list(cached.index.sample) == list(built.index.sample)
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
    assert same_cities(load_gazetteer(tmp_path).cities, quick_build.cities)


def test_an_unwritable_cache_directory_still_starts(tmp_path, quick_build):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would be")
    assert load_gazetteer(blocker / "cache") is quick_build


def test_twins_in_one_region_are_asked_by_name_and_point(gazetteer):
    # Two Vostryakovos in Moskovskaya oblast' (RU 47): name, region and country cannot tell
    # them apart, so the smaller is asked with its point, to 2 decimals (about a kilometre).
    twins = [
        m.city
        for m in gazetteer.find(CityQuery.parse("Vostryakovo", "RU"))
        if m.city.admin1_code == "47"
    ]
    assert len(twins) >= 2
    query = gazetteer.narrowing(twins[1])
    assert "@" in query and gazetteer.find(CityQuery.parse(query))[0].city == twins[1]
    assert gazetteer.narrowing(twins[0]) == "Vostryakovo"


def test_similar_is_silent_when_nothing_is_close(gazetteer):
    # On main these suggested Loma Linda, Östersund and Mustafakemalpaşa (ratio 75 and over).
    for far in ("McMurdo Station", "Easter Islnd", "Kiritimatti"):
        assert gazetteer.similar(far, 5) == [], far
