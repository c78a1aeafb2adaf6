"""Start-up work, done once in the app's lifespan and handed to routes as dependencies."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from service.application.answer import Answers, Memo
from service.application.data_version import data_version
from service.application.question import Asking
from service.articles import facts
from service.articles.corpus import Corpus, load_corpus
from service.articles.excerpts import build_excerpts
from service.articles.facts import Constants, FactCheck
from service.articles.search import ExcerptIndex, load_query_rules
from service.articles.support import AnswerSupport, build_support
from service.astronomy.disk import Disk
from service.astronomy.ephemeris import BodyView, EventAstronomy, body_views, computed_in_child
from service.astronomy.in_picture import InPicture, in_picture
from service.astronomy.regions import window_regions
from service.astronomy.sky import SkyTrack
from service.events import Catalogue, load_catalogue
from service.places.gazetteer import Gazetteer
from service.places.gazetteer_cache import load_gazetteer
from service.places.resolve import PlaceResolver
from service.places.zones import ZoneIndex, use_packaged_tzdata
from service.render.assets import Site, load_site
from service.settings import Settings


@dataclass(frozen=True)
class CorpusResources:
    """The articles, their excerpts in a search index, the excerpts behind answers, and the fact
    check."""

    articles: Corpus
    index: ExcerptIndex
    support: AnswerSupport
    facts: tuple[FactCheck, ...]
    constants: Constants


@dataclass(frozen=True)
class Resources:
    settings: Settings
    catalogue: Catalogue
    astronomy: dict[str, EventAstronomy]
    zones: ZoneIndex
    places: PlaceResolver
    corpus: CorpusResources
    gazetteer: Gazetteer
    # A hash of the package version and the data files; HTTP validators (ETags) mix it in.
    data_version: str
    site: Site
    # The one answer to every entry point's question, and what the question parser needs.
    answers: Answers
    asking: Asking
    # GeoJSON regions per event id, at the "start" and "end" of its wave window.
    regions: dict[str, dict[str, dict]] = field(default_factory=dict)
    # The gazetteer cities and countries in the picture per event id, at the window start.
    in_picture: dict[str, InPicture] = field(default_factory=dict)
    # Each event's wave window sampled in time, ready for the sky over any place
    # (service.astronomy.sky).
    sky_tracks: dict[str, SkyTrack] = field(default_factory=dict)


def load_resources(settings: Settings) -> Resources:
    use_packaged_tzdata()
    catalogue = load_catalogue()
    # astropy runs in a child process while the zones, the gazetteer and the places load here.
    with computed_in_child(catalogue) as computed:
        zones = ZoneIndex()
        gazetteer = load_gazetteer(Path(settings.cache_dir) if settings.cache_dir else None)
        places = PlaceResolver(zones, gazetteer)
        version = data_version()
        astronomy, views, earth_views = computed()
    regions = {event_id: window_regions(astro) for event_id, astro in astronomy.items()}
    pictured = {
        event_id: in_picture(gazetteer, astro.geometry[catalogue.get(event_id).wave_window.start])
        for event_id, astro in astronomy.items()
    }
    sky_tracks = {
        event_id: SkyTrack.of(astro.window_track, astro.target_body)
        for event_id, astro in astronomy.items()
    }
    corpus = load_corpus_resources(settings, catalogue, astronomy, pictured, views)
    site = load_site(regions, earth_views)
    answers = Answers(
        catalogue=catalogue,
        places=places,
        zones=zones,
        sky_tracks=sky_tracks,
        corpus=corpus,
        messages=site.messages,
        memo=Memo(),
        views=earth_views,
        disks={event_id: Disk.of(view) for event_id, view in earth_views.items()},
    )
    return Resources(
        settings=settings,
        catalogue=catalogue,
        astronomy=astronomy,
        zones=zones,
        places=places,
        gazetteer=gazetteer,
        corpus=corpus,
        data_version=version,
        site=site,
        answers=answers,
        asking=Asking(catalogue.ids(), site.messages.offered),
        regions=regions,
        in_picture=pictured,
        sky_tracks=sky_tracks,
    )


def load_corpus_resources(
    settings: Settings,
    catalogue: Catalogue,
    astronomy: dict[str, EventAstronomy],
    pictured: dict[str, InPicture] | None = None,
    views: dict[str, BodyView] | None = None,
) -> CorpusResources:
    """Read the corpus, index its excerpts, choose the excerpts behind answers, check the claims.

    `views` are the bodies' views computed at start-up; without them they are computed here.
    """
    articles = load_corpus(settings.corpus_dir)
    index = ExcerptIndex(build_excerpts(articles), load_query_rules())
    claims = facts.load_claims()
    views = views if views is not None else body_views(astronomy)
    inputs = facts.FactInputs(catalogue, astronomy, views, claims.constants)
    return CorpusResources(
        articles=articles,
        index=index,
        support=build_support(index, catalogue),
        facts=facts.check_all(
            claims, index.excerpts, inputs, _countries_in_picture(pictured or {})
        ),
        constants=claims.constants,
    )


def _countries_in_picture(
    pictured: dict[str, InPicture],
) -> dict[str, list[facts.InPictureCountry]]:
    return {
        event_id: [
            facts.InPictureCountry(c.country_code, c.country, c.continent, c.largest_cities)
            for c in table.countries
        ]
        for event_id, table in pictured.items()
    }
