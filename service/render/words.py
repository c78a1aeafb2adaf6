"""Every sentence a reader sees about an answer, in the reader's language, from the message
catalogue (`data/messages.json`): the place's label, the Sun, the target, the verdict and the
summary. The domain hands over facts (numbers, booleans, phases); the words are written here once,
for the JSON `summary`, the terminal text, the page and the card alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Protocol

from babel.numbers import format_decimal

from service.claims.reasons import Continents, Quoted
from service.render.i18n import Messages, city_name, country_name, date_text, list_text


class SunFacts(Protocol):
    @property
    def altitude_deg(self) -> float: ...
    @property
    def compass(self) -> str: ...
    @property
    def phase(self) -> str: ...


class TargetFacts(Protocol):
    @property
    def body(self) -> str: ...
    @property
    def altitude_deg(self) -> float: ...
    @property
    def azimuth_deg(self) -> float: ...
    @property
    def compass(self) -> str: ...
    @property
    def above_horizon(self) -> bool: ...


class SkyFacts(Protocol):
    """One instant's sky over a place, as the domain (`SkyAt`) or the answer (`SkyAtOut`) holds
    it."""

    @property
    def sun(self) -> SunFacts: ...
    @property
    def target(self) -> TargetFacts: ...
    @property
    def sunlit(self) -> bool: ...
    @property
    def in_picture(self) -> bool: ...


def degrees(value: float) -> str:
    """A whole number of degrees without sign: the words around it say above or below."""
    return f"{abs(round(value))}"


def latitude(lat_deg: float) -> str:
    return f"{abs(lat_deg):.2f}°{'N' if lat_deg >= 0 else 'S'}"


def longitude(lon_deg: float) -> str:
    return f"{abs(lon_deg):.2f}°{'E' if lon_deg >= 0 else 'W'}"


def body_name(body: str, m: Messages) -> str:
    return m.get(f"body.{body.lower()}", body.capitalize())


class CityFacts(Protocol):
    @property
    def name(self) -> str | None: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def admin1_code(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def country_code(self) -> str | None: ...
    @property
    def tz(self) -> str: ...


class PlaceFacts(CityFacts, Protocol):
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...


def city_label(place: CityFacts, m: Messages) -> str:
    """`Toronto, Ontario, Canada`, `Toronto, Ontario, Kanada`: the country, and the city where
    CLDR names it, in the reader's language; a bare region code says little, so it is left out."""
    region = place.admin1 if place.admin1 != place.admin1_code else None
    name = city_name(place.name, place.tz, m) if place.name else None
    parts = [name, region, country_name(place.country_code, place.country, m)]
    return m.text("place_separator").join(dict.fromkeys(p for p in parts if p))


def title(detail: str, m: Messages) -> str:
    """`Wave at Saturn: Toronto`, `Saluez Saturne : Paris`: a title in one language."""
    return labelled(m.text("site_name"), detail, m)


def labelled(head: str, detail: str, m: Messages) -> str:
    """`Cassini, 19 July: Toronto`: a head and what it is about, punctuated the language's way."""
    return m.text("labelled", head=head, detail=detail)


def place_label(place: PlaceFacts, resolved_from: str, m: Messages) -> str:
    """`Toronto, Ontario, Canada`; `43.65°N, 79.38°W (zone America/Toronto)`;
    `zone Europe/Moscow`."""
    if resolved_from == "city" and place.name:
        return city_label(place, m)
    if resolved_from == "coordinates":
        return m.text(
            "coordinates_place", lat=latitude(place.lat), lon=longitude(place.lon), tz=place.tz
        )
    return m.text("zone_place", tz=place.tz)


_REASONS = {
    (True, True): "lit_facing",
    (True, False): "lit_away",
    (False, True): "dark_facing",
    (False, False): "dark_away",
}


def verdict_reason(sunlit: bool, facing: bool) -> str:
    """The message key of why a place was in the picture or not."""
    return _REASONS[(sunlit, facing)]


def phase_label(phase: str, m: Messages) -> str:
    return m.text(f"phase.{phase}")


def sun_text(sun: SunFacts, m: Messages) -> str:
    """`The Sun stood 35° above the horizon, in the west.`"""
    return _sun_text(m.sentences, degrees(sun.altitude_deg), sun.compass, sun.altitude_deg >= 0)


def target_text(target: TargetFacts, m: Messages) -> str:
    return _target_text(
        m.sentences, target.body, degrees(target.altitude_deg), target.compass, target.above_horizon
    )


# The sentences are kept by the facts they say (whole degrees, a compass point), per language
# (not per locale: they hold no date or clock): of the Sun's and of a target's, 181 heights x 16
# points x up or down, 5,792 per body.
@lru_cache(maxsize=8192)
def _sun_text(m: Messages, deg: str, compass: str, above: bool) -> str:
    return m.text(
        "sun_above" if above else "sun_below", deg=deg, compass=m.text(f"compass.{compass}")
    )


@lru_cache(maxsize=8192)
def _target_text(m: Messages, body: str, deg: str, compass: str, above: bool) -> str:
    return m.text(
        "target_above" if above else "target_below",
        body=body_name(body, m),
        deg=deg,
        compass=m.text(f"compass.{compass}"),
    )


def updown(altitude_deg: float, m: Messages) -> str:
    return m.text("above" if altitude_deg >= 0 else "below")


def verdict_title(in_picture: bool, m: Messages) -> str:
    return m.text("verdict.yes" if in_picture else "verdict.no")


def reason_text(sky: SkyFacts, m: Messages) -> str:
    return _reason_text(
        m.sentences, verdict_reason(sky.sunlit, sky.target.above_horizon), sky.target.body
    )


def view_summary(place_label: str, visible: bool, lit: bool, body: str, m: Messages) -> str:
    """Whether a place faced the camera, and whether it was lit: the view's sentence."""
    side = m.text("globe_near_side" if visible else "globe_far_side", place=place_label)
    return f"{side} {_reason_text(m, verdict_reason(lit, visible), body)}"


@lru_cache(maxsize=64)
def _reason_text(m: Messages, reason: str, body: str) -> str:
    return m.text(f"reason.{reason}", body=body_name(body, m))


def summary(sky: SkyFacts, m: Messages) -> str:
    """The Sun, the target and the verdict in one paragraph, from one instant's sky."""
    reason = verdict_reason(sky.sunlit, sky.target.above_horizon)
    template = _summary_template(
        m.sentences, sky.sun.phase, reason, sky.target.body, sky.in_picture
    )
    return template.format(sun=sun_text(sky.sun, m), target=target_text(sky.target, m))


def _literal(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


# The summary with all but its two sentences of degrees filled in: per language and body, five
# phases x four reasons x two verdicts (of which twelve occur), so each answer fills two slots.
@lru_cache(maxsize=256)
def _summary_template(m: Messages, phase: str, reason: str, body: str, in_picture: bool) -> str:
    return m.text(
        "summary",
        phase=_literal(phase_label(phase, m)),
        sun="{sun}",
        target="{target}",
        reason=_literal(_reason_text(m, reason, body)),
        verdict=_literal(verdict_title(in_picture, m)),
    )


def at_end_text(start: SkyFacts, end: SkyFacts, m: Messages) -> str | None:
    """A line for the window's end, only when something changed by then: the phase or the
    verdict."""
    if end.sun.phase == start.sun.phase and end.in_picture == start.in_picture:
        return None
    return m.text(
        "at_end",
        phase=phase_label(end.sun.phase, m),
        body=body_name(end.target.body, m),
        deg=degrees(end.target.altitude_deg),
        updown=updown(end.target.altitude_deg, m),
    )


def claim_value(value: object, m: Messages) -> str:
    """A value of a claim's reason, written the language's way: numbers with its separators,
    dates in full, continents by name; text as it is."""
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, int | float):
        return format_decimal(value, locale=m.language)
    if isinstance(value, date):
        return date_text(datetime(value.year, value.month, value.day), m)
    if isinstance(value, Quoted):
        return list_text((m.text("quoted", text=text) for text in value), m)
    if isinstance(value, Continents):
        return list_text((m.get(f"continent.{code}", code) for code in value), m)
    return str(value)


def claim_reason(key: str, values: Mapping[str, object], m: Messages) -> str:
    """A checked claim's reason in one sentence of the reader's language."""
    return m.text(key, **{name: claim_value(v, m) for name, v in values.items()})


def claim_verdict(verdict: str, m: Messages) -> str:
    return m.text(f"claim.verdict.{verdict}")
