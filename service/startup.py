"""Start-up work, done once in the app's lifespan and handed to routes as dependencies."""

from __future__ import annotations

from dataclasses import dataclass

from service.data_version import data_version
from service.ephemeris import EventAstronomy, computed_in_child
from service.events import Catalogue, load_catalogue
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
    data_version: str


def load_resources(settings: Settings) -> Resources:
    use_packaged_tzdata()
    catalogue = load_catalogue()
    with computed_in_child(catalogue) as astronomy:
        zones = ZoneIndex()
        return Resources(
            settings=settings,
            catalogue=catalogue,
            astronomy=astronomy(),
            zones=zones,
            places=PlaceResolver(zones),
            data_version=data_version(),
        )
