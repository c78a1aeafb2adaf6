"""What the page and the card show, in the reader's language, built from the JSON answer itself
(so that the page, the card and the API cannot disagree). Plain dicts for the templates."""

from __future__ import annotations

import math
from collections.abc import Mapping
from urllib.parse import urlencode

from service.articles.corpus import Corpus
from service.events import Event
from service.render import i18n
from service.render.i18n import Messages

# The compass drawing: a rose seen from above and a quarter circle seen from the side.
ROSE_CENTRE = (95.0, 95.0)
ROSE_RADIUS = 72.0
GAUGE_ORIGIN = (205.0, 160.0)
GAUGE_RADIUS = 120.0


def degrees(value: float) -> str:
    """A whole number of degrees without sign: the words around it say above or below."""
    return f"{abs(round(value))}"


def body_name(body: str, m: Messages) -> str:
    return m.get(f"body.{body.lower()}", body.capitalize())


def place_label(place: Mapping, m: Messages) -> str:
    """`Toronto, Ontario, Canada`; `43.65°N, 79.38°W (zone America/Toronto)`; `zone Europe/Moscow`."""
    if place.get("resolved_from") == "city" and place.get("name"):
        region = (
            place.get("admin1") if place.get("admin1") != place.get("admin1_code") else None
        )  # a bare code says little
        parts = [place["name"], region, place.get("country") or place.get("country_code")]
        return ", ".join(dict.fromkeys(p for p in parts if p))
    if place.get("resolved_from") == "coordinates":
        return m.text(
            "coordinates_place",
            lat=latitude(place["lat"]),
            lon=longitude(place["lon"]),
            tz=place["tz"],
        )
    return m.text("zone_place", tz=place["tz"])


def latitude(lat_deg: float) -> str:
    return f"{abs(lat_deg):.2f}°{'N' if lat_deg >= 0 else 'S'}"


def longitude(lon_deg: float) -> str:
    return f"{abs(lon_deg):.2f}°{'E' if lon_deg >= 0 else 'W'}"


def verdict_reason(sunlit: bool, facing: bool) -> str:
    return {
        (True, True): "lit_facing",
        (True, False): "lit_away",
        (False, True): "dark_facing",
        (False, False): "dark_away",
    }[(sunlit, facing)]


def sun_view(sun: Mapping, m: Messages) -> dict:
    key = "sun_above" if sun["altitude_deg"] >= 0 else "sun_below"
    return {
        "phase": sun["phase"],
        "phase_label": m.text(f"phase.{sun['phase']}"),
        "text": m.text(key, deg=degrees(sun["altitude_deg"])),
    }


def target_view(target: Mapping, m: Messages) -> dict:
    name = body_name(target["body"], m)
    compass_name = m.text(f"compass.{target['compass']}")
    key = "target_above" if target["above_horizon"] else "target_below"
    updown = m.text("above" if target["altitude_deg"] >= 0 else "below")
    return {
        "name": name,
        "above_horizon": target["above_horizon"],
        "text": m.text(key, body=name, deg=degrees(target["altitude_deg"]), compass=compass_name),
        "compass": compass_drawing(target["azimuth_deg"], target["altitude_deg"], m),
        "alt": m.text(
            "compass_alt",
            body=name,
            compass=compass_name,
            azimuth=degrees(target["azimuth_deg"]),
            deg=degrees(target["altitude_deg"]),
            updown=updown,
        ),
    }


def compass_drawing(azimuth_deg: float, altitude_deg: float, m: Messages) -> dict:
    """Points of the drawing: the arrow's tip on the rose, the body's dot on the height gauge."""
    cx, cy = ROSE_CENTRE
    az = math.radians(azimuth_deg)
    alt = math.radians(altitude_deg)
    gx, gy = GAUGE_ORIGIN
    ticks = []
    for i in range(16):
        a = math.radians(i * 22.5)
        inner = ROSE_RADIUS - (10 if i % 4 == 0 else 5)
        ticks.append(
            {
                "x1": round(cx + inner * math.sin(a), 1),
                "y1": round(cy - inner * math.cos(a), 1),
                "x2": round(cx + ROSE_RADIUS * math.sin(a), 1),
                "y2": round(cy - ROSE_RADIUS * math.cos(a), 1),
            }
        )
    label_r = ROSE_RADIUS + 14
    cardinals = [
        {
            "text": m.text(f"cardinal.{c}"),
            "x": round(cx + label_r * math.sin(math.radians(a)), 1),
            "y": round(cy - label_r * math.cos(math.radians(a)) + 6, 1),
        }
        for c, a in (("N", 0), ("E", 90), ("S", 180), ("W", 270))
    ]
    return {
        "cx": cx,
        "cy": cy,
        "r": ROSE_RADIUS,
        "ticks": ticks,
        "cardinals": cardinals,
        "tip_x": round(cx + (ROSE_RADIUS - 14) * math.sin(az), 1),
        "tip_y": round(cy - (ROSE_RADIUS - 14) * math.cos(az), 1),
        "azimuth_deg": round(azimuth_deg, 1),
        "gx": gx,
        "gy": gy,
        "gr": GAUGE_RADIUS,
        "dot_x": round(gx + GAUGE_RADIUS * math.cos(alt), 1),
        "dot_y": round(gy - GAUGE_RADIUS * math.sin(alt), 1),
        "above": altitude_deg >= 0,
        "height_label": f"{'' if altitude_deg >= 0 else '−'}{degrees(altitude_deg)}°",
    }


def sky_view(sky: Mapping | None, m: Messages) -> dict | None:
    """The Sun, where to look, and the verdict; None when the answer carries no sky."""
    if not sky:
        return None
    target = target_view(sky["target"], m)
    in_picture = bool(sky["in_picture"])
    reason = verdict_reason(bool(sky["sunlit"]), bool(sky["target"]["above_horizon"]))
    return {
        "sun": sun_view(sky["sun"], m),
        "target": target,
        "verdict": {
            "yes": in_picture,
            "title": m.text("verdict.yes" if in_picture else "verdict.no"),
            "reason": m.text(f"reason.{reason}", body=target["name"]),
        },
        "at_end": at_end_text(sky, m),
    }


def summary(sky_at: Mapping, m: Messages) -> str:
    """The Sun, the target and the verdict in the reader's language, from one instant's sky."""
    target = target_view(sky_at["target"], m)
    reason = verdict_reason(bool(sky_at["sunlit"]), bool(sky_at["target"]["above_horizon"]))
    sun = sun_view(sky_at["sun"], m)
    return m.text(
        "summary",
        phase=sun["phase_label"],
        sun=sun["text"],
        target=target["text"],
        reason=m.text(f"reason.{reason}", body=target["name"]),
        verdict=m.text("verdict.yes" if sky_at["in_picture"] else "verdict.no"),
    )


def localised_sky(sky: Mapping, m: Messages) -> dict:
    """The answer's sky with its summaries in the reader's language (English keeps the sky's own)."""
    if m.language == i18n.DEFAULT_LANGUAGE:
        return dict(sky)
    return {
        **sky,
        "summary": summary(sky, m),
        "at_end": {**sky["at_end"], "summary": summary(sky["at_end"], m)},
    }


def at_end_text(sky: Mapping, m: Messages) -> str | None:
    """A line for the window's end, only when something changed by then: the phase or the verdict."""
    at_end = sky.get("at_end")
    if not at_end or "sun" not in at_end or "target" not in at_end:
        return None
    changed = (
        at_end["sun"]["phase"] != sky["sun"]["phase"]
        or at_end.get("in_picture", sky["in_picture"]) != sky["in_picture"]
    )
    if not changed:
        return None
    target = at_end["target"]
    return m.text(
        "at_end",
        phase=m.text(f"phase.{at_end['sun']['phase']}"),
        body=body_name(target["body"], m),
        deg=degrees(target["altitude_deg"]),
        updown=m.text("above" if target["altitude_deg"] >= 0 else "below"),
    )


def excerpts_view(excerpts: list[Mapping], corpus: Corpus, m: Messages) -> list[dict]:
    """Each supporting excerpt with every article that printed it (title, publisher, link), and
    the verdicts of our fact checks that found it wrong or partly right."""
    shown = []
    for excerpt in excerpts:
        sources = []
        for source in excerpt.get("sources", []):
            article = corpus.get(source["article_id"])
            sources.append(
                {
                    "title": article.title,
                    "publisher": article.publisher or m.text("unknown_publisher"),
                    "date": article.date,
                    "url": article.url,
                }
            )
        doubted = [f for f in excerpt.get("fact_checks", []) if f["verdict"] != "agrees"]
        shown.append({"text": excerpt["text"], "sources": sources, "fact_checks": doubted})
    return shown


def intro(event: Event, m: Messages) -> str:
    """The event in a sentence, its date and times taken from the catalogue."""
    start, end = event.wave_window.start, event.wave_window.end
    times = [i18n.clock(t) for t in event.image_times] or [i18n.clock(start)]
    return (
        m.text(
            f"intro.{event.id}",
            date=i18n.date_text(start, m),
            start=i18n.clock(start),
            end=i18n.clock(end),
            times=i18n.list_text(times, m),
        )
        if f"intro.{event.id}" in m.table
        else event.name
    )


def event_label(event: Event, m: Messages) -> str:
    return m.get(f"event.{event.id}", event.name)


def url(base: str, path: str, params: Mapping[str, object]) -> str:
    """An absolute URL on this site; parameters that are None are left out."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{base.rstrip('/')}{path}" + (f"?{query}" if query else "")
