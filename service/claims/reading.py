"""Finding the checkable statements of a text: times (with their zone), dates, weekdays, figures
with a unit and durations, each with its offsets in the text, so that `text[start:end]` is the
quote, verbatim. Nothing here judges; `service.claims.checker` does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from service.articles.figures import StatedFigure, parse_figures
from service.claims.lexicon import Lexicon
from service.places.zones import MAX_OFFSET

# How far after a time its zone may be written ("5:27 p.m. (UTC-4)"), and how many characters a
# range's two times may stand apart ("between 4:27 and 4:42").
LANGUAGES = ("en", "fr", "de", "es", "pt")
SHORT_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())


@dataclass(frozen=True)
class Span:
    """Where a statement stands in the text: `text[start:end]` is its quote."""

    start: int
    end: int


@dataclass(frozen=True)
class Clock:
    """A time of day as written: `meridiem` is 'a', 'p' or None (a 24-hour or unmarked clock)."""

    hour: int
    minute: int
    meridiem: str | None

    def readings(self) -> tuple[timedelta, ...]:
        """The times of day it can mean: one with am/pm or past 12, else the morning and the
        evening reading."""
        hour = self.hour % 24
        if self.meridiem is not None:
            hour = self.hour % 12 + (12 if self.meridiem == "p" else 0)
            return (timedelta(hours=hour, minutes=self.minute),)
        if 1 <= self.hour <= 12:
            return (
                timedelta(hours=hour, minutes=self.minute),
                timedelta(hours=(hour % 12) + 12, minutes=self.minute),
            )
        return (timedelta(hours=hour, minutes=self.minute),)


@dataclass(frozen=True)
class ZoneMark:
    """What a time is said to be in: a fixed offset, an abbreviation, a zone's name, or 'local
    time' (with the place it names, if any)."""

    kind: str  # offset, abbreviation, zone, local
    text: str
    offset: timedelta | None = None
    abbreviation: str | None = None
    zone: str | None = None


@dataclass(frozen=True)
class TimeStatement:
    start: int
    end: int
    clocks: tuple[Clock, ...]  # one time, or a range's two
    zone: ZoneMark | None


@dataclass(frozen=True)
class DateStatement:
    start: int
    end: int
    days: tuple[int, ...]
    month: int
    year: int | None
    weekday: int | None


@dataclass(frozen=True)
class WeekdayStatement:
    start: int
    end: int
    weekday: int


@dataclass(frozen=True)
class DurationStatement:
    start: int
    end: int
    minutes: float
    precision_min: float


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    zone: str


def guess_language(text: str, lexicon: Lexicon) -> str:
    """The text's language among the five read, by its commonest little words; English when
    none stands out."""
    counts = Counter(
        lexicon.language_words[m.group(0).lower()]
        for m in lexicon.patterns.language_word.finditer(text)
        if m.group(0).lower() in lexicon.language_words
    )
    return counts.most_common(1)[0][0] if counts else "en"


def find_times(text: str, lexicon: Lexicon, limit: int | None = None) -> list[TimeStatement]:
    """Every time of day written as a time (a separator, am/pm, or a zone after it), ranges
    joined; the first `limit` only."""
    p = lexicon.patterns
    found: list[tuple[int, int, Clock, bool]] = []
    for match in p.time.finditer(text):
        if limit is not None and len(found) > 2 * limit:
            break
        end = match.end()
        sep, ap = match["sep"], match["ap"]
        marked = bool(ap or match["uhr"] or (sep and sep in ":hH"))
        clock = Clock(int(match["h"]), int(match["m"] or 0), ap.lower() if ap else None)
        if clock.hour == 24 and clock.minute:
            continue
        found.append((match.start(), end, clock, marked))
    statements: list[TimeStatement] = []
    i = 0
    while i < len(found):
        start, end, clock, marked = found[i]
        clocks: tuple[Clock, ...] = (clock,)
        if i + 1 < len(found):
            n_start, n_end, n_clock, n_marked = found[i + 1]
            gap = text[end:n_start]
            if (marked or n_marked) and p.connector.fullmatch(gap):
                if clock.meridiem is None and n_clock.meridiem is not None and clock.hour <= 12:
                    clock = Clock(clock.hour, clock.minute, n_clock.meridiem)
                clocks, end, marked, i = (clock, n_clock), n_end, True, i + 1
        zone, end = _zone_after(text, end, lexicon)
        if marked or zone is not None:
            statements.append(TimeStatement(start, end, clocks, zone))
            if limit is not None and len(statements) >= limit:
                break
        i += 1
    return _shared_zones(text, statements, lexicon)


def _shared_zones(
    text: str, statements: list[TimeStatement], lexicon: Lexicon
) -> list[TimeStatement]:
    """In a list of times ("7:49, 8:38 and 9:41 a.m. EDT") the last one's zone and half of the
    day are every one's."""
    shared = list(statements)
    for i in range(len(shared) - 2, -1, -1):
        this, following = shared[i], shared[i + 1]
        gap = text[this.end : following.start]
        if this.zone is not None or following.zone is None:
            continue
        if not (gap.strip() == "," or lexicon.patterns.connector.fullmatch(gap.replace(",", " "))):
            continue
        meridiem = following.clocks[-1].meridiem
        clocks = tuple(
            Clock(c.hour, c.minute, meridiem) if c.meridiem is None and c.hour <= 12 else c
            for c in this.clocks
        )
        shared[i] = TimeStatement(this.start, this.end, clocks, following.zone)
    return shared


def _zone_after(text: str, end: int, lexicon: Lexicon) -> tuple[ZoneMark | None, int]:
    p = lexicon.patterns
    match = p.zone_after.match(text, end)
    if match is None:
        return None, end
    stop = match.end()
    if text[stop : stop + 1] == ")" and "(" in match.group(0):
        stop += 1
    written = text[match.start() : stop].strip(" ,([)")
    if match["offset"]:
        offset = _offset(match["offset"])
        if offset is None:
            return None, end  # "UTC+25" names no offset
        return ZoneMark("offset", written, offset=offset), stop
    if match["abbr"]:
        return ZoneMark("abbreviation", written, abbreviation=match["abbr"]), stop
    if match["phrase"]:
        key = " ".join(match["phrase"].lower().split())
        if key in lexicon.abbreviation_phrases:
            abbr = lexicon.abbreviation_phrases[key]
            return ZoneMark("abbreviation", written, abbreviation=abbr), stop
        return ZoneMark("zone", written, zone=lexicon.zone_phrases[key]), stop
    if match["place"]:
        return ZoneMark("zone", written, zone=lexicon.places[match["place"].lower()]), stop
    place = p.place_after.match(text, stop)
    if place is not None:
        written = text[match.start() : place.end()].strip(" ,([")
        zone = lexicon.places[place["place"].lower()]
        return ZoneMark("local", written, zone=zone), place.end()
    return ZoneMark("local", written), stop


def _offset(text: str) -> timedelta | None:
    """`UTC+2`, `GMT-4`, `UTC+05:30` as an offset; None beyond -14:00..+14:00 or minutes past
    59."""
    sign = -1 if re.search(r"[-−]", text) else 1
    digits = re.sub(r"\D", "", text)
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
    offset = sign * timedelta(hours=int(hours), minutes=int(minutes))
    if int(minutes) >= 60 or abs(offset) > MAX_OFFSET:
        return None
    return offset


def find_dates(text: str, lexicon: Lexicon) -> list[DateStatement]:
    """Dates with a day and a month ("Saturday 20 July", "19 de julio de 2013", "July 19 and
    20", "2013-07-19")."""
    found = []
    for m in lexicon.patterns.date.finditer(text):
        month = lexicon.months[(m["m1"] or m["m2"]).lower()]
        days = tuple(int(d) for d in (m["d1"], m["d2"], m["d3"], m["d4"]) if d)
        if not all(1 <= d <= 31 for d in days):
            continue
        year = m["y1"] or m["y2"]
        weekday = lexicon.weekdays[m["wd"].lower()] if m["wd"] else None
        end = m.end()
        if not year and text[end - 1] == "." and (m["m1"] or m["m2"]).lower() not in SHORT_MONTHS:
            end -= 1  # a sentence's full stop, not an abbreviated month's
        found.append(
            DateStatement(m.start(), end, days, month, int(year) if year else None, weekday)
        )
    for m in lexicon.patterns.iso_date.finditer(text):
        if 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31:
            found.append(
                DateStatement(m.start(), m.end(), (int(m["d"]),), int(m["m"]), int(m["y"]), None)
            )
    return sorted(found, key=lambda d: d.start)


def find_weekdays(
    text: str, lexicon: Lexicon, dates: list[DateStatement]
) -> list[WeekdayStatement]:
    """Weekdays named outside a date ("on Friday")."""
    return [
        WeekdayStatement(m.start(), m.end(), lexicon.weekdays[m.group(0).lower()])
        for m in lexicon.patterns.weekday.finditer(text)
        if not any(d.start <= m.start() < d.end for d in dates)
    ]


def find_durations(text: str, lexicon: Lexicon) -> list[DurationStatement]:
    """Durations in minutes ("80 minutes", "an hour and 20 minutes"), read to the minute (or to
    their decimals): a whole number of minutes is not rounded to tens."""
    found = []
    for m in lexicon.patterns.duration.finditer(text):
        raw = m["minutes"].replace(",", ".")
        minutes = float(raw)
        precision = 10.0 ** -len(raw.split(".")[1]) if "." in raw else 1.0
        if m["hours"]:
            hours = m["hours"].lower()
            minutes += 60 * (int(hours) if hours.isdigit() else 1)
        found.append(DurationStatement(m.start(), m.end(), minutes, precision))
    return found


def find_figures(text: str, language: str) -> list[StatedFigure]:
    return parse_figures(text, language)


def find_places(text: str, lexicon: Lexicon) -> list[PlaceMention]:
    return [
        PlaceMention(m.start(), m.end(), lexicon.places[m.group(0).lower()])
        for m in lexicon.patterns.place.finditer(text)
    ]
