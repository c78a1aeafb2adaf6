"""Earth as the camera saw it, as SVG: an orthographic globe centred on the point under the body,
north up, the night side dark, the twilights as bands, the land of the world map, the place marked
when it faced the camera.

The globe of an event is the same for every request: its path data (`GlobeLayer`) is made once,
at start-up, in a frame of radius `GLOBE_RADIUS` centred on the origin; a drawing places it with
a transform and adds the marker and its words. `render` makes the standalone document
(`/v1/events/{id}/view.svg`); `globe_group` the same globe inside another drawing (the share
image). Like the world map it refers to nothing outside itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from xml.sax.saxutils import escape, quoteattr

from service.astronomy.disk import (
    Disk,
    Point2,
    counter_clockwise,
    ring_vectors,
    unit_vector,
)
from service.astronomy.sky import PHASES
from service.astronomy.view import EarthView
from service.render.measure import wrap
from service.render.worldmap import LAND, OCEAN

GLOBE_RADIUS = 250.0
WIDTH_PX = 600
HEIGHT_PX = 720
# Room for a line of text, kept short of the edge: a browser may draw it in a wider font.
TEXT_WIDTH_PX = WIDTH_PX - 70
CENTRE = (300.0, 345.0)
GRATICULE_STEP_DEG = 30
FONT_FAMILY = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK JP', sans-serif"
)
NIGHT = "#020617"
# Opacities of the dark caps laid one over another (below -0.833, -6, -12 and -18 deg of the
# Sun's altitude) so that the bands reach the world map's 0.28, 0.45, 0.58 and 0.70.
SHADE_OPACITIES = (0.28, 0.236, 0.236, 0.286)
MARKER = "#ff3b6b"


@dataclass(frozen=True)
class GlobeLayer:
    """An event's globe as path data in the globe's own frame (radius GLOBE_RADIUS, y down)."""

    disk: Disk
    land: str
    coast: str
    shades: tuple[str, ...]
    graticule: str
    percent_lit: int


@dataclass(frozen=True)
class GlobeText:
    """Every word on the globe, already in the reader's language."""

    title: str
    description: str
    caption: str
    place_line: str  # the place faced the camera, or was on the far side; empty without a place
    marker_label: str
    legend_lit: str
    legend_dark: str
    legend_place: str
    language: str = "en"


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _path(outlines: Sequence[Sequence[Point2]], closed: bool) -> str:
    """Disk outlines (unit radius, y up) as path data in the globe frame (y down), to 0.1 px."""
    parts = []
    for outline in outlines:
        points = [(_num(x * GLOBE_RADIUS), _num(-y * GLOBE_RADIUS)) for x, y in outline]
        kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        if len(kept) < 2:
            continue
        parts.append(
            f"M{kept[0][0]} {kept[0][1]}L"
            + " ".join(f"{x} {y}" for x, y in kept[1:])
            + ("z" if closed else "")
        )
    return "".join(parts)


def land_rings() -> list[list[list[float]]]:
    """Every ring of Natural Earth's 1:110m land (`data/land-110m.json`), as lon/lat pairs."""
    feature = json.loads(
        resources.files("service").joinpath("data", "land-110m.json").read_text("utf-8")
    )
    geometry = feature["geometry"]
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return [ring for rings in polygons for ring in rings]


def globe_layer(view: EarthView, rings: Sequence[Sequence[Sequence[float]]]) -> GlobeLayer:
    """The globe of one view: land, coastlines, the dark caps and the graticule as path data."""
    disk = Disk.of(view)
    land, coast = [], []
    for ring in rings:
        ordered = ring if counter_clockwise(ring) else list(reversed(ring))
        vectors = ring_vectors(ordered)
        land += disk.region(vectors)
        coast += disk.visible_runs(vectors, closed=True)
    antisolar = unit_vector(-view.subsolar_lat_deg, view.subsolar_lon_deg + 180.0)
    shades = tuple(
        _path(disk.cap(antisolar, 90.0 + lower_deg), closed=True) for _, lower_deg in PHASES
    )
    lines = [
        ring_vectors([(lon, lat) for lat in range(-90, 91, 2)])
        for lon in range(-180, 180, GRATICULE_STEP_DEG)
    ]
    parallels = [
        ring_vectors([(lon, lat) for lon in range(-180, 181, 2)])
        for lat in range(-90 + GRATICULE_STEP_DEG, 90, GRATICULE_STEP_DEG)
    ]
    graticule = [run for line in lines + parallels for run in disk.visible_runs(line, False)]
    return GlobeLayer(
        disk=disk,
        land=_path(land, closed=True),
        coast=_path(coast, closed=False),
        shades=shades,
        graticule=_path(graticule, closed=False),
        percent_lit=round(100 * view.illuminated_fraction),
    )


def globe_group(
    layer: GlobeLayer,
    centre: tuple[float, float],
    radius_px: float,
    marker: Point2 | None,
    marker_label: str,
) -> str:
    """The globe, its centre at `centre` and `radius_px` across half, with a marker at disk point
    `marker` (x east, y north, in Earth radii): give it only for a place on the near side."""
    scale = radius_px / GLOBE_RADIUS
    r = _num(GLOBE_RADIUS)
    shades = "".join(
        f'<path d="{d}" fill="{NIGHT}" fill-opacity="{opacity}"/>'
        for d, opacity in zip(layer.shades, SHADE_OPACITIES)
        if d
    )
    # Every line is already cut at the limb (`Disk.region`, `Disk.visible_runs`): no clip path,
    # which would cost the rasteriser a mask the size of the picture.
    body = (
        f'<circle r="{r}" fill="{OCEAN}"/>'
        f'<path class="land" d="{layer.land}" fill="{LAND}" fill-rule="evenodd"/>'
        f'<path class="coast" d="{layer.coast}" fill="none" stroke="#2f5d3a" '
        f'stroke-width="{_num(1.2 / scale)}"/>'
        f'<g class="shade">{shades}</g>'
        f'<path class="graticule" d="{layer.graticule}" fill="none" stroke="#ffffff" '
        f'stroke-opacity="0.18" stroke-width="{_num(1 / scale)}"/>'
        f'<circle class="limb" r="{r}" fill="none" stroke="#8ea3c7" '
        f'stroke-width="{_num(1.5 / scale)}"/>'
    )
    cx, cy = centre
    group = f'<g class="globe" transform="translate({_num(cx)} {_num(cy)}) scale({scale:.4f})">'
    group += body + "</g>"
    if marker is not None:
        mx, my = cx + marker[0] * radius_px, cy - marker[1] * radius_px
        group += (
            f'<g class="place"><title>{escape(marker_label)}</title>'
            f'<circle cx="{mx:.2f}" cy="{my:.2f}" r="{_num(max(7.0, radius_px / 18))}" '
            f'fill="none" stroke="{MARKER}" stroke-width="3"/>'
            f'<circle id="place" cx="{mx:.2f}" cy="{my:.2f}" r="{_num(max(3.5, radius_px / 40))}" '
            f'fill="{MARKER}" stroke="#ffffff" stroke-width="2"/></g>'
        )
    return group


def _lines(lines: Sequence[str], y_px: float, step_px: float, attributes: str) -> str:
    """Lines of text from baseline `y_px`, `step_px` apart, at the globe's left margin."""
    return "".join(
        f'<text x="20" y="{_num(y_px + i * step_px)}" {attributes}>{escape(line)}</text>'
        for i, line in enumerate(lines)
    )


def render(layer: GlobeLayer, marker: Point2 | None, text: GlobeText) -> str:
    """The standalone globe: title, globe, legend, caption and the place's line."""
    legend = [
        (f'<circle cx="11" cy="7" r="7" fill="{OCEAN}"/>', text.legend_lit),
        (
            f'<circle cx="11" cy="7" r="7" fill="{OCEAN}"/>'
            f'<circle cx="11" cy="7" r="7" fill="{NIGHT}" fill-opacity="0.7"/>',
            text.legend_dark,
        ),
    ]
    if marker is not None:
        legend.append(
            (
                f'<circle cx="11" cy="7" r="6" fill="{MARKER}" stroke="#fff" stroke-width="2"/>',
                text.legend_place,
            )
        )
    column = WIDTH_PX / len(legend)
    legend_svg = "".join(
        f'<g transform="translate({_num(20 + i * column)} 615)">{swatch}'
        f'<text x="28" y="13">{escape(label)}</text></g>'
        for i, (swatch, label) in enumerate(legend)
    )
    return "".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH_PX}" height="{HEIGHT_PX}" '
            f'viewBox="0 0 {WIDTH_PX} {HEIGHT_PX}" role="img" '
            'aria-labelledby="globe-title globe-desc" '
            f"xml:lang={quoteattr(text.language)} font-family={quoteattr(FONT_FAMILY)}>",
            f'<title id="globe-title">{escape(text.title)}</title>'
            f'<desc id="globe-desc">{escape(text.description)}</desc>',
            '<rect width="100%" height="100%" fill="#0b1026"/>',
            f'<text x="20" y="40" font-size="22" font-weight="bold" fill="#f1f4fb">'
            f"{escape(text.title)}</text>",
            globe_group(layer, CENTRE, GLOBE_RADIUS, marker, text.marker_label),
            f'<g font-size="16" fill="#f1f4fb">{legend_svg}</g>',
            _lines(
                wrap(text.caption, 15, TEXT_WIDTH_PX, 2), 650, 18, 'font-size="15" fill="#b8c4dc"'
            ),
            _lines(
                wrap(text.place_line, 17, TEXT_WIDTH_PX, 2),
                694,
                20,
                'class="place-line" font-size="17" fill="#f1f4fb"',
            ),
            "</svg>\n",
        ]
    )
