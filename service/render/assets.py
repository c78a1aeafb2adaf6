"""What the pages, the card and the map need, prepared once at start-up.

The message catalogue, the land outline as path data, each event's regions as path data, the
page templates, and the card's stylesheet with its hash (the card inlines its style, and its
Content-Security-Policy allows exactly that style).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from service.astronomy.view import EarthView
from service.render import globe, share, worldmap
from service.render.i18n import MessageCatalogue, load_messages


@dataclass(frozen=True)
class Site:
    """What the pages, the card and the map need, prepared once."""

    messages: MessageCatalogue
    land: worldmap.LandLayer
    map_layers: Mapping[str, worldmap.EventLayer]  # event id -> its regions at the window start
    templates: Environment
    card_css: str
    card_css_sha256: str  # base64, as a CSP source expression wants it
    # Each event's globe as its camera saw it, as path data; the share image's font files.
    globes: Mapping[str, globe.GlobeLayer] = field(default_factory=dict)
    share_fonts: tuple[str, ...] = ()


def template_environment() -> Environment:
    """Jinja2 over `service/templates`, escaping HTML and XML by default; a missing name is an
    error."""
    return Environment(
        loader=PackageLoader("service", "templates"),
        autoescape=select_autoescape(("html", "xml", "svg")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def static_text(name: str) -> str:
    return resources.files("service").joinpath("static", name).read_text("utf-8")


def sha256_base64(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def event_map_layers(
    regions: Mapping[str, Mapping[str, Mapping]],
) -> dict[str, worldmap.EventLayer]:
    """Each event's regions (day, twilights, night, facing the target, in the picture) at its
    window start, from the GeoJSON that `service.astronomy.regions` computed at start-up, as path
    data."""
    return {event_id: worldmap.event_layer(at["start"]) for event_id, at in regions.items()}


def event_globes(views: Mapping[str, EarthView]) -> dict[str, globe.GlobeLayer]:
    """Each event's globe (`service.render.globe`), from the land outline, once."""
    rings = globe.land_rings()
    return {event_id: globe.globe_layer(view, rings) for event_id, view in views.items()}


def load_site(
    regions: Mapping[str, Mapping[str, Mapping]],
    messages: MessageCatalogue | None = None,
    views: Mapping[str, EarthView] | None = None,
) -> Site:
    card_css = static_text("card.css")
    return Site(
        globes=event_globes(views or {}),
        share_fonts=share.fonts(),
        messages=messages or load_messages(),
        land=worldmap.load_land(),
        map_layers=event_map_layers(regions),
        templates=template_environment(),
        card_css=card_css,
        card_css_sha256=sha256_base64(card_css),
    )
