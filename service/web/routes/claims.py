"""Claim routes: check any text (`/v1/claims`, and the `/check` page with its GET form), and
the articles with their checked claims (`/v1/articles`, the `/articles/{id}` view).

The pages answer on the server, so the form works without JavaScript; curl gets the same claims
as text. The checking is CPU work of up to a few tens of milliseconds for the longest text, so it
runs in the thread pool, off the event loop.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from service.application.claims import article_answer, article_out, claims_answer
from service.application.corpus_schemas import (
    ArticleAnswer,
    ArticlesAnswer,
    ClaimsAnswer,
    ClaimsRequest,
)
from service.application.question import (
    MAX_CLAIM_TEXT_CHARS,
    MAX_ID_CHARS,
    MAX_TAG_CHARS,
    Asking,
    fields_of,
    header_fields,
    language_tag,
    openapi_parameters,
)
from service.application.resources import CorpusResources
from service.application.schemas import ERROR_RESPONSES
from service.articles.corpus import Article
from service.claims.checker import CheckedText
from service.errors import InvalidParameter, ServiceError, UnknownArticle
from service.events import Catalogue
from service.render import claims_page, terminal
from service.render.formats import Format, choose_format
from service.render.i18n import LanguageChoice, choose_language
from service.web.deps import AskingDep, CatalogueDep, CorpusDep, PagesDep, SiteDep
from service.web.respond import NEGOTIATED_VARY, PAGE_CSP, html, refusal

router = APIRouter(tags=["claims"], responses=ERROR_RESPONSES)

TEXT_DESCRIPTION = f"The text to check, up to {MAX_CLAIM_TEXT_CHARS:,} characters"
PAGE_TYPES: dict[int | str, dict] = {
    200: {
        "content": {"text/html": {}, "text/plain": {}, "application/json": {}},
        "description": "The page for browsers; plain text for terminals; JSON on request",
    }
}


def _language(request: Request, lang: str | None, asking: Asking) -> LanguageChoice:
    accept = header_fields(request.scope["headers"]).get("accept-language")
    return choose_language(language_tag(lang), accept, asking.languages)


async def _check(
    corpus: CorpusResources, catalogue: Catalogue, text: str, event: str | None
) -> CheckedText:
    event_id = catalogue.get(event).id if event else None
    return await run_in_threadpool(corpus.checker.check, text, event_id)


@router.get("/v1/claims", response_model=ClaimsAnswer, summary="Check the claims of a text")
async def check_text(
    request: Request,
    corpus: CorpusDep,
    catalogue: CatalogueDep,
    site: SiteDep,
    asking: AskingDep,
    text: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_CLAIM_TEXT_CHARS,
            description=f"{TEXT_DESCRIPTION} (a long text goes by POST)",
            examples=["Wave at Saturn at 5:30 pm EST on Friday, July 19."],
        ),
    ],
    event: Annotated[
        str | None, Query(max_length=MAX_ID_CHARS, description="The event meant by default")
    ] = None,
    lang: Annotated[
        str | None, Query(max_length=MAX_TAG_CHARS, description="Language of the reasons")
    ] = None,
) -> ClaimsAnswer:
    """Every checkable statement of the text: times, dates, distances, light time, Earth's size,
    lit regions, each with its verdict and reason."""
    language = _language(request, lang, asking)
    checked = await _check(corpus, catalogue, text, event)
    return claims_answer(checked, site.messages[language.used])


@router.post(
    "/v1/claims",
    response_model=ClaimsAnswer,
    summary="Check the claims of a text sent as JSON",
    responses={413: {"description": "The body is over the size limit"}},
)
async def check_posted_text(
    request: Request,
    body: ClaimsRequest,
    corpus: CorpusDep,
    catalogue: CatalogueDep,
    site: SiteDep,
    asking: AskingDep,
) -> ClaimsAnswer:
    """As the GET route, for texts up to the limit whatever the query-string limit."""
    language = _language(request, body.lang, asking)
    checked = await _check(corpus, catalogue, body.text, body.event)
    return claims_answer(checked, site.messages[language.used])


@router.get("/v1/articles", response_model=ArticlesAnswer, summary="The articles of the corpus")
async def list_articles(corpus: CorpusDep) -> ArticlesAnswer:
    return ArticlesAnswer(
        articles=[article_out(a, corpus.article_claims[a.id]) for a in corpus.articles.articles]
    )


ArticleId = Annotated[str, Path(max_length=MAX_ID_CHARS, description="An article id")]


def _article(corpus: CorpusResources, article_id: str) -> Article:
    try:
        return corpus.articles.get(article_id)
    except KeyError:
        known = [a.id for a in corpus.articles.articles]
        raise UnknownArticle(
            f"No article is called {article_id!r}. See /v1/articles.", known_ids=known
        ) from None


@router.get(
    "/v1/articles/{article_id}",
    response_model=ArticleAnswer,
    summary="One article: where it came from, and its claims checked",
)
async def one_article(
    request: Request,
    corpus: CorpusDep,
    site: SiteDep,
    asking: AskingDep,
    article_id: ArticleId,
    lang: Annotated[
        str | None, Query(max_length=MAX_TAG_CHARS, description="Language of the reasons")
    ] = None,
) -> ArticleAnswer:
    article = _article(corpus, article_id)
    language = _language(request, lang, asking)
    return article_answer(article, corpus.article_claims[article.id], site.messages[language.used])


def _page_format(request: Request) -> Format:
    fields = fields_of(
        request.scope.get("query_string", b""), header_fields(request.scope["headers"])
    )
    asked = [value for name, value in fields.query if name == "format"]
    return choose_format(asked[0] if asked else None, fields.accept, fields.user_agent)


@router.get(
    "/check",
    response_class=Response,
    responses=PAGE_TYPES,
    summary="Check a sentence: the page with its form (GET, no JavaScript needed)",
    openapi_extra={"parameters": openapi_parameters("text", "event", "lang", "format")},
)
async def check_page(request: Request, pages: PagesDep, corpus: CorpusDep) -> Response:
    """`/check?text=...`: the claims on the page, as text for curl, as JSON on request."""
    try:
        fmt = _page_format(request)
        query = dict(request.query_params)
        text = query.get("text", "")
        if len(text) > MAX_CLAIM_TEXT_CHARS:
            raise_too_long()
        language = _language(request, query.get("lang"), pages.asking)
        checked = (
            await _check(corpus, pages.catalogue, text, query.get("event") or None)
            if text.strip()
            else None
        )
    except ServiceError as error:
        return refusal(request, pages, error)
    m = pages.site.messages[language.used]
    answer = claims_answer(checked, m) if checked else None
    if fmt == "json":
        if answer is None:
            return refusal(request, pages, _say_text())
        return JSONResponse(answer.model_dump(mode="json"), headers={"Vary": NEGOTIATED_VARY})
    if fmt == "text":
        if answer is None:
            return refusal(request, pages, _say_text())
        return PlainTextResponse(terminal.claims(answer, m), headers={"Vary": NEGOTIATED_VARY})
    body = claims_page.check_page(
        pages.site, corpus.articles, text, answer, language, query.get("lang")
    )
    return html(body, 200, language.used, PAGE_CSP)


@router.get(
    "/articles/{article_id}",
    response_class=Response,
    responses=PAGE_TYPES,
    summary="One article's claims, each with its verdict and reason",
    openapi_extra={"parameters": openapi_parameters("lang", "format")},
)
async def article_page(
    request: Request, pages: PagesDep, corpus: CorpusDep, article_id: ArticleId
) -> Response:
    try:
        fmt = _page_format(request)
        article = _article(corpus, article_id)
        lang = request.query_params.get("lang")
        language = _language(request, lang, pages.asking)
    except ServiceError as error:
        return refusal(request, pages, error)
    m = pages.site.messages[language.used]
    answer = article_answer(article, corpus.article_claims[article.id], m)
    if fmt == "json":
        return JSONResponse(answer.model_dump(mode="json"), headers={"Vary": NEGOTIATED_VARY})
    if fmt == "text":
        return PlainTextResponse(
            terminal.claims(answer, m, title=article.title), headers={"Vary": NEGOTIATED_VARY}
        )
    body = claims_page.article_page(pages.site, article, answer, language, lang)
    return html(body, 200, language.used, PAGE_CSP)


def raise_too_long() -> None:
    raise InvalidParameter(
        f"text is over {MAX_CLAIM_TEXT_CHARS} characters; send a long text by POST /v1/claims.",
        parameter="text",
        max_chars=MAX_CLAIM_TEXT_CHARS,
    )


def _say_text() -> ServiceError:
    return InvalidParameter(
        "Give the text to check: /check?text=Wave+at+5:27+pm+EDT", parameter="text"
    )
