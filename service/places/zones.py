"""Time zones: resolving what a user types to a zone, and event instants in local time.

Zones come from the `tzdata` package (not the host), so every machine answers with the same rules.
zoneinfo applies the rules in force at the instant asked about, so 2013 answers use 2013 rules.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from service.errors import InvalidUtcOffset, UnknownTimeZone

MAX_OFFSET = timedelta(hours=14)
SUGGESTION_MIN_SCORE = 75
SUGGESTION_SPREAD = 12
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$")
_UTC_NAMES = {"utc", "z"}


def use_packaged_tzdata() -> None:
    """Make zoneinfo read the tzdata package only, ignoring the host's /usr/share/zoneinfo."""
    zoneinfo.reset_tzpath(to=[])


@dataclass(frozen=True)
class ResolvedZone:
    """A zone as resolved. `name` is the name asked for, as tzdata spells it (a link stays a
    link: `Asia/Calcutta`), and is the name every answer shows; `canonical` is the zone whose
    rules `tz` holds (`Asia/Kolkata`), the same as `name` for a canonical zone or an offset.
    `kind` is 'iana' or 'offset'."""

    tz: tzinfo
    name: str
    kind: str
    canonical: str

    @property
    def is_link(self) -> bool:
        return self.name != self.canonical


@dataclass(frozen=True)
class LocalInstant:
    instant: datetime
    utc_offset: str
    abbreviation: str
    dst: bool


@dataclass(frozen=True)
class LocalWindow:
    zone: ResolvedZone
    start: LocalInstant
    end: LocalInstant
    utc_date: str

    @property
    def local_date(self) -> str:
        return self.start.instant.date().isoformat()

    @property
    def day_offset(self) -> int:
        """Local calendar date minus UTC calendar date at the window start: -1, 0 or +1."""
        return (self.start.instant.date() - datetime.fromisoformat(self.utc_date).date()).days


def format_offset(offset: timedelta) -> str:
    """`-04:00`, `+05:30`, `+00:00`."""
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def parse_offset(text: str) -> timedelta | None:
    """A fixed offset like `UTC+05:30`, `+0530`, `UTC-4`; None when the text is not an offset."""
    match = _OFFSET.match(text.strip().lower())
    if not match:
        return None
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    if minutes >= 60:
        raise InvalidUtcOffset(f"{text!r}: minutes must be below 60.", example="UTC+05:30")
    offset = timedelta(hours=hours, minutes=minutes) * (-1 if sign == "-" else 1)
    if abs(offset) > MAX_OFFSET:
        raise InvalidUtcOffset(
            f"{text!r} is beyond the range of UTC offsets, -14:00 to +14:00.", example="UTC-04:00"
        )
    return offset


def _tzdata_text(name: str) -> str:
    return resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")


def _links() -> dict[str, str]:
    """Link name to canonical zone, from the `L target link` lines of tzdata.zi."""
    links = {}
    for line in _tzdata_text("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, link = line.split()
            links[link] = target
    return links


class ZoneIndex:
    """Every zone name tzdata knows, its canonical form, and fuzzy keys for suggestions."""

    def __init__(self) -> None:
        names = zoneinfo.available_timezones()
        self.links = {link: target for link, target in _links().items() if link in names}
        self.canonical = sorted(n for n in names if n not in self.links)
        self.names = sorted(names)
        self._by_lower = {n.lower(): n for n in names}
        self._fuzzy_keys: dict[str, str] = {}
        # Canonical names first, so that a city part both share (`kiev`) suggests the canonical.
        for name in [*self.canonical, *sorted(self.links)]:
            self._fuzzy_keys.setdefault(name.lower(), name)
            city = name.rsplit("/", 1)[-1].replace("_", " ").lower()
            self._fuzzy_keys.setdefault(city, name)
        self._zoneinfo: dict[str, zoneinfo.ZoneInfo] = {}
        self._found: dict[str, ResolvedZone] = {}

    def zone(self, canonical: str) -> zoneinfo.ZoneInfo:
        """The zone's rules, read from tzdata once and kept (zoneinfo's own cache keeps only a
        few)."""
        tz = self._zoneinfo.get(canonical)
        if tz is None:
            tz = self._zoneinfo[canonical] = zoneinfo.ZoneInfo(canonical)
        return tz

    def resolve(self, text: str) -> ResolvedZone:
        """Resolve a zone name, link, `UTC`/`Z`, or fixed offset; raise with suggestions if none."""
        zone = self.find(text)
        if zone is None:
            raise UnknownTimeZone(
                f"{text!r} is not a time zone. Use an IANA name like America/Toronto, or an "
                "offset like UTC-04:00.",
                suggestions=self.suggest(text.strip()),
            )
        return zone

    def find(self, text: str) -> ResolvedZone | None:
        """`resolve` without the error: None when the text is no zone (and no suggestions are
        sought, which costs a fuzzy search over every name).

        A real zone name wins over offset syntax: `GMT+0` and `Etc/GMT+5` are tzdata's own zones.
        Names as tzdata spells them are answered from a table (every answer names one, twice).
        """
        found = self._found.get(text)
        if found is not None:
            return found
        cleaned = text.strip()
        lowered = cleaned.lower()
        if lowered in _UTC_NAMES:
            return ResolvedZone(UTC, "UTC", "offset", "UTC")
        name = self._name(lowered)
        if name is not None:
            found = self.named(name)
            if text == name:  # bounded: one entry per zone name
                self._found[text] = found
            return found
        offset = parse_offset(cleaned)
        if offset is not None:
            label = "UTC" if not offset else f"UTC{format_offset(offset)}"
            return ResolvedZone(timezone(offset, label) if offset else UTC, label, "offset", label)
        return None

    def named(self, name: str) -> ResolvedZone:
        """A zone by its exact tzdata name, link or not: the name kept, the canonical rules."""
        canonical = self.links.get(name, name)
        return ResolvedZone(self.zone(canonical), name, "iana", canonical)

    def _name(self, lowered: str) -> str | None:
        """The tzdata name a lower-cased text spells. Spaces stand for underscores
        (`america/new york`); so does a `+` that is no sign (`America/New+York`, a form's space
        read literally), while `Etc/GMT+5` keeps its own."""
        name = self._by_lower.get(lowered.replace(" ", "_"))
        if name is None and "+" in lowered:
            name = self._by_lower.get(lowered.replace(" ", "_").replace("+", "_"))
        return name

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """Zone names (links among them) whose names or city parts are close to `text`."""
        query = text.strip().lower().replace("_", " ")[:64]
        if not query:
            return []
        matches = process.extract(
            query, self._fuzzy_keys.keys(), scorer=fuzz.WRatio, limit=limit * 3
        )
        best = matches[0][1] if matches else 0
        found = []
        for key, score, _ in matches:
            zone = self._fuzzy_keys[key]
            if score >= max(SUGGESTION_MIN_SCORE, best - SUGGESTION_SPREAD) and zone not in found:
                found.append(zone)
        return found[:limit]


def local_instant(instant: datetime, tz: tzinfo) -> LocalInstant:
    if instant.tzinfo is None:
        raise ValueError("naive datetime")
    local = instant.astimezone(tz)
    return LocalInstant(
        instant=local,
        utc_offset=format_offset(local.utcoffset() or timedelta(0)),
        abbreviation=local.tzname() or format_offset(local.utcoffset() or timedelta(0)),
        dst=bool(local.dst()),
    )


# Pure functions of a few hundred zones and a few fixed instants: memoised (results are frozen).
# Worst case without the bound: ~600 zone names and ~1,700 fixed offsets (every quarter hour from
# -14:00 to +14:00, written several ways) x 3 events, about 7,000 windows; kept to 4,096 of about
# 1 KB each, 4 MB.
@lru_cache(maxsize=4096)
def local_window(start: datetime, end: datetime, zone: ResolvedZone) -> LocalWindow:
    return LocalWindow(
        zone=zone,
        start=local_instant(start, zone.tz),
        end=local_instant(end, zone.tz),
        utc_date=start.astimezone(UTC).date().isoformat(),
    )


def zone_label(when: LocalInstant) -> str:
    """`EDT (UTC-04:00)`; just `UTC-04:30` where the zone has no letters of its own."""
    offset = f"UTC{when.utc_offset}"
    if when.abbreviation[:1] in "+-" or when.abbreviation.startswith("UTC"):
        return offset if when.abbreviation != "UTC" else "UTC"
    return f"{when.abbreviation} ({offset})"


# One table per event window (3 today), each about 600 rows: 8 leaves room for more events.
@lru_cache(maxsize=8)
def world_table(start: datetime, end: datetime, index: ZoneIndex) -> list[LocalWindow]:
    """Every zone name's local window, links included, ordered by UTC offset, then name."""
    rows = [local_window(start, end, index.named(n)) for n in index.names]
    rows.sort(key=lambda w: ((w.start.instant.utcoffset() or timedelta(0)), w.zone.name))
    return rows
