"""Languages: which one a request gets, its messages, and dates, times and names written the
reader's way.

The page's own sentences come from `data/messages.json`, one object per language. Dates, clocks,
time ranges, lists, country names and the names of zone cities come from CLDR through Babel, for
the reader's locale: the language and, when the tag names one, the region (`en-US` writes
"5:27 – 5:42 PM", `en-GB` "17:27–17:42"). A bare `en`, and no Accept-Language at all (curl),
get `en_GB`: the tag names no region, NASA announced the window on the 24-hour clock in UTC, and
day-month-year is the order most English-writing countries use (CLDR's bare `en` is US
English). A language that is asked for but not offered falls back to English, and the choice says
so (`fallback`), so an answer never pretends.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from importlib import resources

from babel import Locale, localedata
from babel.dates import format_date, format_interval, format_time
from babel.lists import format_list

from service.places.zones import LocalWindow, zone_label
from service.render.negotiation import quality
from service.values import value_type

DEFAULT_LANGUAGE = "en"
# The CLDR locale of a language tag that names no region (see the module's docstring for `en`).
DEFAULT_LOCALES = {"en": "en_GB"}
# A BCP 47 tag as people send it: `fr`, `pt-BR`, `zh_Hant_TW`; anything else is malformed.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$")
MAX_ACCEPT_ENTRIES = 20
MAX_KEPT_ACCEPT_CHARS = 256


class MessageError(ValueError):
    """The message catalogue is inconsistent: a language misses a key or a placeholder."""


@value_type
class LanguageChoice:
    """The language an answer is written in, and what was asked for.

    `requested` is the tag from `lang`, else the first tag of Accept-Language (None when neither
    was sent); `fallback` is true when a language was asked for and none offered matched;
    `locale` is the CLDR locale whose patterns write dates, clocks and names (`en_US`).
    """

    requested: str | None
    used: str
    fallback: bool
    locale: str


@dataclass(frozen=True, eq=False)
class Messages:
    """One language's messages, for one locale's conventions; `text` fills a message's
    placeholders. Compared and hashed by identity (one object per locale and catalogue), so
    sentences made from it can be kept; `sentences` is the language's own object, for sentences
    that do not depend on the locale."""

    language: str
    table: Mapping[str, str]
    locale: str = "en_GB"
    base: Messages | None = None

    @property
    def sentences(self) -> Messages:
        return self.base or self

    def text(self, key: str, **values: object) -> str:
        return self.table[key].format(**values)

    def get(self, key: str, default: str) -> str:
        return self.table.get(key, default)


@dataclass(frozen=True)
class MessageCatalogue:
    """Each language's messages in its default locale; `reader` gives them for another locale of
    the same language, made once per locale (a few dozen CLDR locales per language at most)."""

    languages: Mapping[str, Messages]
    _by_locale: dict[str, Messages] = field(default_factory=dict, compare=False, repr=False)

    @property
    def offered(self) -> tuple[str, ...]:
        return tuple(self.languages)

    def __getitem__(self, language: str) -> Messages:
        return self.languages[language]

    def reader(self, choice: LanguageChoice) -> Messages:
        """The messages of the chosen language, written with the chosen locale's conventions."""
        base = self.languages[choice.used]
        if choice.locale == base.locale:
            return base
        found = self._by_locale.get(choice.locale)
        if found is None or found.language != choice.used:
            found = Messages(base.language, base.table, choice.locale, base)
            self._by_locale[choice.locale] = found
        return found


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def load_messages(raw: Mapping[str, Mapping[str, str]] | None = None) -> MessageCatalogue:
    """Read the catalogue and check every language carries every English key and placeholder."""
    if raw is None:
        raw = json.loads(
            resources.files("service").joinpath("data", "messages.json").read_text("utf-8")
        )
    tables = {lang: table for lang, table in raw.items() if not lang.startswith("_")}
    reference = tables[DEFAULT_LANGUAGE]
    for lang, table in tables.items():
        missing = sorted(set(reference) - set(table))
        if missing:
            raise MessageError(f"messages[{lang!r}] lacks {', '.join(missing)}")
        for key, text in table.items():
            if key in reference and _placeholders(text) != _placeholders(reference[key]):
                raise MessageError(
                    f"messages[{lang!r}][{key!r}] must use the placeholders of English"
                )
    return MessageCatalogue(
        {lang: Messages(lang, table, default_locale(lang)) for lang, table in tables.items()}
    )


def default_locale(language: str) -> str:
    """The CLDR locale of a bare language tag: CLDR's own, but `en_GB` for `en`."""
    return DEFAULT_LOCALES.get(language, language)


def locale_of(tag: str | None, language: str) -> str:
    """The CLDR locale for `language` with the region `tag` names, when CLDR has that pair
    (`en-US` -> `en_US`, `es-419` -> `es_419`, `nl-BE` read in English -> `en_BE`); else the
    language's default. A script subtag (`zh-Hant-TW`) is passed over."""
    region = None
    for subtag in re.split(r"[-_]", tag or "")[1:]:
        if len(subtag) == 2 and subtag.isalpha() or len(subtag) == 3 and subtag.isdigit():
            region = subtag.upper()
            break
    if region is not None and localedata.exists(f"{language}_{region}"):
        return f"{language}_{region}"
    return default_locale(language)


def primary_subtag(tag: str) -> str:
    """`pt-BR` -> `pt`, `ZH_hant` -> `zh`."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()


def accept_language(header: str) -> list[str]:
    """The tags of an Accept-Language header, most wanted first; `*` and q=0 entries left out."""
    ranked = []
    for position, item in enumerate(header.split(",")[:MAX_ACCEPT_ENTRIES]):
        tag, _, params = item.strip().partition(";")
        tag = tag.strip()
        q = quality(params)
        if tag and tag != "*" and LANGUAGE_TAG.match(tag) and q > 0:
            ranked.append((-q, position, tag))
    return [tag for _, _, tag in sorted(ranked)]


def choose_language(lang: str | None, accept: str | None, offered: Iterable[str]) -> LanguageChoice:
    """`lang` first (its primary subtag), else the best offered Accept-Language tag, else English.

    `lang` must already be a well-formed tag (the API checks it at the edge). Choices are kept:
    browsers send a few Accept-Language values over and over (longer ones than a browser's are
    not kept, so the cache stays small).
    """
    choose = (
        _choose_language
        if accept is None or len(accept) <= MAX_KEPT_ACCEPT_CHARS
        else _choose_language.__wrapped__
    )
    return choose(lang, accept, tuple(offered))


# Keyed by (`lang`, Accept-Language up to MAX_KEPT_ACCEPT_CHARS): 512 entries of under 1 KB.
@lru_cache(maxsize=512)
def _choose_language(
    lang: str | None, accept: str | None, offered: tuple[str, ...]
) -> LanguageChoice:
    if lang:
        wanted = primary_subtag(lang)
        used = wanted if wanted in offered else DEFAULT_LANGUAGE
        return LanguageChoice(lang, used, wanted not in offered, locale_of(lang, used))
    tags = accept_language(accept or "")
    for tag in tags:
        if primary_subtag(tag) in offered:
            used = primary_subtag(tag)
            return LanguageChoice(tag, used, False, locale_of(tag, used))
    if tags:
        return LanguageChoice(tags[0], DEFAULT_LANGUAGE, True, locale_of(tags[0], DEFAULT_LANGUAGE))
    return LanguageChoice(None, DEFAULT_LANGUAGE, False, default_locale(DEFAULT_LANGUAGE))


def date_text(day: datetime, messages: Messages) -> str:
    """A date in the locale's full pattern: `Friday, July 19, 2013` (en_US), `vendredi 19 juillet
    2013`, `2013年7月19日金曜日`."""
    return _date_text(day.date(), messages.locale)


def clock(instant: datetime, messages: Messages) -> str:
    """A wall-clock time in the locale's short pattern: `17:27` (en_GB), `5:27 PM` (en_US)."""
    return _clock(instant.hour, instant.minute, messages.locale)


def time_range(start: datetime, end: datetime, messages: Messages) -> str:
    """Two times of one day in the locale's interval pattern, on its own clock (12 or 24 hours):
    `5:27 – 5:42 PM` (en_US), `17:27–17:42` (en_GB), `17:27–17:42 Uhr` (de)."""
    return _time_range(start.hour, start.minute, end.hour, end.minute, messages.locale)


# Kept by their values: a few dates, times and ranges per event, times each locale in use.
@lru_cache(maxsize=1024)
def _date_text(day: date, locale: str) -> str:
    return format_date(day, format="full", locale=locale)


@lru_cache(maxsize=4096)
def _clock(hour: int, minute: int, locale: str) -> str:
    return format_time(time(hour, minute), format="short", locale=locale)


@lru_cache(maxsize=4096)
def _time_range(start_h: int, start_m: int, end_h: int, end_m: int, locale: str) -> str:
    skeleton = "hm" if twelve_hour(locale) else "Hm"
    return format_interval(
        time(start_h, start_m), time(end_h, end_m), skeleton=skeleton, locale=locale
    )


@lru_cache(maxsize=256)
def twelve_hour(locale: str) -> bool:
    """Whether the locale's own short time pattern counts hours 1-12 (`h`, `K`)."""
    pattern = Locale.parse(locale).time_formats["short"].pattern
    return bool(re.search(r"[hK]", re.sub(r"'[^']*'", "", pattern)))


def window_display(window: LocalWindow, messages: Messages) -> str:
    """The local window in one line: date, times and zone, both dates if it spans midnight."""
    start, end = window.start.instant, window.end.instant
    zone = zone_label(window.start)
    if end.date() != start.date():
        return messages.text(
            "window_two_days",
            date=date_text(start, messages),
            start=clock(start, messages),
            end_date=date_text(end, messages),
            end=clock(end, messages),
            zone=zone,
        )
    return messages.text(
        "window_one_day",
        date=date_text(start, messages),
        times=time_range(start, end, messages),
        zone=zone,
    )


def country_name(code: str | None, name: str | None, messages: Messages) -> str | None:
    """A country in the reader's language, from CLDR (`DE` -> `Allemagne`, `Deutschland`,
    `ドイツ`); in English the gazetteer's own name (GeoNames English, shorter than CLDR's
    `Hong Kong SAR China`)."""
    if code is None or messages.language == DEFAULT_LANGUAGE:
        return name or code
    return _territory(code.upper(), messages.locale) or name or code


@lru_cache(maxsize=2048)
def _territory(code: str, locale: str) -> str | None:
    return Locale.parse(locale).territories.get(code)


def city_name(name: str, tz: str, messages: Messages) -> str:
    """A city in the reader's language where CLDR names it: the cities that name time zones
    (`Moscow` -> `Moscou`, `Moskau`, `モスクワ`), when the place is that zone's own city; other
    cities keep the gazetteer's name."""
    if messages.language == DEFAULT_LANGUAGE:
        return name
    return _zone_city(name, tz, messages.locale) or name


@lru_cache(maxsize=4096)
def _zone_city(name: str, tz: str, locale: str) -> str | None:
    english = Locale.parse("en").time_zones.get(tz, {}).get("city")
    english = english or tz.rsplit("/", 1)[-1].replace("_", " ")
    if english.casefold() != name.casefold():
        return None
    return Locale.parse(locale).time_zones.get(tz, {}).get("city")


def list_text(items: Iterable[str], messages: Messages) -> str:
    """`11:49, 12:38 and 13:41`, joined the language's way."""
    return format_list(list(items), locale=messages.locale)
