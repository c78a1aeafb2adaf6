"""Region names: `service/data/admin1.json` (tools/build_admin1.py) names every city's region."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

import pytest

from service.places.gazetteer import CityQuery
from tools import build_admin1


def test_committed_file_is_what_the_builder_writes():
    committed = resources.files("service").joinpath("data/admin1.json").read_text("utf-8")
    assert committed == build_admin1.render(build_admin1.document())


def test_builder_keeps_first_level_codes_only():
    table = build_admin1.rows(
        "Île-de-France\tFR-IDF\tFR.11\t3012874\tRegion\tRégion parisienne|Île-de-France\t1\t\t75\n"
        "Paris\tFR-75C\tFR.11.75\t2968815\tDepartment\t\t2\t1\t75\n"
        "Cibao Norte\tDO-35\t\t\tRegion\t\t0\t\t61\n"
    )
    assert build_admin1.regions(table) == {
        "FR": {
            "11": {
                "name": "Île-de-France",
                "iso": "FR-IDF",
                "geonames_id": 3012874,
                "kind": "Region",
                "aliases": ["Région parisienne"],
                "keys": ["iledefrance", "regionparisienne"],
            }
        }
    }


# Regions as GeoNames' admin1CodesASCII.txt and ISO 3166-2 name them (the cities' admin1 codes
# were raw codes before: Paris "11", Moscow "48", Dublin "L", Mexico City "09", Auckland "E7").
@pytest.mark.parametrize(
    "city, country, region",
    [
        ("Paris", "FR", "Île-de-France"),
        ("Moscow", "RU", "Moskva"),
        ("Dublin", "IE", "Leinster"),
        ("Mexico City", "MX", "Ciudad de México"),
        ("Auckland", "NZ", "Auckland"),
        ("Torreón", "MX", "Coahuila de Zaragoza"),
        ("Munich", "DE", "Bayern"),
        ("Toronto", "CA", "Ontario"),
        ("Pasadena, CA", "US", "California"),
        ("Edinburgh", "GB", "Scotland"),
    ],
)
def test_cities_carry_their_region_name(gazetteer, city, country, region):
    found = gazetteer.find(CityQuery.parse(city, country))[0].city
    assert gazetteer.regions.region_name(found) == region


def test_every_city_with_a_region_code_has_its_name(gazetteer):
    # Invariant over the whole gazetteer: a city whose region GeoNames names gets that name.
    # GeoNames leaves some cities without a first-level region (code "00" or empty, or a code
    # GeoNames has since retired: Singapore's); they alone may have none, and they are few.
    # A region's name depends on the country and region codes alone: one city asked per pair.
    data = json.loads(resources.files("service").joinpath("data/admin1.json").read_bytes())
    text = gazetteer.cities.text
    cities_of: Counter[tuple[str, str]] = Counter()
    first_row: dict[tuple[str, str], int] = {}
    for row, region in enumerate(zip(text["country_code"], text["admin1_code"])):
        cities_of[region] += 1
        first_row.setdefault(region, row)
    unnamed: Counter[tuple[str, str]] = Counter()
    for region, row in first_row.items():
        city = gazetteer.cities[row]
        name = gazetteer.regions.region_name(city)
        known = data["regions"].get(city.country_code, {}).get(city.admin1_code)
        if known is not None:
            assert name is not None, city
        if name is None:
            unnamed[region] += cities_of[region]
    assert sum(unnamed.values()) <= 0.005 * len(gazetteer.cities), unnamed.most_common(10)


@pytest.mark.parametrize(
    "query, region",
    [
        ("Paris, Île-de-France", "11"),
        ("Paris, Ile de France", "11"),
        ("Paris, IDF", "11"),  # ISO 3166-2 FR-IDF
        ("Munich, Bavaria", "02"),  # an alternate name of Bayern
        ("Springfield, Illinois", "IL"),
    ],
)
def test_region_names_and_iso_codes_qualify_a_city(gazetteer, query, region):
    assert gazetteer.find(CityQuery.parse(query))[0].city.admin1_code == region
