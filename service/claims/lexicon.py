"""The words the claim checker reads, from `data/claim_words.json`, and the patterns built from
them once at start-up.

Every pattern is linear in the text it scans: alternations of literal words, bounded repeats, no
repeat inside a repeat, and numbers and times anchored by look-behinds so that a run of digits is
tried from its first character only (`tests/claims/test_lexicon.py` fuzzes them; `bench/
bench_claims.py` times 20 KB of adversarial text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources
from typing import Any

from service.places.zones import parse_offset


@dataclass(frozen=True)
class Reading:
    """One meaning of a zone abbreviation: its fixed offset and the zone people mean by it."""

    abbreviation: str
    utc_offset: timedelta
    zone: str
    name: str


@dataclass(frozen=True)
class Patterns:
    time: re.Pattern[str]
    zone_after: re.Pattern[str]
    place_after: re.Pattern[str]
    connector: re.Pattern[str]
    place: re.Pattern[str]
    date: re.Pattern[str]
    iso_date: re.Pattern[str]
    weekday: re.Pattern[str]
    duration: re.Pattern[str]
    cassini: re.Pattern[str]
    messenger: re.Pattern[str]
    wave: re.Pattern[str]
    imaging: re.Pattern[str]
    light: re.Pattern[str]
    window: re.Pattern[str]
    lit: re.Pattern[str]
    only: re.Pattern[str]
    negation: re.Pattern[str]
    continent: re.Pattern[str]
    language_word: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    abbreviations: Mapping[str, tuple[Reading, ...]]
    abbreviation_phrases: Mapping[str, str]
    zone_phrases: Mapping[str, str]
    places: Mapping[str, str]  # lower-cased name -> IANA zone
    continents: Mapping[str, str]  # lower-cased name -> continent code
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    language_words: Mapping[str, str]  # word -> language
    patterns: Patterns


def words(items: Iterable[str], fold: bool = True) -> str:
    """An alternation of literal words as a trie (`E(?:DT|ST)`, not `EDT|EST`): each position
    of the text costs a few character tests, not one per word. The longest word wins; `fold`
    merges words that differ in case only (for patterns compiled case-insensitive)."""
    trie: dict = {}
    for word in set(items):
        node = trie
        for char in word.lower() if fold else word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    branches = [
        re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" in node:
        return f"(?:{body})?"
    return body


def _bounded(items: Iterable[str]) -> re.Pattern[str]:
    """Any of the words, standing alone (not inside a longer word), in any case."""
    return re.compile(rf"(?<!\w)(?:{words(items)})(?!\w)", re.I)


def load_lexicon(raw: Mapping[str, Any] | None = None) -> Lexicon:
    if raw is None:
        raw = json.loads(
            resources.files("service").joinpath("data/claim_words.json").read_text("utf-8")
        )
    abbreviations = {
        abbr: tuple(Reading(abbr, _offset(r["utc_offset"]), r["zone"], r["name"]) for r in readings)
        for abbr, readings in raw["abbreviations"].items()
    }
    places = {name.lower(): zone for zone, names in raw["places"].items() for name in names}
    continents = {n: code for code, names in raw["continents"].items() for n in names}
    language_words = {w: lang for lang, ws in raw["language_words"].items() for w in ws}
    return Lexicon(
        abbreviations=abbreviations,
        abbreviation_phrases=raw["abbreviation_phrases"],
        zone_phrases=raw["zone_phrases"],
        places=places,
        continents=continents,
        months=raw["months"],
        weekdays=raw["weekdays"],
        language_words=language_words,
        patterns=_patterns(raw, abbreviations, places, continents, language_words),
    )


def _offset(text: str) -> timedelta:
    offset = parse_offset(text)
    if offset is None:
        raise ValueError(f"claim words: {text!r} is not a UTC offset")
    return offset


def _patterns(
    raw: Mapping[str, Any],
    abbreviations: Mapping[str, tuple[Reading, ...]],
    places: Mapping[str, str],
    continents: Mapping[str, str],
    language_words: Mapping[str, str],
) -> Patterns:
    months, weekdays = words(raw["months"]), words(raw["weekdays"])
    places_raw = [name for names in raw["places"].values() for name in names]
    place_names = words(places_raw)
    prepositions = words(raw["place_prepositions"])
    ordinal = r"(?:st|nd|rd|th|er|º|\.)?"
    day_join = r"\s?(?:-|–|and|&|et|und|y|e)\s?"
    phrases = words([*raw["abbreviation_phrases"], *raw["zone_phrases"]])
    return Patterns(
        # 17:27, 5:27 p.m., 5.27pm, 17h27, 23 h 27, 5 pm, 21:27:00, 17.27 Uhr
        time=re.compile(
            r"(?<![\w:.,])(?P<h>[01]?\d|2[0-4])"
            r"(?:\s?(?P<sep>[:.hH])\s?(?P<m>[0-5]\d)(?::[0-5]\d)?)?(?![\d])"
            r"(?:\s?(?P<ap>[aApP])\.?\s?[mM](?![a-zA-Z])\.?)?"
            r"(?:\s?(?P<uhr>Uhr|hrs|horas|heures)(?!\w))?"
            # a bare number is a time only if words may follow it (a zone, "and 5 pm")
            r"(?:(?<=[\w.])|(?<=\d)(?=\s{0,2}[,(\[]?\s{0,2}[^\W\d_]))"
        ),
        zone_after=re.compile(
            r"\s{0,2},?\s{0,2}[(\[]?\s{0,2}(?:"
            r"(?P<offset>(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?)(?!\d)"
            rf"|(?P<abbr>{words(abbreviations, fold=False)})(?![\w])"
            rf"|(?i:(?P<phrase>{phrases}))(?!\w)"
            rf"|(?i:(?P<local>{words(raw['local_phrases'])}))(?!\w)"
            rf"|(?i:{prepositions})\s{{1,3}}(?P<place>(?i:{place_names}))(?!\w)"
            r")"
        ),
        place_after=re.compile(
            rf"\s{{0,3}},?\s{{0,3}}(?i:{prepositions})\s{{1,3}}(?P<place>(?i:{place_names}))(?!\w)"
        ),
        connector=re.compile(rf"\s{{0,3}}(?:{words(raw['range_connectors'])})\s{{0,3}}", re.I),
        place=re.compile(rf"(?<!\w)(?:{words(places_raw, fold=False)})(?!\w)"),
        date=re.compile(
            rf"(?<!\w)(?:(?P<wd>{weekdays}),?\s{{1,3}}(?:(?:le|the|den|el|o)\s{{1,3}})?)?(?:"
            rf"(?P<d1>[0-3]?\d){ordinal}(?:{day_join}(?P<d2>[0-3]?\d){ordinal})?\s{{1,3}}"
            rf"(?:de\s{{1,3}})?(?P<m1>{months})(?!\w)\.?(?:,?\s{{1,3}}(?:de\s{{1,3}})?(?P<y1>\d{{4}}))?"
            rf"|(?P<m2>{months})(?!\w)\.?\s{{1,3}}(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?"
            rf"(?:{day_join}(?P<d4>[0-3]?\d)(?:st|nd|rd|th)?)?(?:,?\s{{1,3}}(?P<y2>\d{{4}}))?"
            r")(?![\w])",
            re.I,
        ),
        iso_date=re.compile(r"(?<![\d\-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d])"),
        weekday=_bounded(raw["weekdays"]),
        # 80 minutes, an hour and 20 minutes, 1 h 20 min, 15-minute, 5,5 minutos
        duration=re.compile(
            r"(?<![\w.,])(?:(?P<hours>\d{1,2}|an|one|une|eine|una|uma|um)\s?"
            r"(?:hours?|h|heures?|stunden?|horas?)\s?(?:and|et|und|y|e)?\s?)?"
            r"(?P<minutes>\d{1,4}(?:[.,]\d{1,2})?)[\s\-]?"
            r"(?:minutes|minute|mins?|minuten|minutos|minuto)(?!\w)",
            re.I,
        ),
        cassini=_bounded(raw["events"]["cassini"]),
        messenger=_bounded(raw["events"]["messenger"]),
        wave=_bounded(raw["wave_words"]),
        imaging=_bounded(raw["imaging_words"]),
        light=_bounded(raw["light_words"]),
        window=_bounded(raw["window_words"]),
        lit=_bounded(raw["lit_words"]),
        only=_bounded(raw["only_words"]),
        negation=re.compile(rf"(?<!\w)(?:{words(raw['negation_words'])})(?!\w)|n't", re.I),
        continent=_bounded(continents),
        language_word=_bounded(language_words),
    )
