"""Languages: which one a request gets, its messages, and dates and times written its way.

Dates, weekdays and month names come from CLDR through Babel; the page's own sentences come from
`data/messages.json`, one object per language. A language that is asked for but not offered
falls back to English, and the choice says so (`fallback`), so an answer never pretends.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources

from babel.dates import format_date
from babel.lists import format_list

from service.places.zones import LocalWindow, zone_label
from service.render.negotiation import quality

DEFAULT_LANGUAGE = "en"
# A BCP 47 tag as people send it: `fr`, `pt-BR`, `zh_Hant_TW`; anything else is malformed.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$")
MAX_ACCEPT_ENTRIES = 20
MAX_KEPT_ACCEPT_CHARS = 256


class MessageError(ValueError):
    """The message catalogue is inconsistent: a language misses a key or a placeholder."""


@dataclass(frozen=True)
class LanguageChoice:
    """The language an answer is written in, and what was asked for.

    `requested` is the tag from `lang`, else the first tag of Accept-Language (None when neither
    was sent); `fallback` is true when a language was asked for and none offered matched.
    """

    requested: str | None
    used: str
    fallback: bool


@dataclass(frozen=True, eq=False)
class Messages:
    """One language's messages; `text` fills a message's placeholders. Compared and hashed by
    identity (one object per language and catalogue), so sentences made from it can be kept."""

    language: str
    table: Mapping[str, str]

    def text(self, key: str, **values: object) -> str:
        return self.table[key].format(**values)

    def get(self, key: str, default: str) -> str:
        return self.table.get(key, default)


@dataclass(frozen=True)
class MessageCatalogue:
    languages: Mapping[str, Messages]

    @property
    def offered(self) -> tuple[str, ...]:
        return tuple(self.languages)

    def __getitem__(self, language: str) -> Messages:
        return self.languages[language]


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
    return MessageCatalogue({lang: Messages(lang, table) for lang, table in tables.items()})


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
        return LanguageChoice(requested=lang, used=used, fallback=wanted not in offered)
    tags = accept_language(accept or "")
    for tag in tags:
        if primary_subtag(tag) in offered:
            return LanguageChoice(requested=tag, used=primary_subtag(tag), fallback=False)
    if tags:
        return LanguageChoice(requested=tags[0], used=DEFAULT_LANGUAGE, fallback=True)
    return LanguageChoice(requested=None, used=DEFAULT_LANGUAGE, fallback=False)


def date_text(day: datetime, messages: Messages) -> str:
    """A date written the language's way: `vendredi 19 juillet 2013`, `2013年7月19日金曜日`."""
    pattern = messages.text("date_format")
    return format_date(day.date(), format=pattern, locale=messages.language)


def clock(instant: datetime) -> str:
    """`17:27`: 24-hour clock, the same in every language offered."""
    return f"{instant:%H:%M}"


def window_display(window: LocalWindow, messages: Messages) -> str:
    """The local window in one line: date, start, end and zone, both dates if it spans midnight."""
    start, end = window.start.instant, window.end.instant
    values = {
        "date": date_text(start, messages),
        "start": clock(start),
        "end": clock(end),
        "zone": zone_label(window.start),
    }
    if end.date() != start.date():
        return messages.text("window_two_days", end_date=date_text(end, messages), **values)
    return messages.text("window_one_day", **values)


def list_text(items: Iterable[str], messages: Messages) -> str:
    """`11:49, 12:38 and 13:41`, joined the language's way."""
    return format_list(list(items), locale=messages.language)
