"""Response schemas of the corpus: excerpts, search results, supporting excerpts, the fact check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

Verdict = Literal["agrees", "disagrees", "partly"]


@dataclass(frozen=True)
class ExcerptSourceOut:
    article_id: str
    title: str
    start: Annotated[
        int, Field(description="Offset of the first character in the article text (code points)")
    ]
    end: Annotated[
        int,
        Field(description="Offset just past the last character: text[start:end] is the sentence"),
    ]


@dataclass(frozen=True)
class DifferenceOut:
    excerpt: Annotated[
        str,
        Field(description="Words as the excerpt's text has them (empty: the variant adds words)"),
    ]
    variant: Annotated[
        str, Field(description="Words as this variant has them (empty: the variant lacks them)")
    ]


@dataclass(frozen=True)
class VariantOut:
    text: str
    article_ids: list[str]
    differences: Annotated[
        list[DifferenceOut], Field(description="Word runs that differ from the excerpt's text")
    ]


@dataclass(frozen=True)
class ExcerptOut:
    id: Annotated[str, Field(description="Stable while the excerpt's wording stays the same")]
    text: Annotated[str, Field(description="Verbatim, in the wording most sources carry")]
    sources: Annotated[
        list[ExcerptSourceOut],
        Field(description="Every place the statement occurs, in any wording"),
    ]
    variants: Annotated[
        list[VariantOut],
        Field(description="Each wording when the sources differ; empty when they agree"),
    ]


@dataclass(frozen=True)
class SearchResultOut(ExcerptOut):
    highlighted: Annotated[
        str, Field(description="HTML-escaped snippet with the matched words in <mark>")
    ]
    score: Annotated[float, Field(description="BM25 relevance, higher is better")]


class ExcerptSearchAnswer(BaseModel):
    query: str
    results: list[SearchResultOut]


@dataclass(frozen=True)
class ExcerptFactCheckOut:
    claim: Annotated[str, Field(description="The claim's id in /v1/facts")]
    verdict: Verdict
    reason: str


@dataclass(frozen=True)
class SupportingExcerptOut(ExcerptOut):
    supports: Annotated[
        list[str], Field(description="The statements of the answer this excerpt supports")
    ]
    fact_checks: Annotated[
        list[ExcerptFactCheckOut],
        Field(
            description="Verdicts of the service's fact checks on claims this excerpt makes "
            "(see /v1/facts)"
        ),
    ]


class StatedOut(BaseModel, extra="allow"):
    text: str = Field(description="What the article states, as written")
    agrees: bool = Field(description="Whether it holds against the computed value")


class FactCheckOut(BaseModel):
    id: str
    event: str = Field(description="The event whose astronomy the check uses")
    claim: str
    excerpts: list[ExcerptOut]
    stated: list[StatedOut] = Field(
        description="Each figure or statement, with numbers in fields naming the unit"
    )
    computed: dict[str, Any] = Field(
        description="The service's own values, in fields naming the unit"
    )
    verdict: Verdict
    reason: str


class ConstantOut(BaseModel):
    value: float
    source: str


class FactCheckAnswer(BaseModel):
    tolerance: str = Field(description="How a stated figure is judged against a computed one")
    constants: dict[str, ConstantOut] = Field(
        description="Constants the checks use, named with their unit"
    )
    facts: list[FactCheckOut]
