"""The one question every entry point asks: which event, which place, in which language and format.

Every way in hands its raw parts to `parse`: the JSON route (`/v1/events/{id}/local?city=...`), the
short terminal paths (`/Toronto`, `/messenger-2013-07-19/Toronto`, `/@43.65,-79.38`, `/Asia/Tokyo`),
the page and the card (`/?city=...`, `/embed?...`), the maps, and the page URL inside an oEmbed
request. Each parameter and its bound is declared once, in `PARAMETERS`: checked here, at the edge,
and published from here in the OpenAPI document. `lang=` and Accept-Language mean the same thing
on every path: `lang` first, then the header.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, unquote_plus, urlsplit

from service.errors import InvalidParameter
from service.render.formats import Format, choose_format
from service.render.i18n import LANGUAGE_TAG, LanguageChoice, choose_language
from service.values import value_type

MAX_ID_CHARS = 64
MAX_TEXT_CHARS = 200
MAX_TAG_CHARS = 35
# The longest text the claim checker reads (about eight pages of an article).
MAX_CLAIM_TEXT_CHARS = 20_000
# First path segments of the app's own routes: a short path never means a place called `docs`.
RESERVED_SEGMENTS = frozenset(
    {
        "v1",
        "docs",
        "redoc",
        "openapi.json",
        "healthz",
        "readyz",
        "embed",
        "oembed",
        "static",
        "favicon.ico",
        "robots.txt",
        ":help",
        "check",
        "articles",
    }
)
# Parameters whose `+` is a `+`, never a space: a zone or offset (`Etc/GMT+5`, `UTC+05:30`) typed
# into a URL by hand is rarely encoded, and no zone name holds a space (`America/New+York` still
# finds America/New_York: see ZoneIndex).
LITERAL_PLUS = frozenset({"tz"})
# The parameters that name a place by its parts; the page and the card also take free text.
POINT_PARAMETERS = ("city", "country", "tz", "lat", "lon")
PLACE_PARAMETERS = (*POINT_PARAMETERS, "place")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")


@dataclass(frozen=True)
class Parameter:
    """One query parameter: its bound, its words for the OpenAPI document, and how it is read."""

    name: str
    description: str
    example: str
    max_chars: int = MAX_TEXT_CHARS
    low: float | None = None  # for degrees
    high: float | None = None

    def openapi(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_chars}
        if self.low is not None:
            schema = {"type": "string", "maxLength": 40, "pattern": _DECIMAL.pattern}
        if self.name == "lang":
            schema["pattern"] = LANGUAGE_TAG.pattern
        if self.name == "format":
            schema = {"type": "string", "enum": ["text", "json", "html"]}
        return {
            "name": self.name,
            "in": "query",
            "required": False,
            "description": self.description,
            "schema": schema,
            "example": self.example,
        }


PARAMETERS: dict[str, Parameter] = {
    p.name: p
    for p in (
        Parameter(
            "city",
            "A city, in any script the data holds, optionally qualified: "
            "`City, Region`, `City, Country` or `City, Region, Country`",
            "Pasadena, CA",
        ),
        Parameter("country", "Narrows `city`: ISO code or name", "US"),
        Parameter(
            "tz",
            "IANA zone or link (any case), UTC/Z, or a fixed offset like UTC+05:30, "
            "+0530, UTC-4. With a city or coordinates it sets the clock; the sky stays the "
            "place's",
            "America/Toronto",
        ),
        Parameter(
            "lat",
            "Latitude in decimal degrees, -90 to 90 (with lon)",
            "43.65",
            low=-90.0,
            high=90.0,
        ),
        Parameter(
            "lon",
            "Longitude in decimal degrees, -180 to 180 (with lat)",
            "-79.38",
            low=-180.0,
            high=180.0,
        ),
        Parameter("place", "Free text as in a short path: a city, a zone, or @lat,lon", "Toronto"),
        Parameter(
            "lang",
            "Language of human-facing text: en, fr, de, es, pt, ja (a tag such as "
            "pt-BR uses its language). Overrides Accept-Language; others fall back to "
            "English and `language.fallback` says so",
            "fr",
            max_chars=MAX_TAG_CHARS,
        ),
        Parameter(
            "event", "Event id (default: the main event)", "cassini-2013", max_chars=MAX_ID_CHARS
        ),
        Parameter(
            "text",
            "The text whose claims are checked: a sentence or a whole article",
            "Wave at Saturn at 5:30 pm EST on Friday, July 19.",
            max_chars=MAX_CLAIM_TEXT_CHARS,
        ),
        Parameter(
            "format",
            "text, json or html; else the Accept header, else the user agent",
            "json",
            max_chars=8,
        ),
    )
}


def openapi_parameters(*names: str) -> list[dict[str, Any]]:
    """The OpenAPI entries of these parameters, for a route's `openapi_extra`."""
    return [PARAMETERS[name].openapi() for name in names]


@value_type
class Where:
    """The place a question names, as given and checked: parameters, or free text (a short path,
    the page's place box). `lat` and `lon` come together or not at all."""

    city: str | None = None
    country: str | None = None
    tz: str | None = None
    lat: float | None = None
    lon: float | None = None
    text: str | None = None

    @property
    def given(self) -> bool:
        return any(v is not None for v in (self.city, self.tz, self.lat, self.text))

    def box_text(self) -> str:
        """What a place box shows for it: the text that was typed, nothing for coordinates."""
        return self.text or self.city or self.tz or ""

    def params(self) -> dict[str, str | float | None]:
        """The query parameters that ask for this place again."""
        if self.text is not None:
            return {"place": self.text}
        return {
            "city": self.city,
            "country": self.country,
            "tz": self.tz,
            "lat": self.lat,
            "lon": self.lon,
        }


@value_type
class Question:
    """What one request asks, whatever path it came by."""

    event_id: str
    where: Where
    language: LanguageChoice
    format: Format = "json"
    # The `lang=` given, kept so that links built for the answer ask in the same language.
    lang: str | None = None


@dataclass(frozen=True)
class Asking:
    """What the parser needs to know of the service: its events and languages."""

    event_ids: tuple[str, ...]
    languages: tuple[str, ...]

    @property
    def main_event_id(self) -> str:
        return self.event_ids[0]


@value_type
class Fields:
    """The request fields a question reads; repeated header fields arrive comma-joined."""

    query: Sequence[tuple[str, str]] = ()
    accept: str | None = None
    accept_language: str | None = None
    user_agent: str | None = None


def header_fields(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    """Request header fields by lower-case name; repeated fields joined with commas, as one list
    (RFC 9110 5.3), so that every reader sees the same value."""
    fields: dict[str, str] = {}
    for name, value in raw:
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        fields[key] = f"{fields[key]}, {text}" if key in fields else text
    return fields


def query_pairs(query_string: str | bytes) -> list[tuple[str, str]]:
    """A raw query string's parameters, decoded as a form's are (`+` is a space, `%XX` a UTF-8
    byte), except that a `+` in a LITERAL_PLUS parameter is a `+`. Raw UTF-8 bytes (a client
    that sent `?city=東京` unencoded) read as their percent-encoded form would."""
    text = query_string if isinstance(query_string, str) else _decoded(query_string)
    pairs = []
    for part in text.split("&"):
        if not part:
            continue
        raw_name, _, raw_value = part.partition("=")
        name = _form_text(raw_name)
        value = unquote(raw_value) if name in LITERAL_PLUS else _form_text(raw_value)
        pairs.append((name, value))
    return pairs


def _form_text(raw: str) -> str:
    """`unquote_plus`, without its work for the text most parameters are: nothing to decode."""
    return unquote_plus(raw) if "%" in raw or "+" in raw else raw


def _decoded(raw: bytes) -> str:
    """UTF-8, as a URL's bytes are meant; a byte that is no UTF-8 read as Latin-1."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def fields_of(query_string: str | bytes, headers: Mapping[str, str]) -> Fields:
    """The fields of a request, from its raw query string and its joined header fields."""
    return Fields(
        query=query_pairs(query_string),
        accept=headers.get("accept"),
        accept_language=headers.get("accept-language"),
        user_agent=headers.get("user-agent"),
    )


def parse(
    fields: Fields,
    asking: Asking,
    *,
    event_id: str | None = None,
    path: str | None = None,
    formats: tuple[Format, ...] = ("json",),
    names: Iterable[str] = PLACE_PARAMETERS,
) -> Question:
    """The question a request asks. `event_id` comes from a route's path; `path` is a short
    terminal path (`messenger-2013-07-19/Toronto`); `formats` are those the entry point serves
    (the first is the only one when it serves one); `names` the query parameters it reads.
    Raises InvalidParameter, naming the parameter, for anything malformed or out of range."""
    place_names, read = _names_read(tuple(names))
    query = _single_values(fields.query, read)
    lang = language_tag(query.get("lang"))
    language = choose_language(lang, fields.accept_language, asking.languages)
    fmt = formats[0]
    if len(formats) > 1:
        fmt = choose_format(query.get("format"), fields.accept, fields.user_agent)
    if path is not None:
        event_id, place_text = split_path(path, asking)
        where = _where_from_text(place_text)
    else:
        if event_id is None:
            event_id = _text(query, "event") or asking.main_event_id
        where = _where(query, place_names)
    return Question(event_id=event_id, where=where, language=language, format=fmt, lang=lang)


def parse_page_url(url: str, asking: Asking, own_netloc: str) -> Question:
    """The question a page or card URL of this site asks (oEmbed's `url`), by the same rules."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != own_netloc.lower():
        raise InvalidParameter("url must be a page of this site.", parameter="url")
    fields = Fields(query=query_pairs(parts.query))
    if parts.path in ("", "/", "/embed"):
        return parse(fields, asking, formats=("html",))
    return parse(fields, asking, path=unquote(parts.path).strip("/"), formats=("html",))


def split_path(path: str, asking: Asking) -> tuple[str, str]:
    """The event a short path names (its first segment, if an event id) and the place after it."""
    first, _, rest = path.partition("/")
    if first in RESERVED_SEGMENTS:
        raise InvalidParameter(f"/{first} is not a place.", parameter="place")
    if first in asking.event_ids:
        if not rest.strip():
            raise InvalidParameter(
                f"Add a place after the event: /{first}/Toronto or /{first}/@43.65,-79.38.",
                parameter="place",
            )
        return first, rest
    return asking.main_event_id, path


def is_reserved(path: str) -> bool:
    return path.lstrip("/").partition("/")[0] in RESERVED_SEGMENTS


# Keyed by an entry point's parameter names: a handful of tuples.
@lru_cache(maxsize=32)
def _names_read(names: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The place parameters an entry point reads, and every parameter it reads."""
    return frozenset(names), frozenset((*names, "lang", "event", "format"))


def _single_values(pairs: Sequence[tuple[str, str]], names: frozenset[str]) -> dict[str, str]:
    """The parameters this entry point reads, each given at most once; others are ignored."""
    found: dict[str, str] = {}
    for name, value in pairs:
        if name not in names:
            continue
        if name in found:
            raise InvalidParameter(f"Give {name} once, not twice.", parameter=name)
        found[name] = value
    return found


def _text(query: Mapping[str, str], name: str) -> str | None:
    """A text parameter: absent or blank is None; longer than its bound is the caller's to fix."""
    value = query.get(name)
    if value is None or not value.strip():
        return None
    bound = PARAMETERS[name].max_chars
    if len(value) > bound:
        raise InvalidParameter(
            f"{name} is over {bound} characters; shorten it.", parameter=name, max_chars=bound
        )
    return value


def language_tag(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if len(value) > MAX_TAG_CHARS or not LANGUAGE_TAG.fullmatch(value):
        raise InvalidParameter(
            f"lang={value[:40]!r} is not a language tag: write one like en, fr or pt-BR.",
            parameter="lang",
            example="?lang=fr",
        )
    return value


def degrees(value: str, name: str) -> float:
    """A latitude or longitude typed into a URL, checked against its bound: never clamped."""
    spec = PARAMETERS[name]
    assert spec.low is not None and spec.high is not None
    text = value.strip()
    if len(text) > 40 or not _DECIMAL.fullmatch(text):
        raise InvalidParameter(
            f"{name}={value[:40]!r} is not a number: write decimal degrees, "
            "like lat=43.65&lon=-79.38.",
            parameter=name,
            example="?lat=43.65&lon=-79.38",
        )
    number = float(text)
    if not math.isfinite(number) or not spec.low <= number <= spec.high:
        raise InvalidParameter(
            f"{name} must be a number from {spec.low:g} to {spec.high:g}, not {text}.",
            parameter=name,
            example="?lat=43.65&lon=-79.38",
        )
    return number


def _where(query: Mapping[str, str], names: frozenset[str]) -> Where:
    city = _text(query, "city") if "city" in names else None
    country = _text(query, "country") if "country" in names else None
    tz = _text(query, "tz") if "tz" in names else None
    lat_text = query.get("lat") if "lat" in names else None
    lon_text = query.get("lon") if "lon" in names else None
    lat = degrees(lat_text, "lat") if lat_text not in (None, "") else None
    lon = degrees(lon_text, "lon") if lon_text not in (None, "") else None
    if (lat is None) != (lon is None) and city is None:
        raise InvalidParameter(
            "Give both lat and lon, or neither.", parameter="lat" if lat is None else "lon"
        )
    if country is not None and city is None:
        raise InvalidParameter(
            "country narrows a city: give city too, e.g. ?city=Paris&country=FR.",
            parameter="country",
        )
    text = _text(query, "place") if "place" in names else None
    if city is None and tz is None and lat is None and text is not None:
        return _where_from_text(text)
    return Where(city=city, country=country, tz=tz, lat=lat, lon=lon)


def _where_from_text(text: str) -> Where:
    """Free text as typed in a short path or a place box: `@lat,lon`, or a zone or city name."""
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidParameter(
            f"The place is over {MAX_TEXT_CHARS} characters; shorten it.",
            parameter="place",
            max_chars=MAX_TEXT_CHARS,
        )
    stripped = text.strip()
    if not stripped:
        return Where()
    if stripped.startswith("@"):
        lat_text, comma, lon_text = stripped[1:].partition(",")
        if not comma:
            raise InvalidParameter(
                f"{stripped[:40]!r} is not a coordinate pair: write @latitude,longitude in "
                "decimal degrees, like @43.65,-79.38.",
                parameter="place",
                example="@43.65,-79.38",
            )
        return Where(lat=degrees(lat_text, "lat"), lon=degrees(lon_text, "lon"))
    return Where(text=stripped)
