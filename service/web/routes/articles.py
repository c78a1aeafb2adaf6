"""Corpus routes: search the article excerpts, and the fact check of the articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.application import corpus_shape
from service.application.corpus_schemas import ExcerptSearchAnswer, FactCheckAnswer
from service.application.schemas import ERROR_RESPONSES
from service.articles.figures import TOLERANCE_RULE
from service.web.deps import MAX_PARAM_CHARS, ResourcesDep

MAX_RESULTS = 50

router = APIRouter(prefix="/v1", tags=["corpus"], responses=ERROR_RESPONSES)


@router.get("/excerpts", response_model=ExcerptSearchAnswer)
async def search_excerpts(
    resources: ResourcesDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_PARAM_CHARS,
            description="Words to look for",
            examples=["pale blue dot"],
        ),
    ],
    limit: Annotated[
        int, Query(ge=1, le=MAX_RESULTS, description="How many results, best first")
    ] = 10,
) -> dict:
    corpus = resources.corpus
    hits = corpus.index.search(q, limit)
    return {"query": q, "results": [corpus_shape.search_hit(h, corpus.articles) for h in hits]}


@router.get("/facts", response_model=FactCheckAnswer)
async def fact_check(resources: ResourcesDep) -> dict:
    corpus = resources.corpus
    return {
        "tolerance": TOLERANCE_RULE,
        "constants": corpus_shape.constants(corpus.constants),
        "facts": [corpus_shape.fact_check(f, corpus.articles) for f in corpus.facts],
    }
