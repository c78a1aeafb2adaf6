"""Turning domain objects into the plain dicts the schemas describe."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache

from service.astronomy.ephemeris import EventAstronomy, LightPath
from service.astronomy.sky import SkyAt, Transition, WindowSky
from service.events import Catalogue, Event, Window
from service.places.resolve import Place
from service.places.zones import LocalWindow, ResolvedZone, display


@lru_cache(maxsize=1024)
def iso_utc(instant: datetime) -> str:
    """`2013-07-19T21:27:00Z`, rounded to the second. Kept: every answer writes the same few
    instants (the window's ends and samples), and strftime is slow."""
    return _round_second(instant.astimezone(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def window(w: Window | None) -> dict | None:
    if w is None:
        return None
    return {
        "start": iso_utc(w.start),
        "end": iso_utc(w.end),
        "note": w.note,
        "sources": list(w.sources),
    }


def _computed_windows(event: Event, astro: EventAstronomy) -> dict:
    first, last = astro.window_light_paths
    note = f"Computed with astropy (builtin ephemeris), light-time iterated; anchored on the {event.light_time_from}"
    published = (
        event.spacecraft_window
        if event.light_time_from == "spacecraft_window"
        else event.wave_window
    )
    other = (
        event.wave_window
        if event.light_time_from == "spacecraft_window"
        else event.spacecraft_window
    )
    if published and other:
        published_s = (published.end - published.start).total_seconds()
        other_s = (other.end - other.start).total_seconds()
        if abs(published_s - other_s) > 1:
            note += (
                f". The published windows last {published_s:.0f} s and {other_s:.0f} s: the longer one"
                " was rounded out to whole minutes, so only the start is expected to match"
            )

    def span(a: datetime, b: datetime) -> dict:
        return {"start": iso_utc(a), "end": iso_utc(b), "note": note, "sources": []}

    return {
        "wave_window": span(first.earth_instant, last.earth_instant),
        "spacecraft_window": span(first.body_instant, last.body_instant),
        "image_arrivals": [iso_utc(p.body_instant) for p in astro.image_light_paths],
    }


def cited_sources(event: Event, catalogue: Catalogue) -> list[dict]:
    ids = dict.fromkeys(
        [
            *event.date_sources,
            *event.wave_window.sources,
            *(event.spacecraft_window.sources if event.spacecraft_window else ()),
            *event.published_light_time.sources,
            *event.published_distance.sources,
            *(s for f in event.facts for s in f.sources),
        ]
    )
    return [vars(catalogue.sources[i]) for i in ids]


def event(e: Event, astro: EventAstronomy, catalogue: Catalogue) -> dict:
    light: LightPath = astro.window_light_paths[0]
    return {
        "id": e.id,
        "name": e.name,
        "spacecraft": e.spacecraft,
        "target_body": e.target_body,
        "date": e.date,
        "wave_window": window(e.wave_window),
        "spacecraft_window": window(e.spacecraft_window),
        "mosaic_window": window(e.mosaic_window),
        "image_times": [iso_utc(t) for t in e.image_times],
        "light_time": {
            "published_s": e.published_light_time.value,
            "computed_s": round(light.light_time_s, 1),
            "difference_s": round(light.light_time_s - e.published_light_time.value, 1),
            "computed_from": e.light_time_from,
            "note": e.published_light_time.note,
            "sources": list(e.published_light_time.sources),
        },
        "distance": {
            "published_km": e.published_distance.value,
            "computed_km": round(light.distance_km),
            "note": e.published_distance.note,
            "sources": list(e.published_distance.sources),
        },
        "computed": _computed_windows(e, astro),
        "facts": [vars(f) | {"sources": list(f.sources)} for f in e.facts],
        "sources": cited_sources(e, catalogue),
    }


def local_window(w: LocalWindow) -> dict:
    return {
        "start": w.start.instant.isoformat(timespec="seconds"),
        "end": w.end.instant.isoformat(timespec="seconds"),
        "tz": w.zone.name,
        "abbreviation": w.start.abbreviation,
        "utc_offset": w.start.utc_offset,
        "dst": w.start.dst,
        "display": display(w),
        "date": w.local_date,
        "utc_date": w.utc_date,
        "date_differs_from_utc": w.day_offset != 0,
        "day_offset": w.day_offset,
    }


def world_row(w: LocalWindow) -> dict:
    return {
        "tz": w.zone.name,
        "utc_offset": w.start.utc_offset,
        "abbreviation": w.start.abbreviation,
        "dst": w.start.dst,
        "start": w.start.instant.isoformat(timespec="seconds"),
        "end": w.end.instant.isoformat(timespec="seconds"),
    }


def place(p: Place) -> dict:
    return {
        "name": p.name,
        "admin1": p.admin1,
        "country_code": p.country_code,
        "country": p.country,
        "lat": round(p.lat, 5),
        "lon": round(p.lon, 5),
        "tz": p.tz,
        "population": p.population,
        "geonames_id": p.geonames_id,
        "resolved_from": p.resolved_from,
        "note": p.note,
        "admin1_code": p.admin1_code,
        "query": p.query,
        "ambiguous": p.ambiguous,
        "alternatives": [
            vars(c) | {"lat": round(c.lat, 5), "lon": round(c.lon, 5)} for c in p.alternatives
        ],
    }


def _round_second(instant: datetime) -> datetime:
    return (instant + timedelta(microseconds=500_000)).replace(microsecond=0)


def _azimuth(azimuth_deg: float) -> float:
    return round(azimuth_deg, 2) % 360.0


def sky_at(s: SkyAt) -> dict:
    return {
        "instant": iso_utc(s.instant),
        "sun": {
            "altitude_deg": round(s.sun.altitude_deg, 2),
            "apparent_altitude_deg": round(s.sun.apparent_altitude_deg, 2),
            "azimuth_deg": _azimuth(s.sun.azimuth_deg),
            "compass": s.sun.compass,
            "phase": s.sun.phase,
        },
        "sunlit": s.sunlit,
        "target": {
            "body": s.target.body,
            "altitude_deg": round(s.target.altitude_deg, 2),
            "azimuth_deg": _azimuth(s.target.azimuth_deg),
            "compass": s.target.compass,
            "above_horizon": s.target.above_horizon,
        },
        "in_picture": s.in_picture,
        "summary": s.summary,
    }


def transition(t: Transition, zone: ResolvedZone) -> dict:
    instant = _round_second(t.instant)
    return {
        "instant": iso_utc(instant),
        "local": instant.astimezone(zone.tz).isoformat(timespec="seconds"),
        "body": t.body,
        "kind": t.kind,
    }


def sky(w: WindowSky, zone: ResolvedZone, p: Place) -> dict:
    note = None
    if p.resolved_from == "timezone":
        note = (
            f"The sky is for {p.tz}'s representative point ({p.lat:.2f}, {p.lon:.2f}) in tzdata's zone tables; "
            "give lat and lon for your own place."
        )
    return {
        **sky_at(w.start),
        "at_end": sky_at(w.end),
        "transitions": [transition(t, zone) for t in w.transitions],
        "note": note,
    }
