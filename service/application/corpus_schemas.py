"""Response schemas of the corpus: excerpts, search results, supporting excerpts, the fact check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from service.application.question import MAX_CLAIM_TEXT_CHARS

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


ClaimVerdict = Literal["agrees", "partly", "disagrees", "unclear"]
ClaimKind = Literal[
    "time", "date", "weekday", "distance", "light_time", "duration", "earth_size", "lit_region"
]


@dataclass(frozen=True)
class ClaimOut:
    quote: Annotated[str, Field(description="The statement as written: text[start:end]")]
    start: Annotated[int, Field(description="Offset of the quote in the text (code points)")]
    end: Annotated[int, Field(description="Offset just past the quote")]
    kind: ClaimKind
    event: Annotated[str, Field(description="The event the statement is about")]
    verdict: Annotated[
        ClaimVerdict,
        Field(description="unclear: the text does not say enough (a time without a zone, ...)"),
    ]
    stated: Annotated[
        dict[str, Any],
        Field(description="What the text states, normalised: instants in UTC, distances in km"),
    ]
    computed: Annotated[
        dict[str, Any],
        Field(description="The service's own values; for a time, in the zone the text meant"),
    ]
    reason: Annotated[str, Field(description="Why, in one sentence of the answer's language")]


@dataclass(frozen=True)
class ClaimCountsOut:
    agrees: int
    partly: int
    disagrees: int
    unclear: int


class ClaimsAnswer(BaseModel):
    language: str = Field(description="The language of each reason")
    text_language: str = Field(description="The language the text was read as: en fr de es pt")
    truncated: bool = Field(description="True when the text held more claims than are checked")
    counts: ClaimCountsOut
    claims: list[ClaimOut]


class ClaimsRequest(BaseModel, extra="forbid"):
    text: str = Field(
        min_length=1, max_length=MAX_CLAIM_TEXT_CHARS, description="The text to check"
    )
    event: str | None = Field(None, description="The event meant where the text does not say")
    lang: str | None = Field(None, description="Language of the reasons, as `lang=` elsewhere")


class ArticleOut(BaseModel):
    id: str
    title: str
    publisher: str | None
    date: str | None
    url: str | None
    language: str | None
    claim_counts: ClaimCountsOut = Field(description="Its checked claims by verdict")


class ArticlesAnswer(BaseModel):
    articles: list[ArticleOut]


class ArticleAnswer(ArticleOut):
    language_of_reasons: str = Field(description="The language of each reason")
    truncated: bool
    claims: list[ClaimOut]
