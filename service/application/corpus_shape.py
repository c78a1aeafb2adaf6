"""Turning excerpts, search hits, supporting excerpts and fact checks into plain dicts."""

from __future__ import annotations

from collections.abc import Sequence

from service.articles.corpus import Corpus
from service.articles.excerpts import Excerpt
from service.articles.facts import Constants, FactCheck
from service.articles.search import SearchHit
from service.articles.support import Support


def excerpt(e: Excerpt, corpus: Corpus) -> dict:
    """An excerpt with every source (title from the article's metadata) and its wordings if several."""
    variants = [
        {
            "text": v.text,
            "article_ids": list(dict.fromkeys(o.article_id for o in v.occurrences)),
            "differences": [{"excerpt": d.excerpt, "variant": d.variant} for d in v.differences],
        }
        for v in e.variants
    ]
    return {
        "id": e.id,
        "text": e.text,
        "sources": [
            {
                "article_id": o.article_id,
                "title": corpus.get(o.article_id).title,
                "start": o.start,
                "end": o.end,
            }
            for o in e.occurrences
        ],
        "variants": variants if len(variants) > 1 else [],
    }


def search_hit(hit: SearchHit, corpus: Corpus) -> dict:
    return {**excerpt(hit.excerpt, corpus), "highlighted": hit.highlighted, "score": hit.score}


def support(s: Support, corpus: Corpus, checks: Sequence[FactCheck] = ()) -> dict:
    """A supporting excerpt, with the verdict of every fact check of a claim it makes."""
    checked = [
        {"claim": f.claim.id, "verdict": f.verdict, "reason": f.judgement.reason}
        for f in checks
        if s.excerpt in f.excerpts
    ]
    return {**excerpt(s.excerpt, corpus), "supports": list(s.supports), "fact_checks": checked}


def fact_check(f: FactCheck, corpus: Corpus) -> dict:
    return {
        "id": f.claim.id,
        "event": f.claim.event_id,
        "claim": f.claim.claim,
        "excerpts": [excerpt(e, corpus) for e in f.excerpts],
        "stated": [{"text": s.text, "agrees": s.agrees, **s.values} for s in f.judgement.stated],
        "computed": f.judgement.computed,
        "verdict": f.verdict,
        "reason": f.judgement.reason,
    }


def constants(c: Constants) -> dict:
    return {
        name: {"value": getattr(c, name), "source": source} for name, source in c.sources.items()
    }
