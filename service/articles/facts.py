"""Fact check of the articles: each checkable claim, the value stated, the value computed, a
verdict.

Claims are data (`data/claims.json`): a check name, the event whose start-up astronomy it uses,
and verbatim quotes that find the claim's excerpts. Stated figures are read from the quote itself
and judged at the precision they are written with (`service.articles.figures`). Verdicts: `agrees`
when every stated figure fits the computed value, `disagrees` when none does, `partly` otherwise.

The claims any text may make (distances, Earth's width in pixels, the lit regions) are judged by
the claim checker (`service.claims`), which builds on this module: `check_all` takes those judges
from its caller (`JUDGED_BY_CALLER`), so the two never judge the same claim twice.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from service.articles.excerpts import Excerpt
from service.astronomy.ephemeris import BodyView, EventAstronomy
from service.events import Catalogue

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Discs whose facing edges are at least this many pixels apart show as two objects.
RESOLVED_GAP_PX = 1.0


@dataclass(frozen=True)
class Claim:
    id: str
    check: str
    event_id: str
    claim: str
    quotes: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Constants:
    """Physical and instrument constants, each with its source."""

    earth_equatorial_radius_km: float
    moon_mean_radius_km: float
    km_per_mile: float
    nac_pixel_scale_urad: float
    wac_pixel_scale_urad: float
    sources: dict[str, str]


@dataclass(frozen=True)
class ClaimBook:
    claims: tuple[Claim, ...]
    constants: Constants


@dataclass(frozen=True)
class Stated:
    """One thing the article states, as written, with its number(s) and whether it holds."""

    text: str
    agrees: bool
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Judgement:
    stated: tuple[Stated, ...]
    computed: dict[str, Any]
    reason: str
    verdict: str

    @classmethod
    def of(cls, stated: tuple[Stated, ...], computed: dict[str, Any], reason: str) -> Judgement:
        """A judgement whose verdict is its stated parts': all hold, none does, or some do."""
        agreeing = sum(s.agrees for s in stated)
        if agreeing == len(stated):
            verdict = "agrees"
        else:
            verdict = "disagrees" if agreeing == 0 else "partly"
        return cls(stated, computed, reason, verdict)


@dataclass(frozen=True)
class FactCheck:
    claim: Claim
    excerpts: tuple[Excerpt, ...]
    judgement: Judgement

    @property
    def verdict(self) -> str:
        return self.judgement.verdict


@dataclass(frozen=True)
class InPictureCountry:
    """A country with gazetteer cities that were sunlit and facing the spacecraft."""

    country_code: str
    country: str
    continent: str
    cities: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactInputs:
    """What the checks compute from: start-up astronomy, the views from the bodies, constants."""

    catalogue: Catalogue
    astronomy: dict[str, EventAstronomy]
    views: dict[str, BodyView]
    constants: Constants


def load_claims() -> ClaimBook:
    """Read `data/claims.json`; unknown check names are a data error."""
    raw = json.loads(
        resources.files("service").joinpath("data/claims.json").read_text(encoding="utf-8")
    )
    constants = raw["constants"]
    book = ClaimBook(
        claims=tuple(_claim(c) for c in raw["claims"]),
        constants=Constants(
            **{name: float(c["value"]) for name, c in constants.items()},
            sources={name: c["source"] for name, c in constants.items()},
        ),
    )
    for claim in book.claims:
        if claim.check not in CHECKS and claim.check not in JUDGED_BY_CALLER:
            raise ValueError(f"claim {claim.id}: no check is called {claim.check!r}")
    return book


def _claim(raw: dict[str, Any]) -> Claim:
    known = {"id", "check", "event", "claim", "quotes"}
    return Claim(
        id=raw["id"],
        check=raw["check"],
        event_id=raw["event"],
        claim=raw["claim"],
        quotes=tuple(raw["quotes"]),
        options={k: v for k, v in raw.items() if k not in known},
    )


# --- geometry -----------------------------------------------------------------------------------


def angle_between_rad(u: Sequence[float], v: Sequence[float]) -> float:
    """Angle between two vectors, stable for small angles (atan2 of cross and dot)."""
    a, b = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    return float(math.atan2(np.linalg.norm(np.cross(a, b)), float(a @ b)))


def angular_diameter_rad(radius_km: float, distance_km: float) -> float:
    return 2.0 * math.asin(radius_km / distance_km)


def _norm_km(v: ArrayLike) -> float:
    return float(np.linalg.norm(np.asarray(v, dtype=float)))


# --- checks -------------------------------------------------------------------------------------


def check_earth_moon_separation(claim: Claim, quote: str, inputs: FactInputs) -> Judgement:
    """Are Earth and Moon apart by more than their discs in the narrow-angle camera?"""
    view, c = inputs.views[claim.event_id], inputs.constants
    separation_urad = angle_between_rad(view.earth_km, view.moon_km) * 1e6
    earth_urad = angular_diameter_rad(c.earth_equatorial_radius_km, _norm_km(view.earth_km)) * 1e6
    moon_urad = angular_diameter_rad(c.moon_mean_radius_km, _norm_km(view.moon_km)) * 1e6
    gap_px = (separation_urad - (earth_urad + moon_urad) / 2) / c.nac_pixel_scale_urad
    computed = {
        "separation_urad": round(separation_urad, 1),
        "separation_px": round(separation_urad / c.nac_pixel_scale_urad, 1),
        "separation_px_wide_angle": round(separation_urad / c.wac_pixel_scale_urad, 2),
        "gap_px": round(gap_px, 1),
        "camera": "narrow-angle",
    }
    agrees = gap_px >= RESOLVED_GAP_PX
    reason = (
        f"Seen from Saturn the Moon was {separation_urad:.0f} µrad from Earth: "
        f"{computed['separation_px']:.1f} narrow-angle pixels apart, "
        f"{'two separate dots' if agrees else 'one blur'} "
        f"({computed['separation_px_wide_angle']:.1f} pixels in the wide-angle camera)."
    )
    return Judgement.of((Stated(quote, agrees),), computed, reason)


def sun_earth_angle_deg(view: BodyView) -> float:
    return math.degrees(angle_between_rad(view.sun_km, view.earth_km))


def max_sun_earth_angle_deg(view: BodyView) -> float:
    """The largest angle Earth can stand from the Sun, seen from the body at these distances."""
    sun_to_earth_km = _norm_km(np.subtract(view.earth_km, view.sun_km))
    return math.degrees(math.asin(min(1.0, sun_to_earth_km / _norm_km(view.sun_km))))


def check_sun_earth_angle(claim: Claim, quote: str, inputs: FactInputs) -> Judgement:
    """Earth's angle from the Sun seen from Saturn, against the same angle seen from Mercury."""
    far = inputs.views[claim.event_id]
    near = inputs.views[claim.options["compare_event"]]
    computed = {
        "sun_earth_angle_deg": round(sun_earth_angle_deg(far), 3),
        "max_sun_earth_angle_deg": round(max_sun_earth_angle_deg(far), 3),
        "sun_earth_angle_from_mercury_deg": round(sun_earth_angle_deg(near), 3),
    }
    agrees = computed["sun_earth_angle_deg"] < computed["sun_earth_angle_from_mercury_deg"]
    reason = (
        f"Seen from Saturn, Earth stood {computed['sun_earth_angle_deg']:.2f}° from the Sun "
        f"(never more than {computed['max_sun_earth_angle_deg']:.2f}° from there); "
        "seen from Mercury for "
        f"MESSENGER the same day, {computed['sun_earth_angle_from_mercury_deg']:.0f}°."
    )
    return Judgement.of((Stated(quote, agrees),), computed, reason)


def saturday_from_offset(instant: datetime) -> str:
    """The smallest UTC offset at which `instant` is already the next calendar day, as ±hh:mm."""
    utc = instant.astimezone(UTC)
    midnight = datetime(utc.year, utc.month, utc.day, tzinfo=UTC) + timedelta(days=1)
    minutes = math.ceil((midnight - utc).total_seconds() / 60)
    return f"+{minutes // 60:02d}:{minutes % 60:02d}"


def check_weekday(claim: Claim, quote: str, inputs: FactInputs) -> Judgement:
    """The weekday named in the quote against the wave window's start, in UTC and west of it."""
    start = inputs.catalogue.get(claim.event_id).wave_window.start.astimezone(UTC)
    weekday = WEEKDAYS[start.weekday()]
    next_day = WEEKDAYS[(start.weekday() + 1) % 7]
    named = [d for d in WEEKDAYS if d.lower() in quote.lower()]
    computed = {"weekday_utc": weekday, "next_day_from_utc_offset": saturday_from_offset(start)}
    stated = tuple(Stated(d, d == weekday, {"weekday": d}) for d in named)
    reason = (
        f"{start:%Y-%m-%d %H:%M} UTC was a {weekday} in UTC and at every offset below "
        f"{computed['next_day_from_utc_offset']}; east of that it was already {next_day}."
    )
    return Judgement.of(stated, computed, reason)


# A check: the claim, its first quote, what it computes from.
Judge = Callable[[Claim, str, FactInputs], Judgement]
# The checks of claims any text may make, judged by the claim checker: `check_all`'s caller
# gives them.
JUDGED_BY_CALLER = frozenset({"earth_distance", "earth_width", "lit_regions"})

CHECKS: dict[str, Judge] = {
    "earth_moon_separation": check_earth_moon_separation,
    "sun_earth_angle": check_sun_earth_angle,
    "weekday": check_weekday,
}


def excerpts_quoting(claim: Claim, excerpts: Sequence[Excerpt]) -> tuple[Excerpt, ...]:
    """The excerpts each quote occurs in; a quote found nowhere is a data error."""
    found: list[Excerpt] = []
    for quote in claim.quotes:
        matching = [e for e in excerpts if e.mentions(quote)]
        if not matching:
            raise ValueError(f"claim {claim.id}: no excerpt contains {quote!r}")
        found += [e for e in matching if e not in found]
    return tuple(found)


def check_all(
    book: ClaimBook,
    excerpts: Sequence[Excerpt],
    inputs: FactInputs,
    judges: Mapping[str, Judge],
) -> tuple[FactCheck, ...]:
    """Every claim checked, each from its first quote; `judges` judge the checks named in
    `JUDGED_BY_CALLER`, and a claim whose check has no judge is a data error."""
    checks = []
    for claim in book.claims:
        if claim.event_id not in inputs.astronomy:
            raise ValueError(f"claim {claim.id}: no event is called {claim.event_id!r}")
        judge = CHECKS.get(claim.check) or judges.get(claim.check)
        if judge is None:
            raise ValueError(f"claim {claim.id}: no judge was given for {claim.check!r}")
        quoted = excerpts_quoting(claim, excerpts)
        checks.append(FactCheck(claim, quoted, judge(claim, claim.quotes[0], inputs)))
    return tuple(checks)
