"""Start-up work, done once in the app's lifespan and handed to routes as dependencies.

Nothing is computed here that can be read: the events' astronomy comes from committed data
(`service.astronomy.precomputed`), the gazetteer from its memory-mapped cache. What the busiest
answers do not need is left to the warm-up after readiness (`service.application.warmup`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from zoneinfo import ZoneInfo

from service.application.answer import Answers, Memo
from service.application.data_version import data_version
from service.application.fact_judges import fact_judges
from service.application.question import Asking
from service.application.warmup import Warmup
from service.articles import facts
from service.articles.corpus import Corpus, load_corpus
from service.articles.excerpts import build_excerpts
from service.articles.facts import Constants, FactCheck
from service.articles.search import ExcerptIndex, load_query_rules
from service.articles.support import AnswerSupport, build_support
from service.astronomy import precomputed
from service.astronomy.disk import Disk
from service.astronomy.ephemeris import BodyView, EventAstronomy
from service.astronomy.in_picture import CountryInPicture, InPicture, served
from service.astronomy.sky import SkyTrack
from service.claims.checker import (
    CheckedText,
    ClaimChecker,
    EventFacts,
    claim_facts,
    event_facts,
)
from service.claims.lexicon import load_lexicon
from service.events import Catalogue, load_catalogue
from service.lazy import Lazy
from service.places.gazetteer import Gazetteer
from service.places.gazetteer_cache import load_gazetteer
from service.places.resolve import PlaceResolver
from service.places.zones import ZoneIndex, use_packaged_tzdata
from service.render import share
from service.render.assets import Site, load_site
from service.render.i18n import Messages, load_messages
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
    # The claim checker and every article's claims checked by it, made after readiness (its word
    # patterns take a quarter of a second to compile, and no local answer needs them).
    claims: Lazy[CheckedCorpus]

    @property
    def checker(self) -> ClaimChecker:
        return self.claims.get().checker

    @property
    def article_claims(self) -> Mapping[str, CheckedText]:
        return self.claims.get().article_claims


@dataclass(frozen=True)
class CheckedCorpus:
    checker: ClaimChecker
    article_claims: Mapping[str, CheckedText]


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
    # The one answer to every entry point's question, and what the question parser needs.
    answers: Answers
    asking: Asking
    # The pages' templates, words and map layers; built after readiness (see `warmup`).
    lazy_site: Lazy[Site]
    # The gazetteer cities and countries in the picture per event id, at the window start; the
    # cities named from the gazetteer after readiness.
    lazy_in_picture: Lazy[dict[str, InPicture]]
    # GeoJSON regions per event id, at the "start" and "end" of its wave window.
    regions: dict[str, Mapping[str, dict]] = field(default_factory=dict)
    # Each event's wave window sampled in time, ready for the sky over any place
    # (service.astronomy.sky).
    sky_tracks: dict[str, SkyTrack] = field(default_factory=dict)

    @property
    def site(self) -> Site:
        return self.lazy_site.get()

    @property
    def in_picture(self) -> dict[str, InPicture]:
        return self.lazy_in_picture.get()

    def warmup(self) -> Warmup:
        """What readiness leaves for the background, the busiest first: the zone polygons (the
        first coordinates), the site (pages, the map, the card), the in-picture tables, the claim
        checker; then the pages it mapped of the gazetteer (the in-picture tables name their
        cities from it) are given back."""
        return Warmup(
            (self.places.finder, self.lazy_site, self.lazy_in_picture, self.corpus.claims),
            then=self.places.mapped.release,
        )


def load_resources(settings: Settings) -> Resources:
    """What the first local answer needs, read from committed data and derived caches; the rest
    is left to `Resources.warmup`."""
    use_packaged_tzdata()
    share.fonts()  # a missing font is an installation error: said at start, not at first use
    catalogue = load_catalogue()
    computed = precomputed.load(catalogue)
    astronomy = computed.each(attrgetter("astronomy"))
    zones = ZoneIndex()
    gazetteer = load_gazetteer(Path(settings.cache_dir) if settings.cache_dir else None)
    places = PlaceResolver(zones, gazetteer)
    regions = computed.each(attrgetter("regions"))
    earth_views = computed.each(attrgetter("earth_view"))
    sky_tracks = {
        event_id: SkyTrack.of(astro.window_track, astro.target_body)
        for event_id, astro in astronomy.items()
    }
    messages = load_messages()
    corpus = load_corpus_resources(
        settings,
        catalogue,
        astronomy,
        computed.each(attrgetter("view")),
        computed.each(attrgetter("in_picture.countries")),
        messages["en"],
    )
    answers = Answers(
        catalogue=catalogue,
        places=places,
        zones=zones,
        sky_tracks=sky_tracks,
        corpus=corpus,
        messages=messages,
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
        data_version=data_version(),
        answers=answers,
        asking=Asking(catalogue.ids(), messages.offered),
        lazy_site=Lazy("site", lambda: load_site(regions, messages, earth_views)),
        lazy_in_picture=Lazy(
            "in_picture",
            lambda: computed.each(lambda data: served(data.in_picture, gazetteer)),
        ),
        regions=regions,
        sky_tracks=sky_tracks,
    )


def load_corpus_resources(
    settings: Settings,
    catalogue: Catalogue,
    astronomy: Mapping[str, EventAstronomy],
    views: Mapping[str, BodyView],
    pictured: Mapping[str, Sequence[CountryInPicture]],
    english: Messages,
) -> CorpusResources:
    """Read the corpus, index its excerpts, choose the excerpts behind answers, check the claims
    against the committed astronomy (`views`: each event's view from its target body;
    `pictured`: its countries in the picture). The claims any text may make are judged by the
    claim checker's judging, their reasons in English."""
    articles = load_corpus(settings.corpus_dir)
    index = ExcerptIndex(build_excerpts(articles), load_query_rules())
    claims = facts.load_claims()
    inputs = facts.FactInputs(catalogue, dict(astronomy), dict(views), claims.constants)
    countries = countries_in_picture(pictured)
    events = {e.event_id: e for e in events_facts(catalogue, astronomy, countries)}
    judges = fact_judges(events, english)

    def checked() -> CheckedCorpus:
        checker = claim_checker(catalogue, astronomy, countries, claims.constants)
        return CheckedCorpus(checker, {a.id: checker.check(a.text) for a in articles.articles})

    return CorpusResources(
        articles=articles,
        index=index,
        support=build_support(index, catalogue),
        facts=facts.check_all(claims, index.excerpts, inputs, judges),
        constants=claims.constants,
        claims=Lazy("claims", checked),
    )


def committed_claim_checker(
    catalogue: Catalogue, computed: precomputed.Precomputed, constants: Constants
) -> ClaimChecker:
    """The checker over the committed astronomy, as the service builds it: for tools and tests
    that need it without the rest of start-up."""
    return claim_checker(
        catalogue,
        computed.each(attrgetter("astronomy")),
        countries_in_picture(computed.each(attrgetter("in_picture.countries"))),
        constants,
    )


def claim_checker(
    catalogue: Catalogue,
    astronomy: Mapping[str, EventAstronomy],
    countries: Mapping[str, list[facts.InPictureCountry]],
    constants: Constants,
) -> ClaimChecker:
    """The checker of any text, over the catalogue's windows and the committed astronomy (lit
    regions only for the events whose in-picture countries are given)."""
    events = events_facts(catalogue, astronomy, countries)
    return ClaimChecker(
        claim_facts(events, catalogue.ids()[0], constants, ZoneInfo), load_lexicon()
    )


def events_facts(
    catalogue: Catalogue,
    astronomy: Mapping[str, EventAstronomy],
    countries: Mapping[str, list[facts.InPictureCountry]],
) -> list[EventFacts]:
    """What statements about each event are judged against."""
    return [
        event_facts(event, astronomy[event.id], countries.get(event.id))
        for event in catalogue.events
    ]


def countries_in_picture(
    pictured: Mapping[str, Sequence[CountryInPicture]],
) -> dict[str, list[facts.InPictureCountry]]:
    return {
        event_id: [
            facts.InPictureCountry(c.country_code, c.country, c.continent, c.largest_cities)
            for c in table
        ]
        for event_id, table in pictured.items()
    }
