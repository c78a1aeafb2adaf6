"""Session fixtures for the domain tests: each start-up resource built alone, the way start-up
builds it, and nothing of the web app (no FastAPI, no routes, no lifespan).

A domain test asks for what it uses (`astronomy`, `gazetteer`, `places`, ...) and pays only for
that: a places test never runs astropy, a sky test never loads the gazetteer. Registered for the
whole suite by `tests/conftest.py`; the app itself is the `client` fixture there, for web tests.
"""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path

import pytest

from service.articles.corpus import Corpus, load_corpus
from service.articles.excerpts import build_excerpts
from service.articles.search import ExcerptIndex, load_query_rules
from service.articles.support import AnswerSupport, build_support
from service.astronomy import precomputed
from service.astronomy.ephemeris import EventAstronomy
from service.astronomy.regions import window_regions as regions_of
from service.astronomy.sky import SkyTrack
from service.astronomy.view import EarthView
from service.events import Catalogue, load_catalogue
from service.places.gazetteer import Gazetteer
from service.places.gazetteer_cache import load_gazetteer
from service.places.resolve import PlaceResolver
from service.places.zones import ZoneIndex, use_packaged_tzdata
from service.settings import Settings

# The committed corpus: tests name its articles and sentences, whatever CORPUS_DIR says.
CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def committed(catalogue: Catalogue) -> precomputed.Precomputed:
    """The committed astronomy, as start-up reads it (tests/astronomy/test_build.py rebuilds it
    with astropy and compares)."""
    return precomputed.load(catalogue)


@pytest.fixture(scope="session")
def astronomy(committed: precomputed.Precomputed) -> dict[str, EventAstronomy]:
    """Start-up astronomy per event id, from the committed data."""
    return committed.each(attrgetter("astronomy"))


@pytest.fixture(scope="session")
def sky_tracks(astronomy: dict[str, EventAstronomy]) -> dict[str, SkyTrack]:
    """Each event's wave window, ready for the sky over any place, as start-up prepares it."""
    return {
        event_id: SkyTrack.of(astro.window_track, astro.target_body)
        for event_id, astro in astronomy.items()
    }


@pytest.fixture(scope="session")
def window_regions(astronomy: dict[str, EventAstronomy]) -> dict[str, dict[str, dict]]:
    """GeoJSON regions per event id at the "start" and "end" of its wave window."""
    return {event_id: regions_of(astro) for event_id, astro in astronomy.items()}


@pytest.fixture(scope="session")
def zones() -> ZoneIndex:
    use_packaged_tzdata()
    return ZoneIndex()


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """From the same cache directory as the app (CACHE_DIR), so a warm cache makes it quick."""
    cache_dir = Settings.from_env().cache_dir
    return load_gazetteer(Path(cache_dir) if cache_dir else None)


@pytest.fixture(scope="session")
def places(zones: ZoneIndex, gazetteer: Gazetteer) -> PlaceResolver:
    return PlaceResolver(zones, gazetteer)


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(CORPUS_DIR)


@pytest.fixture(scope="session")
def excerpt_index(corpus: Corpus) -> ExcerptIndex:
    return ExcerptIndex(build_excerpts(corpus), load_query_rules())


@pytest.fixture(scope="session")
def support(excerpt_index: ExcerptIndex, catalogue: Catalogue) -> AnswerSupport:
    """The excerpts behind each statement of a local answer."""
    return build_support(excerpt_index, catalogue)


@pytest.fixture(scope="session")
def earth_views(committed: precomputed.Precomputed) -> dict[str, EarthView]:
    """Earth as each event's camera saw it, from the committed data (tests/astronomy/test_view.py
    holds it to astropy's apparent places)."""
    return committed.each(attrgetter("earth_view"))
