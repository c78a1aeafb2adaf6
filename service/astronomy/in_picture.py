"""Which gazetteer cities, and so which countries, were in the picture: sunlit and facing the
target body at one instant. Every city is judged at once with the vectorised closed form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from service.astronomy import sky
from service.astronomy.ephemeris import InstantGeometry
from service.astronomy.sky import horizontal
from service.places.gazetteer import City, Gazetteer

LARGEST_CITIES_PER_COUNTRY = 5


@dataclass(frozen=True)
class CityInPicture:
    city: City
    sun_altitude_deg: float
    target_altitude_deg: float


@dataclass(frozen=True)
class CountryInPicture:
    country_code: str
    country: str
    continent: str
    cities_in_picture: int
    cities_in_gazetteer: int
    population_in_picture: int
    largest_cities: tuple[str, ...]


@dataclass(frozen=True)
class InPicture:
    """Cities in the picture by population, and their countries by population in the picture."""

    instant: datetime
    cities_checked: int
    cities: tuple[CityInPicture, ...]
    countries: tuple[CountryInPicture, ...]


def in_picture(gazetteer: Gazetteer, geometry: InstantGeometry) -> InPicture:
    """Judge every city: Sun's upper limb up (-0.833 deg) and the target's centre above 0 deg."""
    cities = gazetteer.cities
    sun_alt, _ = horizontal(gazetteer.lat_deg, gazetteer.lon_deg, geometry.era_deg, geometry.sun)
    target_alt, _ = horizontal(
        gazetteer.lat_deg, gazetteer.lon_deg, geometry.era_deg, geometry.target
    )
    inside = np.flatnonzero(sky.in_picture(sun_alt, target_alt))
    inside = inside[np.argsort(-gazetteer.population[inside], kind="stable")]
    found = [CityInPicture(cities[i], float(sun_alt[i]), float(target_alt[i])) for i in inside]
    return InPicture(
        instant=geometry.instant,
        cities_checked=len(cities),
        cities=tuple(found),
        countries=_countries(found, gazetteer),
    )


def _countries(found: list[CityInPicture], gazetteer: Gazetteer) -> tuple[CountryInPicture, ...]:
    by_country: dict[str, list[CityInPicture]] = {}
    for seen in found:  # already by population, so each list is too
        by_country.setdefault(seen.city.country_code, []).append(seen)
    regions = gazetteer.regions
    countries = [
        CountryInPicture(
            country_code=code,
            country=regions.country_names.get(code, code),
            continent=regions.continents.get(code, ""),
            cities_in_picture=len(members),
            cities_in_gazetteer=gazetteer.cities_per_country[code],
            population_in_picture=sum(m.city.population for m in members),
            largest_cities=tuple(m.city.name for m in members[:LARGEST_CITIES_PER_COUNTRY]),
        )
        for code, members in by_country.items()
    ]
    countries.sort(key=lambda c: -c.population_in_picture)
    return tuple(countries)
