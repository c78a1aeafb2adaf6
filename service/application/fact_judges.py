"""The curated fact check's judges for the claims any text may make (distances, Earth's width in
pixels, the lit regions): the claim checker's own judging (`service.claims.checker`), its
`CheckedClaim` turned into the fact check's `Judgement`, the reason in English.

The fact check cannot import the checker (the checker builds on it), so start-up hands these in
(`service.articles.facts.check_all`). They need no word lexicon: start-up stays lean.
"""

from __future__ import annotations

from collections.abc import Mapping

from service.articles.facts import Claim, FactInputs, Judge, Judgement, Stated
from service.claims import reading as read
from service.claims.checker import CheckedClaim, EventFacts, judge_figures, judge_lit
from service.render.i18n import Messages
from service.render.words import claim_reason


def fact_judges(events: Mapping[str, EventFacts], english: Messages) -> dict[str, Judge]:
    """A judge per check of `facts.JUDGED_BY_CALLER`, over `events` (by event id)."""

    def figures(claim: Claim, quote: str, inputs: FactInputs) -> Judgement:
        found = judge_figures(quote, events[claim.event_id], inputs.constants)
        if len(found) != 1:
            raise ValueError(f"claim {claim.id}: {quote!r} states {len(found)} checkable figures")
        return judgement_of(found[0], english)

    def lit_regions(claim: Claim, quote: str, inputs: FactInputs) -> Judgement:
        event = events[claim.event_id]
        if event.in_picture is None:
            raise ValueError(f"claim {claim.id}: no countries in the picture for {event.event_id}")
        span = read.Span(0, len(quote))
        checked = judge_lit(quote, span, claim.options["regions"], claim.options["only"], event)
        return judgement_of(checked, english)

    return {"earth_distance": figures, "earth_width": figures, "lit_regions": lit_regions}


def judgement_of(claim: CheckedClaim, english: Messages) -> Judgement:
    """A checked claim as the fact check shows it: each stated figure with whether it fits (or
    the statement as a whole), the computed values, the checker's verdict and its reason."""
    figures = claim.stated.get("figures")
    if isinstance(figures, list):
        stated = tuple(
            Stated(
                f["text"], f["agrees"], {k: v for k, v in f.items() if k not in ("text", "agrees")}
            )
            for f in figures
        )
    else:
        stated = (Stated(claim.quote, claim.verdict == "agrees", dict(claim.stated)),)
    reason = claim_reason(claim.reason.key, claim.reason.values, english)
    return Judgement(stated, dict(claim.computed), reason, claim.verdict)
