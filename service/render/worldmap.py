"""The world map of an event instant as standalone SVG: land, day and night, the hemisphere facing
the target, where a place was in the picture, a pin, a legend and a caption.

Equirectangular: x grows with longitude from -180 at the left edge, y with latitude from +90 at
the top. The SVG makes no outside reference (no fonts, images or stylesheets to fetch), so it
works as an `<img>` on any site. The land outline is turned into path data once, at start-up;
the regions of each event, too: a request only adds its pin and its words.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from xml.sax.saxutils import escape, quoteattr

MAP_WIDTH_PX = 1000
MAP_HEIGHT_PX = 500
LEGEND_ROW_PX = 30
LEGEND_FONT_PX = 18
PRECISION = 1  # decimals of a pixel kept in path data
GRATICULE_STEP_DEG = 30

# Drawing order and look of each region kind (RFC 7946 features from `service.astronomy.regions`).
SHADES: tuple[tuple[str, str], ...] = (
    ("civil_twilight", 'fill="#020617" fill-opacity="0.28"'),
    ("nautical_twilight", 'fill="#020617" fill-opacity="0.45"'),
    ("astronomical_twilight", 'fill="#020617" fill-opacity="0.58"'),
    ("night", 'fill="#020617" fill-opacity="0.7"'),
    (
        "facing_target",
        'fill="url(#facing)" stroke="#9ad1ff" stroke-width="2" stroke-dasharray="8 5"',
    ),
    ("in_picture", 'fill="#ffd166" fill-opacity="0.4" stroke="#ffd166" stroke-width="3"'),
)
OCEAN = "#1d4e7e"
LAND = "#8fbf7a"


@dataclass(frozen=True)
class Frame:
    """Pixel coordinates of lon/lat on the map."""

    width_px: float = MAP_WIDTH_PX
    height_px: float = MAP_HEIGHT_PX

    def x(self, lon_deg: float) -> float:
        return (lon_deg + 180.0) / 360.0 * self.width_px

    def y(self, lat_deg: float) -> float:
        return (90.0 - lat_deg) / 180.0 * self.height_px


@dataclass(frozen=True)
class Pin:
    lat_deg: float
    lon_deg: float
    label: str


@dataclass(frozen=True)
class MapText:
    """Every word on the map, already in the reader's language."""

    title: str
    description: str
    caption: str
    credit: str
    legend: Mapping[str, str]  # legend key (see LEGEND) -> label
    language: str = "en"


@dataclass(frozen=True)
class EventLayer:
    """An event instant's regions as path data, by kind, and the points under the Sun and target."""

    paths: Mapping[str, str]
    subsolar: tuple[float, float] | None = None  # (lat_deg, lon_deg)
    sub_target: tuple[float, float] | None = None
    target_body: str = ""


@dataclass(frozen=True)
class LandLayer:
    path: str
    source: Mapping[str, str] = field(default_factory=dict)


def _num(value: float) -> str:
    text = f"{value:.{PRECISION}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def ring_path(ring: Sequence[Sequence[float]], frame: Frame, shift_deg: float = 0.0) -> str:
    """One closed ring as compact path data: an absolute move, then relative lines, rounded."""
    scale = 10**PRECISION
    points = [
        (round(frame.x(lon + shift_deg) * scale), round(frame.y(lat) * scale)) for lon, lat in ring
    ]
    kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if len(kept) < 3:
        return ""
    (x0, y0), parts = kept[0], []
    for (px, py), (qx, qy) in zip(kept, kept[1:]):
        parts.append(f"{_num((qx - px) / scale)} {_num((qy - py) / scale)}")
    return f"M{_num(x0 / scale)} {_num(y0 / scale)}l" + " ".join(parts).replace(" -", "-") + "z"


def _polygons(geometry: Mapping) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _shifts(rings: Iterable[Sequence[Sequence[float]]]) -> list[float]:
    """Every whole-turn shift that brings part of an unwrapped polygon into [-180, 180]."""
    lons = [lon for ring in rings for lon, _ in ring]
    low, high = min(lons), max(lons)
    first, last = math.floor((-180.0 - high) / 360.0), math.ceil((180.0 - low) / 360.0)
    return [
        360.0 * k
        for k in range(first, last + 1)
        if low + 360.0 * k < 180.0 and high + 360.0 * k > -180.0
    ]


def geometry_path(geometry: Mapping, frame: Frame) -> str:
    """A Polygon or MultiPolygon as one path (holes by even-odd), repeated where it runs past
    +-180."""
    parts = []
    for rings in _polygons(geometry):
        for shift in _shifts(rings):
            parts += [ring_path(ring, frame, shift) for ring in rings]
    return "".join(parts)


def load_land(frame: Frame = Frame()) -> LandLayer:
    """Natural Earth 110m land (`data/land-110m.json`) as path data, with its source."""
    feature = json.loads(
        resources.files("service").joinpath("data", "land-110m.json").read_text("utf-8")
    )
    return LandLayer(
        geometry_path(feature["geometry"], frame), feature.get("properties", {}).get("source", {})
    )


def event_layer(collection: Mapping, frame: Frame = Frame()) -> EventLayer:
    """Path data for each region kind of a GeoJSON FeatureCollection, and its two sub-points."""
    paths: dict[str, str] = {}
    points: dict[str, tuple[float, float]] = {}
    for feature in collection.get("features", []):
        kind, geometry = feature["properties"]["kind"], feature["geometry"]
        if geometry["type"] == "Point":
            lon, lat = geometry["coordinates"][:2]
            points[kind] = (lat, lon)
        else:
            paths[kind] = paths.get(kind, "") + geometry_path(geometry, frame)
    return EventLayer(
        paths,
        points.get("subsolar_point"),
        points.get("sub_target_point"),
        str(collection.get("target_body", "")),
    )


# --- the drawing -----------------------------------------------------------------------------

# Legend entries in reading order: key, swatch drawing (in a 22 x 14 box at the origin).
LEGEND: tuple[tuple[str, str], ...] = (
    (
        "day",
        f'<rect width="22" height="14" fill="{OCEAN}"/>'
        f'<rect width="11" height="14" fill="{LAND}"/>',
    ),
    (
        "twilight",
        f'<rect width="22" height="14" fill="{OCEAN}"/>'
        '<rect x="7" width="15" height="14" fill="#020617" fill-opacity="0.28"/>'
        '<rect x="15" width="7" height="14" fill="#020617" fill-opacity="0.35"/>',
    ),
    (
        "night",
        f'<rect width="22" height="14" fill="{OCEAN}"/>'
        '<rect width="22" height="14" fill="#020617" fill-opacity="0.7"/>',
    ),
    (
        "facing_target",
        '<rect width="22" height="14" fill="url(#facing)" stroke="#9ad1ff" stroke-width="2" '
        'stroke-dasharray="5 3"/>',
    ),
    (
        "in_picture",
        '<rect width="22" height="14" fill="#ffd166" fill-opacity="0.6" stroke="#ffd166" '
        'stroke-width="2"/>',
    ),
    ("place", '<circle cx="11" cy="7" r="6" fill="#ff3b6b" stroke="#fff" stroke-width="2"/>'),
    (
        "subsolar",
        '<circle cx="11" cy="7" r="6" fill="#ffe066" stroke="#7a5c00" stroke-width="1.5"/>',
    ),
    (
        "sub_target",
        '<circle cx="11" cy="7" r="6" fill="#c9c3bb" stroke="#3b3631" stroke-width="1.5"/>',
    ),
)
RINGED_BODIES = {"saturn"}
RINGED_GLYPH = (
    '<circle cx="11" cy="7" r="5" fill="#e8d5a9" stroke="#3b2f14" stroke-width="1.5"/>'
    '<ellipse cx="11" cy="7" rx="10" ry="3" fill="none" stroke="#e8d5a9" stroke-width="1.5"/>'
)


def swatches(layer: EventLayer | None) -> dict[str, str]:
    """The legend's drawings; the point under the target body gets rings when the body has
    them."""
    drawn = dict(LEGEND)
    if layer is not None and layer.target_body.lower() in RINGED_BODIES:
        drawn["sub_target"] = RINGED_GLYPH
    return drawn


LEGEND_COLUMNS = 2

DEFS = (
    '<defs><pattern id="facing" width="10" height="10" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)">'
    '<rect width="10" height="10" fill="#9ad1ff" fill-opacity="0.08"/>'
    '<line x1="0" y1="0" x2="0" y2="10" stroke="#9ad1ff" stroke-opacity="0.45" stroke-width="2"/>'
    "</pattern>"
    f'<clipPath id="frame"><rect width="{MAP_WIDTH_PX}" height="{MAP_HEIGHT_PX}"/></clipPath>'
    "</defs>"
)


def _graticule(frame: Frame) -> str:
    lines = [
        f"M{_num(frame.x(lon))} 0V{_num(frame.height_px)}"
        for lon in range(-180 + GRATICULE_STEP_DEG, 180, GRATICULE_STEP_DEG)
    ]
    lines += [
        f"M0 {_num(frame.y(lat))}H{_num(frame.width_px)}"
        for lat in range(-90 + GRATICULE_STEP_DEG, 90, GRATICULE_STEP_DEG)
    ]
    return (
        f'<path d="{"".join(lines)}" fill="none" stroke="#ffffff" stroke-opacity="0.18" '
        'stroke-width="1"/>'
    )


def _regions(layer: EventLayer | None) -> list[str]:
    if layer is None:
        return []
    return [
        f'<path class="{kind}" d="{layer.paths[kind]}" fill-rule="evenodd" {look}/>'
        for kind, look in SHADES
        if layer.paths.get(kind)
    ]


def _marker(
    point: tuple[float, float] | None, frame: Frame, key: str, label: str, swatch: str
) -> str:
    if point is None:
        return ""
    x, y = _num(frame.x(point[1])), _num(frame.y(point[0]))
    return (
        f'<g class="{key}" transform="translate({x} {y}) translate(-11 -7)">'
        f"<title>{escape(label)}</title>{swatch}</g>"
    )


def _pin(pin: Pin | None, frame: Frame) -> str:
    if pin is None:
        return ""
    # to 0.01 px: where exactly
    x, y = f"{frame.x(pin.lon_deg):.2f}", f"{frame.y(pin.lat_deg):.2f}"
    return (
        f'<g class="pin"><title>{escape(pin.label)}</title>'
        f'<circle cx="{x}" cy="{y}" r="15" fill="none" stroke="#ff3b6b" stroke-width="3" '
        'stroke-opacity="0.85"/>'
        f'<circle id="pin" cx="{x}" cy="{y}" r="7" fill="#ff3b6b" stroke="#ffffff" '
        'stroke-width="2.5" '
        f'data-lat="{pin.lat_deg}" data-lon="{pin.lon_deg}"/></g>'
    )


def legend_entries(
    text: MapText, has_pin: bool, layer: EventLayer | None
) -> list[tuple[str, str, str]]:
    """The legend's entries in reading order: key, swatch drawing and label. The map draws them
    under itself; the page lists them as text beside the picture."""
    shown = {
        "place": has_pin,
        "subsolar": bool(layer and layer.subsolar),
        "sub_target": bool(layer and layer.sub_target),
    }
    shown.update(
        dict.fromkeys(
            ("day", "twilight", "night", "facing_target", "in_picture"), layer is not None
        )
    )
    return [
        (key, swatch, text.legend[key])
        for key, swatch in swatches(layer).items()
        if shown.get(key) and key in text.legend
    ]


def _legend(
    text: MapText, has_pin: bool, layer: EventLayer | None, top_px: float
) -> tuple[str, float]:
    """The legend as rows of swatches and labels, and the height it takes."""
    entries = legend_entries(text, has_pin, layer)
    column_px = MAP_WIDTH_PX / LEGEND_COLUMNS
    items = []
    for i, (_, swatch, label) in enumerate(entries):
        x, y = 14 + (i % LEGEND_COLUMNS) * column_px, top_px + (i // LEGEND_COLUMNS) * LEGEND_ROW_PX
        items.append(
            f'<g transform="translate({_num(x)} {_num(y)})">{swatch}'
            f'<text x="32" y="13">{escape(label)}</text></g>'
        )
    rows = math.ceil(len(entries) / LEGEND_COLUMNS)
    return "".join(items), rows * LEGEND_ROW_PX


def render(
    land: LandLayer,
    layer: EventLayer | None,
    pin: Pin | None,
    text: MapText,
    frame: Frame = Frame(),
) -> str:
    """The whole map as an SVG document."""
    drawn = swatches(layer)
    legend, legend_px = _legend(text, pin is not None, layer, frame.height_px + 16)
    caption_y = frame.height_px + 16 + legend_px + 16
    height = caption_y + 34
    return "".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(frame.width_px)}" '
            f'height="{_num(height)}" '
            f'viewBox="0 0 {_num(frame.width_px)} {_num(height)}" role="img" '
            'aria-labelledby="map-title map-desc" '
            f"xml:lang={quoteattr(text.language)} "
            "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', "
            "'Noto Sans CJK JP', sans-serif\">",
            f'<title id="map-title">{escape(text.title)}</title>'
            f'<desc id="map-desc">{escape(text.description)}</desc>',
            DEFS,
            '<rect width="100%" height="100%" fill="#0b1026"/>',
            '<g clip-path="url(#frame)">',
            f'<rect width="{_num(frame.width_px)}" height="{_num(frame.height_px)}" '
            f'fill="{OCEAN}"/>',
            f'<path class="land" d="{land.path}" fill="{LAND}" fill-rule="evenodd" '
            'stroke="#2f5d3a" stroke-width="0.6"/>',
            *_regions(layer),
            _graticule(frame),
            _marker(
                layer.subsolar if layer else None,
                frame,
                "subsolar",
                text.legend.get("subsolar", ""),
                drawn["subsolar"],
            ),
            _marker(
                layer.sub_target if layer else None,
                frame,
                "sub_target",
                text.legend.get("sub_target", ""),
                drawn["sub_target"],
            ),
            _pin(pin, frame),
            "</g>",
            f'<rect width="{_num(frame.width_px)}" height="{_num(frame.height_px)}" '
            'fill="none" stroke="#8ea3c7" stroke-width="1"/>',
            f'<g font-size="{LEGEND_FONT_PX}" fill="#f1f4fb">{legend}</g>',
            f'<text x="14" y="{_num(caption_y)}" font-size="{LEGEND_FONT_PX}" fill="#f1f4fb">'
            f"{escape(text.caption)}</text>",
            f'<text x="14" y="{_num(caption_y + 24)}" font-size="14" fill="#b8c4dc">'
            f"{escape(text.credit)}</text>",
            "</svg>\n",
        ]
    )
