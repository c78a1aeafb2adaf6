"""Typed dependencies: each route takes the narrow piece of the start-up data it uses, and the
question its request asks, parsed by the one parser (`service.application.question`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Request

from service.application.answer import Answers
from service.application.question import (
    MAX_ID_CHARS,
    PLACE_PARAMETERS,
    Asking,
    Question,
    fields_of,
    header_fields,
    parse,
)
from service.application.resources import CorpusResources, Resources
from service.articles.corpus import Corpus
from service.errors import NotReady
from service.events import Catalogue, Event
from service.lazy import Lazy
from service.places.resolve import PlaceResolver
from service.render.assets import Site
from service.render.formats import Format
from service.render.page import Links


def resources_of(request: Request) -> Resources:
    resources = getattr(request.app.state, "resources", None)
    if resources is None:
        raise NotReady("The service is still starting; retry in a few seconds.", retry_after_s=5)
    return resources


async def get_resources(request: Request) -> Resources:
    return resources_of(request)


ResourcesDep = Annotated[Resources, Depends(get_resources)]


async def get_answers(resources: ResourcesDep) -> Answers:
    return resources.answers


async def get_asking(resources: ResourcesDep) -> Asking:
    return resources.asking


async def get_catalogue(resources: ResourcesDep) -> Catalogue:
    return resources.catalogue


async def get_site(resources: ResourcesDep) -> Site:
    return resources.site


async def get_corpus(resources: ResourcesDep) -> CorpusResources:
    return resources.corpus


async def get_places(resources: ResourcesDep) -> PlaceResolver:
    return resources.places


AnswersDep = Annotated[Answers, Depends(get_answers)]
AskingDep = Annotated[Asking, Depends(get_asking)]
CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
SiteDep = Annotated[Site, Depends(get_site)]
CorpusDep = Annotated[CorpusResources, Depends(get_corpus)]
PlacesDep = Annotated[PlaceResolver, Depends(get_places)]


async def get_event(
    catalogue: CatalogueDep,
    event_id: Annotated[
        str, Path(max_length=MAX_ID_CHARS, description="Event id, e.g. cassini-2013")
    ],
) -> Event:
    return catalogue.get(event_id)


EventDep = Annotated[Event, Depends(get_event)]


def question_of(
    request: Request,
    asking: Asking,
    *,
    event_id: str | None = None,
    path: str | None = None,
    formats: tuple[Format, ...] = ("json",),
    names: tuple[str, ...] = PLACE_PARAMETERS,
) -> Question:
    """The question a request asks, by the one parser, from its raw query string and fields."""
    fields = fields_of(
        request.scope.get("query_string", b""), header_fields(request.scope["headers"])
    )
    return parse(fields, asking, event_id=event_id, path=path, formats=formats, names=names)


@dataclass(frozen=True)
class Pages:
    """What the routes that answer in any format (the page, the card, oEmbed, the short paths)
    use: the answers, the parser's view of the service, the site's templates and words, the
    articles' metadata, and where absolute links point."""

    answers: Answers
    asking: Asking
    lazy_site: Lazy[Site]
    catalogue: Catalogue
    articles: Corpus
    public_url: str | None

    @property
    def site(self) -> Site:
        return self.lazy_site.get()

    @classmethod
    def of(cls, resources: Resources) -> Pages:
        return cls(
            answers=resources.answers,
            asking=resources.asking,
            lazy_site=resources.lazy_site,
            catalogue=resources.catalogue,
            articles=resources.corpus.articles,
            public_url=resources.settings.public_url,
        )

    def links(self, request: Request) -> Links:
        """Absolute links: PUBLIC_URL when it is set; else the request's scheme and Host, which
        the request limits have checked against ALLOWED_HOSTS and the answer store keys by."""
        base = self.public_url or str(request.base_url).rstrip("/")
        return Links(base, self.asking.main_event_id)


async def get_pages(request: Request) -> Pages:
    pages = getattr(request.app.state, "pages", None)
    if pages is None:
        raise NotReady("The service is still starting; retry in a few seconds.", retry_after_s=5)
    return pages


PagesDep = Annotated[Pages, Depends(get_pages)]
