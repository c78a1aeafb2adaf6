"""Start-up work, done once in the app's lifespan and handed to routes as dependencies."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.ephemeris import EventAstronomy, compute_all
from service.events import Catalogue, load_catalogue
from service.places import PlaceResolver
from service.regions import window_regions
from service.settings import Settings
from service.timezones import ZoneIndex, use_packaged_tzdata


@dataclass(frozen=True)
class Resources:
    settings: Settings
    catalogue: Catalogue
    astronomy: dict[str, EventAstronomy]
    zones: ZoneIndex
    places: PlaceResolver
    # GeoJSON regions per event id, at the "start" and "end" of its wave window.
    regions: dict[str, dict[str, dict]] = field(default_factory=dict)


def load_resources(settings: Settings) -> Resources:
    use_packaged_tzdata()
    catalogue = load_catalogue()
    zones = ZoneIndex()
    astronomy = compute_all(catalogue)
    return Resources(
        settings=settings,
        catalogue=catalogue,
        astronomy=astronomy,
        zones=zones,
        places=PlaceResolver(zones),
        regions={event_id: window_regions(astro) for event_id, astro in astronomy.items()},
    )
