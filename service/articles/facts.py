"""Fact check of the articles: each checkable claim, the value stated, the value computed, a
verdict.

Claims are data (`data/claims.json`): a check name, the event whose start-up astronomy it uses,
and verbatim quotes that find the claim's excerpts. Stated figures are read from the quote itself
and judged at the precision they are written with (`service.articles.figures`). Verdicts: `agrees`
when every stated figure fits the computed value, `disagrees` when none does, `partly` otherwise.

"Only North America was lit and facing Cassini" needs the list of countries that were in the
picture; `judge_lit_regions` takes it as plain input, and `check_all` checks that claim only when
it is given one.
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
from service.articles.figures import StatedFigure, parse_figures
from service.astronomy.ephemeris import BodyView, EventAstronomy
from service.events import Catalogue

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CONTINENTS = {
    "AF": "Africa",
    "AN": "Antarctica",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "OC": "Oceania",
    "SA": "South America",
}
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

    @property
    def verdict(self) -> str:
        agreeing = sum(s.agrees for s in self.stated)
        if agreeing == len(self.stated):
            return "agrees"
        return "disagrees" if agreeing == 0 else "partly"


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
        if claim.check not in CHECKS and claim.check != "lit_regions":
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


def _in_unit(value_km: float, unit: str, constants: Constants) -> float:
    return value_km / constants.km_per_mile if unit == "miles" else value_km


def _range(figure: StatedFigure) -> list[float | None]:
    low, high = figure.accepted_range()
    return [low, None if math.isinf(high) else high]


def _stated_distance(figure: StatedFigure, distance_km: float, constants: Constants) -> Stated:
    values: dict[str, Any] = {
        f"distance_{figure.unit}": figure.value,
        f"accepted_{figure.unit}": _range(figure),
    }
    if figure.unit == "miles":
        values["distance_km"] = round(figure.value * constants.km_per_mile)
    return Stated(
        figure.text, figure.agrees_with(_in_unit(distance_km, figure.unit, constants)), values
    )


def _fits(stated: Sequence[Stated], computed: str) -> str:
    """'the computed X fits A but not B', in words."""
    yes = [s.text for s in stated if s.agrees]
    no = [s.text for s in stated if not s.agrees]
    if not no:
        return f"The computed {computed} fits {' and '.join(repr(t) for t in yes)}."
    if not yes:
        return (
            f"The computed {computed} is not {' or '.join(repr(t) for t in no)} "
            "at the precision written."
        )
    return (
        f"The computed {computed} fits {' and '.join(repr(t) for t in yes)} but not "
        f"{' or '.join(repr(t) for t in no)}: the figures disagree with each other."
    )


def _large(value: float) -> str:
    """1444670123 -> '1.445 billion', 98489762 -> '98.49 million'."""
    if value >= 1e9:
        return f"{value / 1e9:.4g} billion"
    return f"{value / 1e6:.4g} million"


def check_earth_distance(claim: Claim, quote: str, inputs: FactInputs) -> Judgement:
    """Earth-spacecraft distance along the light path at the imaging window's start (body
    centre)."""
    distance_km = inputs.astronomy[claim.event_id].distance_km
    constants = inputs.constants
    stated = tuple(_stated_distance(f, distance_km, constants) for f in parse_figures(quote))
    miles = distance_km / constants.km_per_mile
    computed = {
        "distance_km": round(distance_km),
        "distance_miles": round(miles),
        "note": "Earth to the target body's centre, which stands in for the spacecraft orbiting it",
    }
    return Judgement(
        stated, computed, _fits(stated, f"{_large(distance_km)} km ({_large(miles)} miles)")
    )


def earth_width_px(distance_km: float, constants: Constants) -> dict[str, float]:
    """Earth's apparent width at `distance_km` in microradians and in each Cassini camera's
    pixels."""
    width_urad = angular_diameter_rad(constants.earth_equatorial_radius_km, distance_km) * 1e6
    return {
        "angular_diameter_urad": round(width_urad, 3),
        "width_px": round(width_urad / constants.nac_pixel_scale_urad, 3),
        "width_px_wide_angle": round(width_urad / constants.wac_pixel_scale_urad, 3),
    }


def check_earth_width(claim: Claim, quote: str, inputs: FactInputs) -> Judgement:
    """Earth's angular diameter over the narrow-angle camera's pixel scale."""
    distance_km = inputs.astronomy[claim.event_id].distance_km
    computed: dict[str, Any] = {
        **earth_width_px(distance_km, inputs.constants),
        "camera": "narrow-angle",
    }
    stated = tuple(
        Stated(
            f.text,
            f.agrees_with(computed["width_px"]),
            {"width_px": f.value, "accepted_px": _range(f)},
        )
        for f in parse_figures(quote)
    )
    c = inputs.constants
    reason = (
        f"Earth's {2 * c.earth_equatorial_radius_km:,.0f} km at {_large(distance_km)} km spans "
        f"{computed['angular_diameter_urad']:.2f} µrad: {computed['width_px']:.2f} pixels in the "
        f"narrow-angle camera ({c.nac_pixel_scale_urad:g} µrad/pixel), "
        f"{computed['width_px_wide_angle']:.2f} in the wide-angle camera "
        f"({c.wac_pixel_scale_urad:g})."
    )
    return Judgement(stated, computed, reason)


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
    return Judgement((Stated(quote, agrees),), computed, reason)


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
    return Judgement((Stated(quote, agrees),), computed, reason)


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
    return Judgement(stated, computed, reason)


def judge_lit_regions(regions: Sequence[str], in_picture: Sequence[InPictureCountry]) -> Judgement:
    """Were the claimed continents the only ones with places sunlit and facing the spacecraft?

    `regions` are GeoNames continent codes (NA, SA, EU, ...). Oceans are not judged: the
    gazetteer has no places there.
    """
    inside = [c for c in in_picture if c.continent in regions]
    outside = [c for c in in_picture if c.continent not in regions]
    names = " and ".join(CONTINENTS.get(r, r) for r in regions)
    stated: tuple[Stated, ...] = (
        Stated(f"{names} had places in the picture", bool(inside), {"countries": len(inside)}),
    )
    if inside:  # "only" means something once the claimed region is there at all
        stated += (Stated("nowhere else did", not outside, {"countries": len(outside)}),)
    computed = {
        "continents": sorted({c.continent for c in in_picture}),
        "countries": [c.country_code for c in in_picture],
        "outside_claim": [c.country_code for c in outside],
    }
    return Judgement(stated, computed, _lit_reason(names, inside, outside))


def _lit_reason(
    names: str, inside: Sequence[InPictureCountry], outside: Sequence[InPictureCountry]
) -> str:
    if not inside and not outside:
        return "No gazetteer place was both sunlit and facing the spacecraft."
    if not inside:
        return f"No place in {names} was both sunlit and facing the spacecraft."
    if not outside:
        return (
            "Every place both sunlit and facing the spacecraft was in "
            f"{names} ({len(inside)} countries)."
        )
    others = sorted({CONTINENTS.get(c.continent, c.continent) for c in outside})
    sample = ", ".join(c.country for c in outside[:5])
    return (
        f"{len(inside)} countries in {names} were in the picture, but so were {len(outside)} in "
        f"{', '.join(others)} ({sample}{', ...' if len(outside) > 5 else ''})."
    )


CHECKS: dict[str, Callable[[Claim, str, FactInputs], Judgement]] = {
    "earth_distance": check_earth_distance,
    "earth_width": check_earth_width,
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
    in_picture: Mapping[str, Sequence[InPictureCountry]] | None = None,
) -> tuple[FactCheck, ...]:
    """Every claim checked; a lit-regions claim only when its event's in-picture countries are
    given."""
    checks = []
    for claim in book.claims:
        if claim.event_id not in inputs.astronomy:
            raise ValueError(f"claim {claim.id}: no event is called {claim.event_id!r}")
        quoted = excerpts_quoting(claim, excerpts)
        if claim.check == "lit_regions":
            countries = (in_picture or {}).get(claim.event_id)
            if countries is None:
                continue
            judgement = judge_lit_regions(claim.options["regions"], countries)
        else:
            judgement = CHECKS[claim.check](claim, claim.quotes[0], inputs)
        checks.append(FactCheck(claim, quoted, judgement))
    return tuple(checks)
