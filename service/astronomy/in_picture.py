"""Which gazetteer cities, and so which countries, were in the picture: sunlit and facing the
target body at one instant. Every city is judged at once with the vectorised closed form, by the
builder (`service.astronomy.build`); the service reads the stored table (`served`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import overload

import numpy as np

from service.astronomy import sky
from service.astronomy.ephemeris import InstantGeometry
from service.astronomy.sky import horizontal
from service.places.gazetteer import City, CityTable, Gazetteer

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
    cities: Sequence[CityInPicture]
    countries: tuple[CountryInPicture, ...]


class CitiesInPicture(Sequence[CityInPicture]):
    """A stored table's cities over the gazetteer's columns: a `CityInPicture` is made when asked
    for, so serving a table of 25,000 cities costs nothing until a request lists them."""

    def __init__(
        self,
        cities: CityTable,
        rows: np.ndarray,
        sun_deg: np.ndarray | Sequence[float],
        target_deg: np.ndarray | Sequence[float],
    ) -> None:
        if not len(rows) == len(sun_deg) == len(target_deg):
            raise ValueError("in-picture columns of different lengths")
        self.cities, self.rows, self.sun_deg, self.target_deg = cities, rows, sun_deg, target_deg

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, i: int) -> CityInPicture: ...

    @overload
    def __getitem__(self, i: slice) -> list[CityInPicture]: ...

    def __getitem__(self, i: int | slice) -> CityInPicture | list[CityInPicture]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return CityInPicture(
            self.cities[int(self.rows[i])], float(self.sun_deg[i]), float(self.target_deg[i])
        )


@dataclass(frozen=True)
class PicturedTable:
    """An `InPicture` as stored (`service.astronomy.precomputed`): the cities by GeoNames id,
    largest first, with the Sun's and the target's altitude over each; the countries whole."""

    instant: datetime
    cities_checked: int
    geonames_ids: np.ndarray | Sequence[int]  # arrays once read
    sun_altitude_deg: np.ndarray | Sequence[float]
    target_altitude_deg: np.ndarray | Sequence[float]
    countries: tuple[CountryInPicture, ...]

    @classmethod
    def of(cls, found: InPicture) -> PicturedTable:
        return cls(
            instant=found.instant,
            cities_checked=found.cities_checked,
            geonames_ids=tuple(c.city.geonames_id for c in found.cities),
            sun_altitude_deg=tuple(c.sun_altitude_deg for c in found.cities),
            target_altitude_deg=tuple(c.target_altitude_deg for c in found.cities),
            countries=found.countries,
        )


def served(table: PicturedTable, gazetteer: Gazetteer) -> InPicture:
    """The stored table with each city named from the gazetteer, as `in_picture` made it."""
    rows = gazetteer.rows_of(table.geonames_ids)
    return InPicture(
        instant=table.instant,
        cities_checked=table.cities_checked,
        cities=CitiesInPicture(
            gazetteer.cities, rows, table.sun_altitude_deg, table.target_altitude_deg
        ),
        countries=table.countries,
    )


def in_picture(gazetteer: Gazetteer, geometry: InstantGeometry) -> InPicture:
    """Judge every city: Sun's upper limb up (-0.833 deg) and the target's centre above 0 deg."""
    cities = gazetteer.cities
    sun_alt, _ = horizontal(gazetteer.lat_deg, gazetteer.lon_deg, geometry.era_deg, geometry.sun)
    target_alt, _ = horizontal(
        gazetteer.lat_deg, gazetteer.lon_deg, geometry.era_deg, geometry.target
    )
    inside = np.flatnonzero(sky.in_picture(sun_alt, target_alt))
    inside = inside[np.argsort(-gazetteer.population[inside], kind="stable")]
    found = [CityInPicture(cities[int(i)], float(sun_alt[i]), float(target_alt[i])) for i in inside]
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
