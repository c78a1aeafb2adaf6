"""Add a news article to the corpus by URL and print its claims, checked:
`python -m service.ingest URL [--corpus DIR]`.

Fetching and writing are `service.articles.ingest`'s; the claims are checked by the same checker
the service runs (`service.claims`), over the same committed astronomy. The
running service lists the article, with its claims, at `/v1/articles/{id}` from its next start.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from service.application.claims import article_answer
from service.application.resources import committed_claim_checker
from service.articles import ingest as fetching
from service.articles.corpus import Article, load_article
from service.articles.facts import load_claims
from service.astronomy import precomputed
from service.errors import IngestRefused
from service.events import load_catalogue
from service.places.zones import use_packaged_tzdata
from service.render import terminal
from service.render.i18n import load_messages
from service.settings import default_corpus_dir


def checked_claims_text(article: Article) -> str:
    """The article's claims as the terminal shows them, in English."""
    use_packaged_tzdata()
    catalogue = load_catalogue()
    checker = committed_claim_checker(
        catalogue, precomputed.load(catalogue), load_claims().constants
    )
    m = load_messages()["en"]
    answer = article_answer(article, checker.check(article.text), m)
    return terminal.claims(answer, m, title=f"{article.id}: {article.title}")


def main(argv: list[str] | None = None) -> int:
    parser = fetching.argument_parser("python -m service.ingest")
    args = parser.parse_args(argv)
    corpus_dir = args.corpus or Path(os.environ.get("CORPUS_DIR") or default_corpus_dir())
    limits = fetching.FetchLimits(max_bytes=args.max_bytes, total_timeout_s=args.timeout)
    try:
        path = fetching.ingest(args.url, corpus_dir, limits)
    except IngestRefused as exc:
        print(f"error ({exc.details['reason']}): {exc.message}", file=sys.stderr)
        return 2
    print(f"added {path.stem}: {path} and {path.with_suffix('.json').name}\n")
    print(checked_claims_text(load_article(path)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
