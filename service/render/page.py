"""The page people see (`/`), the card other sites embed (`/embed`) and its oEmbed frame, rendered
from the one typed answer in the reader's language. Jinja templates in `service/templates` get
plain view models built here; every sentence comes from `service.render.words` or the catalogue.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlencode

from service.application.answer import Outcome
from service.application.question import PLACE_PARAMETERS, Question
from service.application.schemas import LocalAnswer, PlaceOut, SkyAtOut, SkyOut, TargetOut
from service.articles.corpus import Corpus
from service.errors import InvalidParameter
from service.events import Catalogue, Event
from service.render import i18n, words
from service.render.assets import Site
from service.render.i18n import Messages
from service.render.words import PlaceFacts
from service.render.worldmap import DEFS, MapText, Pin, legend_entries
from service.render.worldmap import render as render_world

# The compass drawing: a rose seen from above and a quarter circle seen from the side.
ROSE_CENTRE = (95.0, 95.0)
ROSE_RADIUS = 72.0
GAUGE_ORIGIN = (205.0, 160.0)
GAUGE_RADIUS = 120.0
# The card's frames (oEmbed): the full card, and the compact one a smaller frame gets (no compass,
# no date line) at its natural height. Below the smallest, the time and verdict would not fit.
CARD_WIDTH_PX = 440
CARD_HEIGHT_PX = 300
FULL_CARD_MIN_WIDTH_PX = 400  # card.css: narrower frames get the compact layout
COMPACT_CARD_HEIGHT_PX = 220
CARD_MIN_WIDTH_PX = 200
CARD_MIN_HEIGHT_PX = 180


@dataclass(frozen=True)
class Links:
    """Where this site is (`base`, from configuration or a checked Host) and the main event."""

    base: str
    main_event_id: str

    def url(self, path: str, params: Mapping[str, object], absolute: bool = True) -> str:
        """A URL on this site; parameters that are None are left out."""
        query = urlencode({k: v for k, v in params.items() if v is not None})
        return f"{self.base if absolute else ''}{path}" + (f"?{query}" if query else "")

    def asked_again(self, event: Event, q: Question, place: PlaceOut | None = None) -> dict:
        """The query that asks this page again: a typed place becomes its resolved city or point."""
        params: dict[str, object] = dict(q.where.params())
        if q.where.text is not None and place is not None:
            params = place_params(place)
        return {
            "event": None if event.id == self.main_event_id else event.id,
            **params,
            "lang": q.lang,
        }


def place_params(place: PlaceOut) -> dict[str, object]:
    if place.resolved_from == "city" and place.query:
        return {"city": place.query}
    if place.resolved_from == "timezone":
        return {"tz": place.tz}
    return {"lat": place.lat, "lon": place.lon}


def place_label(place: PlaceOut, m: Messages) -> str:
    return words.place_label(place, place.resolved_from, m)


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
            "y": round(cy - label_r * math.cos(math.radians(a)), 1),
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
        "height_label": f"{'' if altitude_deg >= 0 else '−'}{words.degrees(altitude_deg)}°",
    }


def target_view(target: TargetOut, m: Messages) -> dict:
    name = words.body_name(target.body, m)
    return {
        "name": name,
        "above_horizon": target.above_horizon,
        "text": words.target_text(target, m),
        "compass": compass_drawing(target.azimuth_deg, target.altitude_deg, m),
        "alt": m.text(
            "compass_alt",
            body=name,
            compass=m.text(f"compass.{target.compass}"),
            azimuth=words.degrees(target.azimuth_deg),
            deg=words.degrees(target.altitude_deg),
            updown=words.updown(target.altitude_deg, m),
        ),
    }


def sky_view(sky: SkyOut, m: Messages) -> dict:
    """The Sun, where to look, and the verdict."""
    start: SkyAtOut = sky
    return {
        "sun": {
            "phase": sky.sun.phase,
            "phase_label": words.phase_label(sky.sun.phase, m),
            "text": words.sun_text(sky.sun, m),
        },
        "target": target_view(sky.target, m),
        "verdict": {
            "yes": sky.in_picture,
            "title": words.verdict_title(sky.in_picture, m),
            "reason": words.reason_text(start, m),
        },
        "at_end": words.at_end_text(start, sky.at_end, m),
    }


def excerpts_view(answer: LocalAnswer, corpus: Corpus, m: Messages) -> list[dict]:
    """Each supporting excerpt with every article that printed it (title, publisher, link), and
    the verdicts of our fact checks that found it wrong or partly right."""
    shown = []
    for excerpt in answer.excerpts:
        sources = []
        for source in excerpt.sources:
            article = corpus.get(source.article_id)
            sources.append(
                {
                    "title": article.title,
                    "publisher": article.publisher or m.text("unknown_publisher"),
                    "date": article.date,
                    "url": article.url,
                }
            )
        doubted = [f for f in excerpt.fact_checks if f.verdict != "agrees"]
        shown.append({"text": excerpt.text, "sources": sources, "fact_checks": doubted})
    return shown


def answer_view(answer: LocalAnswer, corpus: Corpus, m: Messages) -> dict:
    window = answer.wave_window
    label = place_label(answer.place, m)
    return {
        "place": label,
        "place_name": answer.place.name or label,
        "note": answer.place.note,
        "display": answer.local.display,
        "display_parts": display_parts(answer.local.display),
        "times": times_text(answer.local.start, answer.local.end, m),
        "utc": m.text("when_utc", times=times_text(window.start, window.end, m)),
        "sky": sky_view(answer.sky, m),
        "excerpts": excerpts_view(answer, corpus, m),
    }


# The zone at the end of a window's display: `EDT (UTC-04:00)` or `UTC-02:00`.
_ZONE_TAIL = re.compile(r" (\S+ \(UTC[+-]\d\d:\d\d\)|UTC[+-]\d\d:\d\d|UTC)$")


def display_parts(display: str) -> tuple[str, str]:
    """The display line and its zone apart, so that a page keeps `(UTC-04:00)` on one line."""
    found = _ZONE_TAIL.search(display)
    if found is None:
        return display, ""
    return display[: found.start()], found.group(1)


def times_text(start_iso: str, end_iso: str, m: Messages) -> str:
    """The window's local times in the reader's clock: `17:27–17:42`, `5:27 – 5:42 PM`; a window
    across midnight as two times."""
    start, end = _instant(start_iso), _instant(end_iso)
    if start.date() != end.date():
        return f"{i18n.clock(start, m)} – {i18n.clock(end, m)}"
    return i18n.time_range(start, end, m)


@lru_cache(maxsize=4096)
def _instant(iso: str) -> datetime:
    """An ISO 8601 instant of the answer (`Z` or an offset), kept: answers repeat a few."""
    return datetime.fromisoformat(iso)


def intro(event: Event, m: Messages) -> str:
    """The event in a sentence, its date and times taken from the catalogue."""
    start, end = event.wave_window.start, event.wave_window.end
    if f"intro.{event.id}" not in m.table:
        return event.name
    times = [i18n.clock(t, m) for t in event.image_times] or [i18n.clock(start, m)]
    return m.text(
        f"intro.{event.id}",
        date=i18n.date_text(start, m),
        start=i18n.clock(start, m),
        end=i18n.clock(end, m),
        times=i18n.list_text(times, m),
    )


def event_label(event: Event, m: Messages) -> str:
    return m.get(f"event.{event.id}", event.name)


def map_text(event: Event, place_text: str | None, m: Messages) -> MapText:
    """Every word on the map, in the reader's language."""
    start = event.wave_window.start
    body = words.body_name(event.target_body, m)
    legend = {
        key: m.text(f"legend.{key}", body=body)
        for key in (
            "day",
            "twilight",
            "night",
            "facing_target",
            "in_picture",
            "place",
            "subsolar",
            "sub_target",
        )
    }
    return MapText(
        title=words.title(event_label(event, m), m),
        description=map_alt(event, place_text, m),
        caption=m.text("map_caption", time=i18n.clock(start, m), date=i18n.date_text(start, m)),
        credit=m.text("map_credit"),
        legend=legend,
        language=m.language,
    )


def map_alt(event: Event, place_text: str | None, m: Messages) -> str:
    start = event.wave_window.start
    alt = m.text(
        "map_alt",
        time=i18n.clock(start, m),
        date=i18n.date_text(start, m),
        body=words.body_name(event.target_body, m),
    )
    return f"{alt} {m.text('map_pin_alt', place=place_text)}" if place_text else alt


def map_view(
    site: Site, event: Event, place_text: str | None, viewed: dict | None, src: str, m: Messages
) -> dict:
    """The map on the page: its text alternative says the answer, and its legend and caption are
    text beside it (readable on a phone, where the map's own would be a few pixels tall)."""
    text = map_text(event, place_text, m)
    alt = map_alt(event, place_text, m)
    if viewed and viewed["sky"]:
        verdict = viewed["sky"]["verdict"]
        alt = f"{alt} {verdict['title']}. {verdict['reason']}"
    entries = legend_entries(text, place_text is not None, site.map_layers.get(event.id))
    return {
        "src": src,
        "alt": alt,
        "caption": text.caption,
        "legend": [{"key": k, "swatch": swatch, "label": label} for k, swatch, label in entries],
        "defs": DEFS,
    }


def alternatives(place: PlaceOut, params: dict, links: Links, m: Messages) -> list[dict]:
    """When a name was ambiguous, the other places it could mean, each a link to its own answer."""
    if not place.ambiguous:
        return []
    others = {k: v for k, v in params.items() if k not in PLACE_PARAMETERS}
    return [
        {"text": words.city_label(a, m), "href": links.url("/", {**others, "city": a.query}, False)}
        for a in place.alternatives
    ]


def error_view(
    message: str, suggestions: list[str], q: Question, params: dict, links: Links
) -> dict:
    key = "tz" if q.where.tz is not None and q.where.city is None else "city"
    others = {k: v for k, v in params.items() if k not in PLACE_PARAMETERS}
    return {
        "message": message,
        "suggestions": [
            {"text": s, "href": links.url("/", {**others, key: s}, False)} for s in suggestions
        ],
    }


def suggestions_of(outcome: Outcome) -> list[str]:
    if outcome.error is None:
        return []
    return [s for s in outcome.error.details.get("suggestions", []) if isinstance(s, str)]


def page(
    site: Site, catalogue: Catalogue, corpus: Corpus, q: Question, outcome: Outcome, links: Links
) -> str:
    """The page for an event and a place (or none yet, or the error that stopped it)."""
    m = site.messages.reader(q.language)
    event, answer = outcome.event, outcome.answer
    place = answer.place if answer else None
    params = links.asked_again(event, q, place)
    page_url = links.url("/", params)
    map_params = {
        k: v for k, v in params.items() if k != "event" and (place or k not in PLACE_PARAMETERS)
    }
    viewed = answer_view(answer, corpus, m) if answer else None
    context = {
        "m": m,
        "lang": q.language.used,
        "language": q.language,
        "event": {"id": event.id, "label": event_label(event, m), "intro": intro(event, m)},
        "events": [
            {
                "id": e.id,
                "label": event_label(e, m),
                "current": e.id == event.id,
                "href": links.url(
                    "/", {**params, "event": None if e.id == links.main_event_id else e.id}, False
                ),
            }
            for e in catalogue.events
        ],
        "languages": [
            {
                "code": code,
                "name": site.messages[code].text("language_name"),
                "current": code == q.language.used,
                "href": links.url("/", {**params, "lang": code}, False),
            }
            for code in site.messages.offered
        ],
        "form": {
            "value": box_value(place) if place and not outcome.error else q.where.box_text(),
            "event": params["event"],
            "lang": q.lang,
        },
        "answer": viewed,
        "alternatives": alternatives(place, params, links, m) if place else [],
        "map": map_view(
            site,
            event,
            place_label(place, m) if place else None,
            viewed,
            links.url(f"/v1/events/{event.id}/map.svg", map_params, False),
            m,
        ),
        "error": error_view(outcome.error.message, suggestions_of(outcome), q, params, links)
        if outcome.error
        else None,
        "urls": {
            "page": page_url,
            "oembed": links.url("/oembed", {"url": page_url, "format": "json"}),
            "embed": links.url("/embed", params) if answer else None,
        },
        "meta": meta(viewed, intro(event, m), m),
        "globe": {
            "src": links.url(f"/v1/events/{event.id}/view.svg", map_params, False),
            "alt": globe_alt(event, outcome, m),
        },
        "share": share_image(event, answer, params, links, m),
    }
    return site.templates.get_template("page.html").render(context)


def globe_alt(event: Event, outcome: Outcome, m: Messages) -> str:
    """The globe's text alternative: what the camera saw and where the place was on it."""
    from service.render import pictures  # here: pictures builds on this module's words

    if outcome.view is None:
        return m.text("globe_heading")
    return pictures.globe_alt(event, outcome.view, m)


def share_image(
    event: Event,
    answer: LocalAnswer | None,
    params: Mapping[str, object],
    links: Links,
    m: Messages,
) -> dict:
    """The share image of an answer (`og:image`): an absolute URL for the same event, place and
    language, its fixed size, and its words."""
    from service.render import pictures, share  # here: pictures builds on this module's words

    query = {
        k: v for k, v in params.items() if k != "event" and (answer or k not in PLACE_PARAMETERS)
    }
    return {
        "src": links.url(f"/v1/events/{event.id}/share.png", {**query, "lang": m.language}),
        "width": share.WIDTH_PX,
        "height": share.HEIGHT_PX,
        "alt": pictures.share_alt(event, answer, m),
    }


def box_value(place: PlaceOut) -> str:
    """The place box after an answer: the text that finds the place again, none for coordinates."""
    if place.resolved_from == "city":
        return place.query or place.name or ""
    return place.tz if place.resolved_from == "timezone" else ""


def meta(viewed: dict | None, intro_text: str, m: Messages) -> dict:
    """Title and description for the tab, link previews (Open Graph) and search results."""
    if not viewed:
        return {"title": m.text("site_name"), "description": intro_text}
    verdict = viewed["sky"]["verdict"]
    description = f"{viewed['display']}. {verdict['title']}. {verdict['reason']}"
    return {"title": words.title(viewed["place"], m), "description": description}


def card(site: Site, corpus: Corpus, q: Question, outcome: Outcome, links: Links) -> str:
    """The small card for an iframe: self-contained, its style inline."""
    m = site.messages.reader(q.language)
    answer = outcome.answer
    params = links.asked_again(outcome.event, q, answer.place if answer else None)
    page_url = links.url("/", params)
    context = {
        "m": m,
        "lang": q.language.used,
        "share": share_image(outcome.event, answer, params, links, m),
        "css": site.card_css,
        "title": words.title(place_label(answer.place, m), m) if answer else m.text("site_name"),
        "event": {"label": event_label(outcome.event, m)},
        "answer": answer_view(answer, corpus, m) if answer else None,
        "error": outcome.error.message if outcome.error else None,
        "urls": {
            "page": page_url,
            "oembed": links.url("/oembed", {"url": page_url, "format": "json"}),
        },
    }
    return site.templates.get_template("card.html").render(context)


def oembed(
    site: Site,
    q: Question,
    outcome: Outcome,
    links: Links,
    maxwidth: int | None,
    maxheight: int | None,
    cache_age_s: int,
) -> dict:
    """oEmbed 1.0 `rich`: an iframe of the card for the same event, place and language."""
    assert outcome.answer is not None
    m = site.messages.reader(q.language)
    width, height = card_frame(maxwidth, maxheight)
    src = links.url("/embed", links.asked_again(outcome.event, q, outcome.answer.place))
    title = words.title(place_label(outcome.answer.place, m), m)
    frame = site.templates.get_template("iframe.html").render(
        src=src, width=width, height=height, title=title
    )
    return {
        "version": "1.0",
        "type": "rich",
        "html": frame.strip(),
        "width": width,
        "height": height,
        "title": title,
        "provider_name": site.messages[i18n.DEFAULT_LANGUAGE].text("site_name"),
        "provider_url": links.base + "/",
        "cache_age": cache_age_s,
    }


def card_frame(maxwidth: int | None, maxheight: int | None) -> tuple[int, int]:
    """The card's frame within oEmbed's bounds: the full card when 400 px or more fit, else the
    compact card at its natural height, never larger than the bounds; InvalidParameter below
    200 x 180, where the local time and the verdict would no longer fit."""
    for name, bound, least in (
        ("maxwidth", maxwidth, CARD_MIN_WIDTH_PX),
        ("maxheight", maxheight, CARD_MIN_HEIGHT_PX),
    ):
        if bound is not None and bound < least:
            raise InvalidParameter(
                f"{name}={bound} is too small for the card: it needs {CARD_MIN_WIDTH_PX} x "
                f"{CARD_MIN_HEIGHT_PX} px or more; give {name}={least} or more.",
                parameter=name,
                minimum=least,
            )
    width = min(CARD_WIDTH_PX, maxwidth or CARD_WIDTH_PX)
    natural = CARD_HEIGHT_PX if width >= FULL_CARD_MIN_WIDTH_PX else COMPACT_CARD_HEIGHT_PX
    return width, min(natural, maxheight or natural)


def map_svg(
    site: Site, event: Event, place: PlaceFacts | None, resolved_from: str | None, m: Messages
) -> str:
    """The world at the window's start, with a pin on the place when there is one."""
    label = words.place_label(place, resolved_from or "", m) if place else None
    pin = Pin(place.lat, place.lon, label or "") if place else None
    return render_world(site.land, site.map_layers.get(event.id), pin, map_text(event, label, m))
