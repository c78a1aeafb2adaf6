"""The claim pages: "check a sentence" (`/check`, a GET form that works without JavaScript) and
an article's view (`/articles/{id}`), rendered from the typed claims answers."""

from __future__ import annotations

from urllib.parse import urlencode

from service.application.corpus_schemas import ArticleAnswer, ClaimOut, ClaimsAnswer
from service.articles.corpus import Article, Corpus
from service.render import words
from service.render.assets import Site
from service.render.i18n import LanguageChoice, Messages


def claim_view(claim: ClaimOut, m: Messages) -> dict:
    return {
        "quote": claim.quote,
        "kind": m.text(f"claim.kind.{claim.kind}"),
        "verdict": claim.verdict,
        "verdict_label": words.claim_verdict(claim.verdict, m),
        "reason": claim.reason,
    }


def _counts(answer: ClaimsAnswer | ArticleAnswer, m: Messages) -> str:
    counts = answer.counts if isinstance(answer, ClaimsAnswer) else answer.claim_counts
    return m.text(
        "claim_counts",
        agrees=counts.agrees,
        partly=counts.partly,
        disagrees=counts.disagrees,
        unclear=counts.unclear,
    )


def _languages(site: Site, path: str, params: dict, used: str) -> list[dict]:
    return [
        {
            "code": code,
            "name": site.messages[code].text("language_name"),
            "current": code == used,
            "href": f"{path}?{urlencode({**params, 'lang': code})}",
        }
        for code in site.messages.offered
    ]


def check_page(
    site: Site,
    corpus: Corpus,
    text: str,
    answer: ClaimsAnswer | None,
    language: LanguageChoice,
    lang: str | None,
) -> str:
    """The form, the claims of the text sent with it, and the articles to look at."""
    m = site.messages[language.used]
    context = {
        "m": m,
        "lang": language.used,
        "title": words.title(m.text("check_heading"), m),
        "home_href": "/" + (f"?lang={lang}" if lang else ""),
        "form": {"text": text, "lang": lang},
        "claims": [claim_view(c, m) for c in answer.claims] if answer else None,
        "counts": _counts(answer, m) if answer else None,
        "truncated": m.text("check_truncated", count=len(answer.claims))
        if answer and answer.truncated
        else None,
        "articles": [
            {"title": a.title, "href": f"/articles/{a.id}" + (f"?lang={lang}" if lang else "")}
            for a in corpus.articles
        ],
        "languages": _languages(site, "/check", {"text": text} if text else {}, language.used),
    }
    return site.templates.get_template("check.html").render(context)


def article_page(
    site: Site, article: Article, answer: ArticleAnswer, language: LanguageChoice, lang: str | None
) -> str:
    """One article: where it came from, and each of its claims with its verdict and reason."""
    m = site.messages[language.used]
    context = {
        "m": m,
        "lang": language.used,
        "title": words.title(article.title, m),
        "home_href": "/",
        "article": {
            "title": article.title,
            "publisher": article.publisher or m.text("unknown_publisher"),
            "date": article.date,
            "url": article.url,
            "language": article.language,
        },
        "claims": [claim_view(c, m) for c in answer.claims],
        "counts": _counts(answer, m),
        "check_href": "/check" + (f"?lang={lang}" if lang else ""),
        "languages": _languages(site, f"/articles/{article.id}", {}, language.used),
    }
    return site.templates.get_template("article.html").render(context)
