"""The language of an answer: `?lang=` first, else Accept-Language, else English (see service.render.i18n)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from service.render.i18n import DEFAULT_LANGUAGE, LANGUAGE_TAG, LanguageChoice, choose_language
from service.web.deps import ResourcesDep

MAX_TAG_CHARS = 35
ENGLISH = LanguageChoice(requested=None, used=DEFAULT_LANGUAGE, fallback=False)

LangQuery = Annotated[
    str | None,
    Query(
        min_length=2,
        max_length=MAX_TAG_CHARS,
        pattern=LANGUAGE_TAG.pattern,
        description="Language of human-facing text and dates: en, fr, de, es, pt, ja (a tag such as "
        "pt-BR uses its language). Overrides Accept-Language. Others fall back to English and "
        "`language.fallback` says so.",
        examples=["fr"],
    ),
]


async def get_language(
    request: Request, resources: ResourcesDep, lang: LangQuery = None
) -> LanguageChoice:
    offered = resources.site.messages.offered
    return choose_language(lang, request.headers.get("accept-language"), offered)


LanguageDep = Annotated[LanguageChoice, Depends(get_language)]
