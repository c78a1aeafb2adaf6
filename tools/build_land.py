"""Build `service/data/land-110m.json` from Natural Earth's 1:110m land, as TopoJSON.

The input is `land-110m.json` of the npm package world-atlas (version 2), a redistribution of
Natural Earth 4.1.0 (public domain). Get it with
`npm pack world-atlas@2 && tar xzf world-atlas-*.tgz` and run
`python tools/build_land.py package/land-110m.json service/data/land-110m.json`.
The output is GeoJSON (a MultiPolygon), coordinates rounded to 0.01 degree, made ready for flat
(equirectangular) drawing: each ring's longitudes are unwrapped so that it never jumps across the
antimeridian (they may run past +-180; draw such a ring again shifted by 360 degrees and clip), and
a ring that circles a pole (Antarctica) is closed along that pole.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SOURCE = {
    "name": "Natural Earth 1:110m physical vectors, land",
    "version": "4.1.0",
    "license": "public domain",
    "publisher": "Natural Earth (naturalearthdata.com)",
    "via": "npm package world-atlas@2, land-110m.json (TopoJSON)",
}


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    """Delta-decode and dequantize every arc into lon/lat points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """Join arcs into one ring; a negative index ~i means arc i reversed."""
    points: list[list[float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return [[round(lon, 2), round(lat, 2)] for lon, lat in flat_ready(points)]


def flat_ready(points: list[list[float]]) -> list[list[float]]:
    """Unwrap longitudes to be continuous; close a ring that circles a pole along the pole."""
    unwrapped = [list(points[0])]
    for lon, lat in points[1:]:
        previous = unwrapped[-1][0]
        lon += 360.0 * round((previous - lon) / 360.0)
        unwrapped.append([lon, lat])
    turns = round((unwrapped[-1][0] - unwrapped[0][0]) / 360.0)
    if turns:
        pole = -90.0 if sum(lat for _, lat in unwrapped) < 0 else 90.0
        unwrapped += [[unwrapped[-1][0], pole], [unwrapped[0][0], pole], list(unwrapped[0])]
    return unwrapped


def polygons(topology: dict) -> list[list[list[list[float]]]]:
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["land"]["geometries"]:
        parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for part in parts:
            out.append([ring(r, arcs) for r in part])
    return out


def main(source: Path, target: Path) -> None:
    topology = json.loads(source.read_text())
    geojson = {
        "type": "Feature",
        "properties": {"source": SOURCE},
        "geometry": {"type": "MultiPolygon", "coordinates": polygons(topology)},
    }
    target.write_text(json.dumps(geojson, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
