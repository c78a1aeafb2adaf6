"""Start-up work, done once in the app's lifespan and handed to routes as dependencies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from service.ephemeris import EventAstronomy, compute_all
from service.events import Catalogue, load_catalogue
from service.gazetteer import Gazetteer
from service.gazetteer_cache import load_gazetteer
from service.places import PlaceResolver
from service.settings import Settings
from service.timezones import ZoneIndex, use_packaged_tzdata


@dataclass(frozen=True)
class Resources:
    settings: Settings
    catalogue: Catalogue
    astronomy: dict[str, EventAstronomy]
    zones: ZoneIndex
    places: PlaceResolver
    gazetteer: Gazetteer


def load_resources(settings: Settings) -> Resources:
    use_packaged_tzdata()
    catalogue = load_catalogue()
    zones = ZoneIndex()
    gazetteer = load_gazetteer(Path(settings.cache_dir) if settings.cache_dir else None)
    return Resources(
        settings=settings,
        catalogue=catalogue,
        astronomy=compute_all(catalogue),
        zones=zones,
        places=PlaceResolver(zones, gazetteer),
        gazetteer=gazetteer,
    )
