"""Article routes: search the excerpts of the corpus, and the fact check of the articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.application.articles import constants_out, fact_check_out, search_hit_out
from service.application.corpus_schemas import ExcerptSearchAnswer, FactCheckAnswer
from service.application.question import MAX_TEXT_CHARS
from service.application.schemas import ERROR_RESPONSES
from service.articles.figures import TOLERANCE_RULE
from service.web.deps import CorpusDep

MAX_RESULTS = 50

router = APIRouter(prefix="/v1", tags=["corpus"], responses=ERROR_RESPONSES)


@router.get("/excerpts", response_model=ExcerptSearchAnswer)
async def search_excerpts(
    corpus: CorpusDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_TEXT_CHARS,
            description="Words to look for",
            examples=["pale blue dot"],
        ),
    ],
    limit: Annotated[
        int, Query(ge=1, le=MAX_RESULTS, description="How many results, best first")
    ] = 10,
) -> ExcerptSearchAnswer:
    hits = corpus.index.search(q, limit)
    return ExcerptSearchAnswer(query=q, results=[search_hit_out(h, corpus.articles) for h in hits])


@router.get("/facts", response_model=FactCheckAnswer)
async def fact_check(corpus: CorpusDep) -> FactCheckAnswer:
    return FactCheckAnswer(
        tolerance=TOLERANCE_RULE,
        constants=constants_out(corpus.constants),
        facts=[fact_check_out(f, corpus.articles) for f in corpus.facts],
    )
