"""The corpus's answer types built from its domain objects: excerpts, search hits, the excerpts
behind an answer, and the fact check."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from service.application.corpus_schemas import (
    ConstantOut,
    DifferenceOut,
    ExcerptFactCheckOut,
    ExcerptOut,
    ExcerptSourceOut,
    FactCheckOut,
    SearchResultOut,
    StatedOut,
    SupportingExcerptOut,
    VariantOut,
    Verdict,
)
from service.articles.corpus import Corpus
from service.articles.excerpts import Excerpt
from service.articles.facts import Constants, FactCheck
from service.articles.search import SearchHit
from service.articles.support import Support


def excerpt_fields(e: Excerpt, corpus: Corpus) -> dict:
    """An excerpt's fields: every source (its title from the article's metadata), and its
    wordings when they differ."""
    variants = [
        VariantOut(
            text=v.text,
            article_ids=list(dict.fromkeys(o.article_id for o in v.occurrences)),
            differences=[
                DifferenceOut(excerpt=d.excerpt, variant=d.variant) for d in v.differences
            ],
        )
        for v in e.variants
    ]
    return {
        "id": e.id,
        "text": e.text,
        "sources": [
            ExcerptSourceOut(
                article_id=o.article_id,
                title=corpus.get(o.article_id).title,
                start=o.start,
                end=o.end,
            )
            for o in e.occurrences
        ],
        "variants": variants if len(variants) > 1 else [],
    }


def excerpt_out(e: Excerpt, corpus: Corpus) -> ExcerptOut:
    return ExcerptOut(**excerpt_fields(e, corpus))


def search_hit_out(hit: SearchHit, corpus: Corpus) -> SearchResultOut:
    return SearchResultOut(
        **excerpt_fields(hit.excerpt, corpus), highlighted=hit.highlighted, score=hit.score
    )


def support_out(
    s: Support, corpus: Corpus, checks: Sequence[FactCheck] = ()
) -> SupportingExcerptOut:
    """A supporting excerpt, with the verdict of every fact check of a claim it makes."""
    checked = [
        ExcerptFactCheckOut(
            claim=f.claim.id, verdict=cast(Verdict, f.verdict), reason=f.judgement.reason
        )
        for f in checks
        if s.excerpt in f.excerpts
    ]
    return SupportingExcerptOut(
        **excerpt_fields(s.excerpt, corpus), supports=list(s.supports), fact_checks=checked
    )


def fact_check_out(f: FactCheck, corpus: Corpus) -> FactCheckOut:
    return FactCheckOut(
        id=f.claim.id,
        event=f.claim.event_id,
        claim=f.claim.claim,
        excerpts=[excerpt_out(e, corpus) for e in f.excerpts],
        stated=[StatedOut(text=s.text, agrees=s.agrees, **s.values) for s in f.judgement.stated],
        computed=f.judgement.computed,
        verdict=f.verdict,
        reason=f.judgement.reason,
    )


def constants_out(c: Constants) -> dict[str, ConstantOut]:
    return {
        name: ConstantOut(value=getattr(c, name), source=source)
        for name, source in c.sources.items()
    }
