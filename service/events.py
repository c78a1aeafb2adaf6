"""The event catalogue: published facts of each imaging event, loaded from `data/events.json`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from service.errors import UnknownEvent

EVENTS_FILE = "events.json"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True)
class Window:
    """A published interval of aware UTC instants, with where it was published."""

    start: datetime
    end: datetime
    note: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PublishedFigure:
    """A figure from the sources: as a source states it, or, where `derived_from` says how,
    worked out from figures they state (a difference of two published times)."""

    value: float
    note: str
    sources: tuple[str, ...]
    derived_from: str | None = None

    @property
    def basis(self) -> str:
        return "derived" if self.derived_from else "published"


@dataclass(frozen=True)
class Fact:
    fact: str
    value: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Camera:
    """A camera aboard the spacecraft: its angular size of one pixel and the detector's width."""

    id: str
    name: str
    ifov_urad: float
    pixels: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    spacecraft: str
    target_body: str
    date: str
    date_sources: tuple[str, ...]
    wave_window: Window
    spacecraft_window: Window | None
    mosaic_window: Window | None
    image_times: tuple[datetime, ...]
    light_time_from: str
    published_light_time: PublishedFigure
    published_distance: PublishedFigure
    facts: tuple[Fact, ...]
    cameras: tuple[Camera, ...] = ()

    def instants(self) -> tuple[datetime, ...]:
        """Every Earth instant the sky is asked about: the wave window's ends and any image
        times."""
        seen = dict.fromkeys((self.wave_window.start, self.wave_window.end, *self.image_times))
        return tuple(seen)


@dataclass(frozen=True)
class Catalogue:
    events: tuple[Event, ...]
    sources: dict[str, Source]

    def get(self, event_id: str) -> Event:
        for event in self.events:
            if event.id == event_id:
                return event
        raise UnknownEvent(
            f"No event is called {event_id!r}. Known events: {', '.join(self.ids())}.",
            known_ids=list(self.ids()),
        )

    def ids(self) -> tuple[str, ...]:
        return tuple(event.id for event in self.events)


def parse_instant(text: str) -> datetime:
    """Parse an ISO 8601 instant that must carry its offset; a naive instant is a data error."""
    instant = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if instant.tzinfo is None:
        raise ValueError(f"instant {text!r} has no UTC offset")
    return instant


def _window(raw: dict[str, Any] | None) -> Window | None:
    if raw is None:
        return None
    window = Window(
        start=parse_instant(raw["start"]),
        end=parse_instant(raw["end"]),
        note=raw["note"],
        sources=tuple(raw["sources"]),
    )
    if window.end < window.start:
        raise ValueError(f"window ends before it starts: {raw}")
    return window


def _figure(raw: dict[str, Any]) -> PublishedFigure:
    return PublishedFigure(
        value=float(raw["value"]),
        note=raw["note"],
        sources=tuple(raw["sources"]),
        derived_from=raw.get("derived_from"),
    )


def _event(raw: dict[str, Any]) -> Event:
    wave_window = _window(raw["wave_window"])
    assert wave_window is not None
    return Event(
        id=raw["id"],
        name=raw["name"],
        spacecraft=raw["spacecraft"],
        target_body=raw["target_body"],
        date=raw["date"]["value"],
        date_sources=tuple(raw["date"]["sources"]),
        wave_window=wave_window,
        spacecraft_window=_window(raw["spacecraft_window"]),
        mosaic_window=_window(raw["mosaic_window"]),
        image_times=tuple(parse_instant(t) for t in raw["image_times"]),
        light_time_from=raw["light_time_from"],
        published_light_time=_figure(raw["published"]["light_time_s"]),
        published_distance=_figure(raw["published"]["distance_km"]),
        facts=tuple(Fact(f["fact"], f["value"], tuple(f["sources"])) for f in raw["facts"]),
        cameras=tuple(_camera(c) for c in raw.get("cameras", [])),
    )


def _camera(raw: dict[str, Any]) -> Camera:
    camera = Camera(
        id=raw["id"],
        name=raw["name"],
        ifov_urad=float(raw["ifov_urad"]),
        pixels=int(raw["pixels"]),
        sources=tuple(raw["sources"]),
    )
    if camera.ifov_urad <= 0 or camera.pixels <= 0:
        raise ValueError(f"camera {camera.id}: its pixel size and width must be positive")
    return camera


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read the catalogue and check that every cited source exists."""
    text = (
        path.read_text()
        if path
        else resources.files("service").joinpath("data", EVENTS_FILE).read_text()
    )
    raw = json.loads(text)
    sources = {sid: Source(id=sid, **fields) for sid, fields in raw["sources"].items()}
    events = tuple(_event(e) for e in raw["events"])
    for event in events:
        cited = [
            *event.date_sources,
            *event.wave_window.sources,
            *event.published_light_time.sources,
            *event.published_distance.sources,
            *(s for f in event.facts for s in f.sources),
            *(s for c in event.cameras for s in c.sources),
        ]
        for window in (event.spacecraft_window, event.mosaic_window):
            cited += list(window.sources) if window else []
        missing = sorted(set(cited) - sources.keys())
        if missing:
            raise ValueError(f"event {event.id} cites unknown sources {missing}")
        if event.light_time_from not in ("spacecraft_window", "wave_window"):
            raise ValueError(f"event {event.id}: light_time_from must name a window")
        if event.light_time_from == "spacecraft_window" and event.spacecraft_window is None:
            raise ValueError(f"event {event.id}: light time from a missing spacecraft window")
    return Catalogue(events=events, sources=sources)
