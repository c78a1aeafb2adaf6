"""Places: where on Earth a question is asked from, and which zone keeps its clocks.

A place is resolved from a city's name (the gazetteer), from coordinates (zone from
timezonefinder; ocean points get the nautical `Etc/GMT±N` zone) or from a time zone alone (the
zone's representative point in tzdata's tables, or, for a zone no city keeps, a point on the
equator at the meridian of its standard time).

A place's `tz` is the zone's name as asked or as the data gives it (`Atlantic/Reykjavik`, a link
to Africa/Abidjan, for Reykjavik); `canonical_tz` is the zone whose rules it follows.

Ambiguous names: the best match (own name before alternate name, then population) is answered,
never refused, so that `curl host/Pasadena` always says something. When another candidate has at
least half the people of the chosen one (`AMBIGUITY_RATIO`), population has not really settled
it: the place is marked `ambiguous` and every alternative carries the query that asks for it.
"""

from __future__ import annotations

import math
import mmap
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import TYPE_CHECKING

from service.errors import InvalidParameter, UnknownPlace
from service.lazy import Lazy
from service.places.gazetteer import City, CityQuery, Gazetteer, fold
from service.places.mapped import MappedPages
from service.places.zones import ResolvedZone, ZoneIndex, format_offset
from service.values import value_type

AMBIGUITY_RATIO = 0.5
MAX_ALTERNATIVES = 5
MAX_SUGGESTIONS = 5

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

_COORD = re.compile(r"^([+-]\d{2})(\d{2})(\d{2})?([+-]\d{3})(\d{2})(\d{2})?$")


@value_type
class Candidate:
    """Another city a name could mean, with the query that asks for it (`Pasadena, CA, US`)."""

    name: str
    admin1: str | None
    admin1_code: str
    country_code: str
    country: str | None
    population: int
    geonames_id: int
    lat: float
    lon: float
    tz: str
    query: str


@value_type
class Place:
    """A point with its zone. Gazetteer fields are None where the place is not a named city.

    `admin1` is the region's name where the data knows it (None where not); `query` is the
    shortest text that finds this same city again; `matched` (autocomplete) is the alternate
    name that the typed text matched, None for the place's own name.
    """

    lat: float
    lon: float
    tz: str
    resolved_from: str
    name: str | None = None
    admin1: str | None = None
    country_code: str | None = None
    country: str | None = None
    population: int | None = None
    geonames_id: int | None = None
    note: str | None = None
    admin1_code: str | None = None
    query: str | None = None
    ambiguous: bool = False
    alternatives: tuple[Candidate, ...] = ()
    canonical_tz: str | None = None
    matched: str | None = None


def check_coordinates(lat: float, lon: float) -> None:
    """Reject, never clamp: NaN, infinities and out-of-range values are the caller's to fix."""
    if not math.isfinite(lat) or not -90.0 <= lat <= 90.0:
        raise InvalidParameter(f"lat must be a number from -90 to 90, not {lat}.", parameter="lat")
    if not math.isfinite(lon) or not -180.0 <= lon <= 180.0:
        raise InvalidParameter(
            f"lon must be a number from -180 to 180, not {lon}.", parameter="lon"
        )


def parse_degrees(text: str, parameter: str) -> float:
    """A coordinate typed into a URL (`lat=43.65`) as a number; the range is
    `check_coordinates`'."""
    try:
        return float(text)
    except ValueError:
        raise InvalidParameter(
            f"{parameter}={text[:40]!r} is not a number: write decimal degrees, "
            "like lat=43.65&lon=-79.38.",
            parameter=parameter,
            example="?lat=43.65&lon=-79.38",
        ) from None


def _dms(sign_deg: str, minutes: str, seconds: str | None) -> float:
    sign = -1.0 if sign_deg.startswith("-") else 1.0
    return sign * (abs(int(sign_deg)) + int(minutes) / 60 + int(seconds or 0) / 3600)


def parse_iso6709(text: str) -> tuple[float, float]:
    """`+4339-07923` or `+554521+0373704` (tzdata's coordinate form) to decimal degrees."""
    match = _COORD.match(text)
    if not match:
        raise ValueError(f"not an ISO 6709 coordinate: {text!r}")
    lat = _dms(match.group(1), match.group(2), match.group(3))
    lon = _dms(match.group(4), match.group(5), match.group(6))
    return lat, lon


def _tab_points(name: str) -> dict[str, tuple[float, float]]:
    points = {}
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        points[fields[2]] = parse_iso6709(fields[1])
    return points


# A zone that no city keeps (EST5EDT, Etc/GMT-14) has had one standard offset since 1970: read
# at any instant, here the first event's day.
STANDARD_OFFSET_AT = datetime(2013, 7, 19, tzinfo=UTC)


@dataclass(frozen=True)
class ZonePoint:
    """Where a zone alone is answered from, and a note that names the zone asked and the point."""

    lat: float
    lon: float
    note: str


class ZonePoints:
    """Each zone's representative point: the name as asked in zone.tab (`Europe/Oslo`, one
    point per country), else its canonical zone's in zone1970.tab or zone.tab; a zone that no
    city keeps stands on the equator at the meridian of its standard time."""

    def __init__(self) -> None:
        self._zone1970 = _tab_points("zone1970.tab")
        self._zone = _tab_points("zone.tab")
        self._named: dict[str, ZonePoint] = {}  # bounded: one per tzdata name

    def point(self, zone: ResolvedZone) -> ZonePoint:
        if zone.kind != "iana":
            return self._point(zone)
        found = self._named.get(zone.name)
        if found is None:
            found = self._named[zone.name] = self._point(zone)
        return found

    def _point(self, zone: ResolvedZone) -> ZonePoint:
        for table, key in (
            (self._zone, zone.name),
            (self._zone1970, zone.name),
            (self._zone1970, zone.canonical),
            (self._zone, zone.canonical),
        ):
            if key in table:
                lat, lon = table[key]
                return ZonePoint(lat, lon, _tab_note(zone, key, lat, lon))
        offset = standard_offset(zone)
        lon = meridian_deg(offset)
        return ZonePoint(0.0, lon, _meridian_note(zone, offset, lon))


def standard_offset(zone: ResolvedZone) -> timedelta:
    """The zone's standard (not daylight-saving) offset from UTC."""
    local = STANDARD_OFFSET_AT.astimezone(zone.tz)
    return (local.utcoffset() or timedelta(0)) - (local.dst() or timedelta(0))


def meridian_deg(offset: timedelta) -> float:
    """The meridian whose mean solar time a standard offset keeps, from -180 to 180: UTC-05:00 is
    75 W; UTC+13:00 and UTC+14:00, a day ahead of their meridians, are 165 W and 150 W."""
    lon = offset.total_seconds() / 240.0
    return lon - 360.0 if lon > 180.0 else lon


def _degrees_text(lat: float, lon: float) -> str:
    return f"{abs(lat):.2f}°{'N' if lat >= 0 else 'S'}, {abs(lon):.2f}°{'E' if lon >= 0 else 'W'}"


def _tab_note(zone: ResolvedZone, key: str, lat: float, lon: float) -> str:
    """`The sky is for Asia/Calcutta, a link to Asia/Kolkata, at Kolkata (22.53°N, 88.37°E),
    Asia/Kolkata's point in tzdata's zone tables.`"""
    city = key.rsplit("/", 1)[-1].replace("_", " ")
    link = f", a link to {zone.canonical}," if zone.is_link else ""
    whose = "its" if key == zone.name else f"{key}'s"
    return (
        f"The sky is for {zone.name}{link} at {city} ({_degrees_text(lat, lon)}), {whose} point "
        "in tzdata's zone tables."
    )


def _meridian_note(zone: ResolvedZone, offset: timedelta, lon: float) -> str:
    standard = "UTC" if not offset else f"UTC{format_offset(offset)}"
    ahead = ""
    if offset.total_seconds() / 240.0 > 180.0:
        ahead = ", which reads that meridian's solar time a day ahead"
    return (
        f"No city keeps {zone.name}: the sky is for the equator at {_degrees_text(0.0, lon)}, the "
        f"meridian of its standard time, {standard}{ahead}."
    )


class ZonePolygons:
    """The zone of a point, from timezonefinder's polygons, memory-mapped from its data file
    (`mapping`: None if a timezonefinder release holds them otherwise)."""

    def __init__(self) -> None:
        from timezonefinder import TimezoneFinder

        self._finder: TimezoneFinder = TimezoneFinder()
        self.mapping: mmap.mmap | None = getattr(
            getattr(self._finder.boundaries, "coordinates", None), "coord_buf", None
        )

    def timezone_at(self, lat: float, lon: float) -> str | None:
        return self._finder.timezone_at(lat=lat, lng=lon)


class PlaceResolver:
    """Turns the location parameters of a request into a Place and its zone."""

    def __init__(self, zones: ZoneIndex, gazetteer: Gazetteer) -> None:
        self.zones = zones
        self.gazetteer = gazetteer
        self.points = ZonePoints()
        # The gazetteer's and the zone polygons' mapped pages, given back every so many look-ups.
        self.mapped = MappedPages()
        self.mapped.add(gazetteer.mapping)
        # The zone polygons: loaded by the first coordinates asked about, or by the warm-up.
        self.finder = Lazy("timezone_polygons", self._zone_polygons)

    def _zone_polygons(self) -> ZonePolygons:
        polygons = ZonePolygons()
        self.mapped.add(polygons.mapping)
        return polygons

    def from_coordinates(self, lat: float, lon: float) -> Place:
        check_coordinates(lat, lon)
        self.mapped.looked_up()
        name = self.finder.get().timezone_at(lat, lon) or _nautical_zone(lon)
        zone = self.zones.resolve(name)
        return Place(
            lat=lat, lon=lon, tz=zone.name, resolved_from="coordinates", canonical_tz=zone.canonical
        )

    def from_timezone(self, text: str) -> Place:
        zone = self.zones.resolve(text)
        point = self.points.point(zone)
        return Place(
            lat=point.lat,
            lon=point.lon,
            tz=zone.name,
            resolved_from="timezone",
            note=point.note,
            canonical_tz=zone.canonical,
        )

    def from_city(self, text: str, country: str | None = None) -> Place:
        """The city a name (with optional `Region`/`Country` qualifiers) most likely means."""
        query = self._city_query(text, country)
        self.mapped.looked_up()
        plain = not query.qualifiers and query.country is None and query.near is None
        if plain and (country_in := self.gazetteer.country_stand_in(query.name)):
            return replace(self.city_place(country_in.city), note=country_in.note)
        found = self.gazetteer.find(query)
        if not found:
            if query.near is None and (area := self.gazetteer.area_stand_in(query)):
                return replace(self.city_place(area.city), note=area.note)
            raise self._unknown_city(query)
        best, others = found[0].city, [m.city for m in found[1:]]
        query_of = self.gazetteer.narrowings([best, *others[:MAX_ALTERNATIVES]])
        return replace(
            self.city_place(best, query_of[0]),
            ambiguous=any(c.population >= AMBIGUITY_RATIO * best.population for c in others),
            alternatives=tuple(
                self._candidate(c, q) for c, q in zip(others[:MAX_ALTERNATIVES], query_of[1:])
            ),
        )

    def from_text(self, text: str) -> Place:
        """A place as typed in a URL path: `@lat,lon`, else a zone, else a city with qualifiers."""
        text = text.strip()
        if text.startswith("@"):
            return self.from_coordinates(*parse_coordinates(text[1:]))
        if self.zones.find(text) is not None:
            return self.from_timezone(text)
        # Zone suggestions only where the text looks like a zone: the fuzzy search costs a
        # millisecond.
        zone_suggestions = self.zones.suggest(text) if "/" in text else []
        try:
            return self.from_city(text)
        except UnknownPlace as unknown:
            if not zone_suggestions:
                raise
            raise UnknownPlace(
                f"{text!r} is neither a time zone nor a city we know. "
                "Zones look like Europe/Moscow; cities like Toronto or Pasadena, CA.",
                suggestions=[*zone_suggestions, *unknown.details["suggestions"]][:MAX_SUGGESTIONS],
            ) from None

    def complete(self, text: str, limit: int) -> list[Place]:
        """Autocomplete: the cities whose names start with `text` (or, failing that, are close)."""
        self.mapped.looked_up()
        found = self.gazetteer.complete(CityQuery.parse(text), limit)
        query_of = self.gazetteer.narrowings(c.city for c in found)
        return [
            replace(self.city_place(c.city, query), matched=c.matched)
            for c, query in zip(found, query_of)
        ]

    def city_place(self, city: City, query: str | None = None) -> Place:
        """The place a city is; `query`: its `narrowing`, when already found."""
        return Place(
            lat=city.lat,
            lon=city.lon,
            tz=city.tz,
            canonical_tz=self._canonical(city.tz),
            resolved_from="city",
            name=city.name,
            admin1=self.gazetteer.regions.region_name(city),
            admin1_code=city.admin1_code or None,
            country_code=city.country_code,
            country=self.gazetteer.country_name(city),
            population=city.population,
            geonames_id=city.geonames_id,
            query=self.gazetteer.narrowing(city) if query is None else query,
        )

    def _candidate(self, city: City, query: str) -> Candidate:
        return Candidate(
            name=city.name,
            admin1=self.gazetteer.regions.region_name(city),
            admin1_code=city.admin1_code,
            country_code=city.country_code,
            country=self.gazetteer.country_name(city),
            population=city.population,
            geonames_id=city.geonames_id,
            lat=city.lat,
            lon=city.lon,
            tz=city.tz,
            query=query,
        )

    def _canonical(self, tz: str) -> str:
        """The canonical name of a gazetteer zone (GeoNames may give a link: Europe/Kiev), whose
        rules the answer follows.

        A name lookup only: loading the zone's rules for every autocomplete result would cost more
        than the search itself. The test suite checks every gazetteer zone exists in tzdata.
        """
        return self.zones.links.get(tz, tz)

    def _city_query(self, text: str, country: str | None) -> CityQuery:
        query = CityQuery.parse(text, country)
        if not fold(query.name):
            raise InvalidParameter(
                "city must name a place, like Toronto or Pasadena, CA.", parameter="city"
            )
        if query.marked:
            if query.near is None:
                raise InvalidParameter(
                    f"{text[:60]!r}: after a name, @ gives the point to look near, in decimal "
                    "degrees, like Vostryakovo @55.61,37.79.",
                    parameter="city",
                    example="Vostryakovo @55.61,37.79",
                )
            check_coordinates(*query.near)
        if query.country is not None and self.gazetteer.regions.country_code(query.country) is None:
            raise InvalidParameter(
                f"{query.country!r} is not a country: "
                "give an ISO code or a name, like CA or Canada.",
                parameter="country",
            )
        return query

    def _unknown_city(self, query: CityQuery) -> UnknownPlace:
        """The error for a name that finds nothing, with the queries that would find something."""
        named = [m.city for m in self.gazetteer.named(query.name)]
        if named:
            where = ", ".join([*query.qualifiers, *([query.country] if query.country else [])])
            suggestions = self.gazetteer.narrowings(named[:MAX_SUGGESTIONS])
            return UnknownPlace(
                f"No place called {query.name!r} is in {where!r}. "
                f"Places of that name: {'; '.join(suggestions)}.",
                suggestions=suggestions,
            )
        suggestions = self.gazetteer.narrowings(self.gazetteer.similar(query.name, MAX_SUGGESTIONS))
        close = (
            f" Did you mean {' or '.join(suggestions[:3])}?"
            if suggestions
            else " No name we know is close to it."
        )
        return UnknownPlace(
            f"No place called {query.name!r} is known (towns of 1,000 people or more, countries, "
            f"regions, well-known islands).{close} Coordinates work anywhere, at sea too: lat "
            "and lon (?lat=-77.85&lon=166.67), or @lat,lon in a path (/@-77.85,166.67).",
            suggestions=suggestions,
        )


def parse_coordinates(text: str) -> tuple[float, float]:
    """`43.65,-79.38` (as in a path `/@43.65,-79.38`) to a checked latitude and longitude."""
    parts = text.split(",")
    try:
        lat, lon = (float(part) for part in parts)
    except ValueError:
        raise InvalidParameter(
            f"{'@' + text!r} is not a coordinate pair: "
            "write @latitude,longitude in decimal degrees, like @43.65,-79.38.",
            parameter="place",
            example="@43.65,-79.38",
        ) from None
    check_coordinates(lat, lon)
    return lat, lon


def _nautical_zone(lon: float) -> str:
    """The nautical zone for a longitude: 15-degree bands centred on multiples of 15."""
    hours = int(round(lon / 15.0))
    hours = max(-12, min(12, hours))
    return "Etc/GMT" if hours == 0 else f"Etc/GMT{-hours:+d}"
