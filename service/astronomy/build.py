"""Build the events' committed astronomy with astropy: `python -m service.astronomy.build`.

Writes `service/data/astronomy.json` (`service.astronomy.precomputed` reads it at start-up), one
section per event per concern, each made by one function of the event's inputs that returns plain
data: `SECTIONS` lists them, so another concern is one more entry. Run it after changing the
event catalogue or any of `precomputed.BUILDER_SOURCES`; the service refuses to start on a stale
file and says so. `--check` rebuilds in memory and compares with the committed file within
`TOLERANCES` instead of writing (the test suite does the same).

astropy runs here, offline (builtin ephemeris, IERS-B from astropy-iers-data), and only here:
the serving process never imports it.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson

from service.astronomy import ephemeris, precomputed
from service.astronomy.ephemeris import EventAstronomy
from service.astronomy.in_picture import PicturedTable, in_picture
from service.astronomy.regions import window_regions
from service.events import Catalogue, Event, load_catalogue
from service.places.gazetteer import Gazetteer, Regions


@dataclass(frozen=True)
class Inputs:
    """What every section of one event is computed from: the event, its astropy core (apparent
    places, Earth rotation angle, light paths, the window's samples) and the gazetteer."""

    event: Event
    astronomy: EventAstronomy
    gazetteer: Gazetteer


def astronomy_section(inputs: Inputs) -> dict:
    return precomputed.astronomy_data(inputs.astronomy)


def view_section(inputs: Inputs) -> dict:
    """Earth, the Moon and the Sun seen from the target body when the window's first light
    arrived."""
    astro = inputs.astronomy
    view = ephemeris.body_view(astro.event_id, astro.target_body, astro.window_light_paths[0])
    return precomputed.view_data(view)


def earth_view_section(inputs: Inputs) -> dict:
    """Earth as the event's camera saw it: the point under the body, the phase, the Moon."""
    astro = inputs.astronomy
    view = ephemeris.body_view(astro.event_id, astro.target_body, astro.window_light_paths[0])
    return precomputed.earth_view_data(ephemeris.earth_view_of(astro, view))


def regions_section(inputs: Inputs) -> dict:
    return window_regions(inputs.astronomy)


def in_picture_section(inputs: Inputs) -> dict:
    geometry = inputs.astronomy.geometry[inputs.event.wave_window.start]
    table = PicturedTable.of(in_picture(inputs.gazetteer, geometry))
    return precomputed.table_data(table)


SECTIONS: dict[str, Callable[[Inputs], dict]] = {
    "astronomy": astronomy_section,
    "view": view_section,
    "earth_view": earth_view_section,
    "regions": regions_section,
    "in_picture": in_picture_section,
}


def build_event(event: Event, gazetteer: Gazetteer) -> dict:
    inputs = Inputs(event, ephemeris.event_astronomy(event), gazetteer)
    return {name: section(inputs) for name, section in SECTIONS.items()}


def built_with() -> dict[str, str]:
    """Provenance, not part of the version: what computed the numbers."""
    return {
        "astropy": metadata.version("astropy"),
        "astropy-iers-data": metadata.version("astropy-iers-data"),
        "ephemeris": "builtin",
        "earth_orientation": "IERS-B",
        precomputed.GAZETTEER_PACKAGE: metadata.version(precomputed.GAZETTEER_PACKAGE),
    }


def build(catalogue: Catalogue | None = None, gazetteer: Gazetteer | None = None) -> dict:
    """Every event's sections, with the data version of this catalogue and this code."""
    catalogue = catalogue or load_catalogue()
    gazetteer = gazetteer or Gazetteer.build(Regions.from_packages())
    ephemeris.configure_offline()
    return {
        "format": precomputed.FORMAT,
        "version": precomputed.expected_version(),
        "built_with": built_with(),
        "events": {event.id: build_event(event, gazetteer) for event in catalogue.events},
    }


def dumps(data: dict) -> bytes:
    """JSON with each top-level field, and each event's section, on a line of its own."""
    lines = [b"{"]
    head = [key for key in data if key != "events"]
    for key in head:
        lines.append(b"  " + orjson.dumps(key) + b": " + orjson.dumps(data[key]) + b",")
    lines.append(b'  "events": {')
    for n, (event_id, sections) in enumerate(data["events"].items()):
        lines.append(b"    " + orjson.dumps(event_id) + b": {")
        for m, (name, section) in enumerate(sections.items()):
            comma = b"," if m < len(sections) - 1 else b""
            lines.append(b"      " + orjson.dumps(name) + b": " + orjson.dumps(section) + comma)
        lines.append(b"    }" + (b"," if n < len(data["events"]) - 1 else b""))
    lines.append(b"  }")
    lines.append(b"}")
    return b"\n".join(lines) + b"\n"


# --- comparing a rebuild with the committed file ----------------------------------------------

# Absolute tolerances by the name of the field compared (the last key on its path). The same
# astropy and IERS data reproduce the file exactly; these leave room for another astropy or
# NumPy release, far inside what the answers show (altitudes to 0.01 deg, light-time to 0.1 s).
TOLERANCES: dict[str, float] = {
    "ra_deg": 1e-6,  # 3.6 milliarcseconds
    "dec_deg": 1e-6,
    "era_deg": 1e-8,
    "distance_km": 1.0,
    "light_time_s": 1e-3,
    "earth_km": 10.0,
    "moon_km": 10.0,
    "sun_km": 10.0,
    # Stored to 1e-4 deg (precomputed.ALTITUDE_DECIMALS): a rebuild may round one unit apart.
    "sun_altitude_deg": 2e-4,
    "target_altitude_deg": 2e-4,
    # Earth as the camera saw it (the bound for the sub-point is 0.1 deg; a rebuild on
    # the same ephemeris agrees far closer).
    "sub_body_lat_deg": 1e-6,
    "sub_body_lon_deg": 1e-6,
    "subsolar_lat_deg": 1e-6,
    "subsolar_lon_deg": 1e-6,
    "phase_angle_deg": 1e-6,
    "apparent_diameter_urad": 1e-6,
    "moon_east_urad": 1e-6,
    "moon_north_urad": 1e-6,
    "moon_distance_km": 1.0,
    "moon_apparent_diameter_urad": 1e-6,
    "north_pole_toward_camera": 1e-9,
    # GeoJSON vertices are rounded to 1e-4 deg (about 11 m): a rebuild may round one unit apart.
    "coordinates": 2e-4,
}


def differences(
    committed: Any, rebuilt: Any, path: str = "", tolerance: float = 0.0
) -> Iterator[str]:
    """Where two builds differ beyond `TOLERANCES` (exact where none is named), as paths."""
    if isinstance(committed, dict) and isinstance(rebuilt, dict):
        if committed.keys() != rebuilt.keys():
            yield f"{path}: keys {sorted(committed)} != {sorted(rebuilt)}"
            return
        for key in committed:
            yield from differences(
                committed[key], rebuilt[key], f"{path}.{key}", TOLERANCES.get(key, tolerance)
            )
    elif isinstance(committed, list) and isinstance(rebuilt, list):
        if len(committed) != len(rebuilt):
            yield f"{path}: {len(committed)} items != {len(rebuilt)}"
            return
        for i, (a, b) in enumerate(zip(committed, rebuilt)):
            yield from differences(a, b, f"{path}[{i}]", tolerance)
    elif _number(committed) and _number(rebuilt):
        if not math.isclose(committed, rebuilt, rel_tol=0.0, abs_tol=tolerance):
            yield f"{path}: {committed!r} != {rebuilt!r} (tolerance {tolerance:g})"
    elif committed != rebuilt:
        yield f"{path}: {committed!r} != {rebuilt!r}"


def _number(value: Any) -> bool:
    return isinstance(value, float | int) and not isinstance(value, bool)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=None, help="write here instead")
    parser.add_argument(
        "--check", action="store_true", help="rebuild and compare with the file; write nothing"
    )
    options = parser.parse_args(argv)
    path = options.output or precomputed.data_path()
    data = build()
    if options.check:
        found = list(differences(precomputed.read(path), orjson.loads(dumps(data))))
        for line in found[:50]:
            print(line)
        print(f"{path}: {len(found)} differences beyond tolerance")
        return 1 if found else 0
    path.write_bytes(dumps(data))
    print(f"wrote {path} (version {data['version']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
