"""The claim checker's answers built from its domain objects, each reason in the reader's
language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import cast

from service.application.corpus_schemas import (
    ArticleAnswer,
    ArticleOut,
    ClaimCountsOut,
    ClaimKind,
    ClaimOut,
    ClaimsAnswer,
)
from service.articles.corpus import Article
from service.claims.checker import CheckedClaim, CheckedText
from service.render import words
from service.render.i18n import Messages


def claim_out(claim: CheckedClaim, m: Messages) -> ClaimOut:
    return ClaimOut(
        quote=claim.quote,
        start=claim.start,
        end=claim.end,
        kind=cast(ClaimKind, claim.kind),
        event=claim.event_id,
        verdict=claim.verdict,
        stated=dict(claim.stated),
        computed=dict(claim.computed),
        reason=words.claim_reason(claim.reason.key, claim.reason.values, m),
    )


def counts_out(claims: Sequence[CheckedClaim]) -> ClaimCountsOut:
    counted = Counter(c.verdict for c in claims)
    return ClaimCountsOut(
        agrees=counted["agrees"],
        partly=counted["partly"],
        disagrees=counted["disagrees"],
        unclear=counted["unclear"],
    )


def claims_answer(checked: CheckedText, m: Messages) -> ClaimsAnswer:
    return ClaimsAnswer(
        language=m.language,
        text_language=checked.language,
        truncated=checked.truncated,
        counts=counts_out(checked.claims),
        claims=[claim_out(c, m) for c in checked.claims],
    )


def article_out(article: Article, checked: CheckedText) -> ArticleOut:
    return ArticleOut(
        id=article.id,
        title=article.title,
        publisher=article.publisher,
        date=article.date,
        url=article.url,
        language=article.language,
        claim_counts=counts_out(checked.claims),
    )


def article_answer(article: Article, checked: CheckedText, m: Messages) -> ArticleAnswer:
    return ArticleAnswer(
        **article_out(article, checked).model_dump(),
        language_of_reasons=m.language,
        truncated=checked.truncated,
        claims=[claim_out(c, m) for c in checked.claims],
    )
