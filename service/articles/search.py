"""Full-text search over the excerpts: SQLite FTS5 in memory, built at start-up, ranked by BM25.

What a user types is never FTS5 query syntax. It is cut into words here and each word is quoted,
so quotes, `NEAR(`, `*`, `col:` filters and `AND`/`OR`/`NOT` are searched as the words they
contain; a text with no word in it is refused with `NoSearchTerms`.
"""

from __future__ import annotations

import html
import json
import sqlite3
import threading
from dataclasses import dataclass, field
from importlib import resources

from service.articles.excerpts import Excerpt, words
from service.errors import NoSearchTerms

# BM25 weight per column: the excerpt's own wording counts twice as much as its other wordings.
COLUMN_WEIGHTS = (1.0, 0.5)
SNIPPET_MAX_TOKENS = 64
_OPEN, _CLOSE = (
    "\x02",
    "\x03",
)  # match markers no article text contains; become <mark> after escaping


@dataclass(frozen=True)
class SearchHit:
    """An excerpt matching a search; `score` is BM25 negated (higher is better)."""

    excerpt: Excerpt
    score: float
    highlighted: str


@dataclass(frozen=True)
class QueryRules:
    """How a reader's words become search terms: function words to drop, words to add."""

    stopwords: frozenset[str] = frozenset()
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def terms(self, query: str) -> list[str]:
        """The query's content words (all its words if it has only function words), plus
        synonyms."""
        said = list(dict.fromkeys(words(query)))
        content = [w for w in said if w not in self.stopwords] or said
        added = [s for w in content for s in self.synonyms.get(w, ())]
        return list(dict.fromkeys(content + added))


def load_query_rules() -> QueryRules:
    """Read `data/stopwords.txt` and `data/synonyms.json` from the package."""
    data = resources.files("service").joinpath("data")
    lines = data.joinpath("stopwords.txt").read_text(encoding="utf-8").splitlines()
    stopwords = frozenset(w for line in lines if not line.startswith("#") for w in line.split())
    raw = json.loads(data.joinpath("synonyms.json").read_text(encoding="utf-8"))
    synonyms = {
        key: tuple(words(" ".join(value))) for key, value in raw.items() if not key.startswith("_")
    }
    return QueryRules(stopwords=stopwords, synonyms=synonyms)


def match_expression(query: str, rules: QueryRules = QueryRules()) -> str:
    """An FTS5 MATCH expression: the query's terms, each quoted, any of them (OR).

    Raises NoSearchTerms if the query has no word at all.
    """
    terms = rules.terms(query)
    if not terms:
        raise NoSearchTerms(
            "q has no words to search for; use letters or digits, e.g. q=pale blue dot.",
            parameter="q",
            example="pale blue dot",
        )
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _marked(fragment: str) -> str:
    """HTML-escaped text with matches in <mark>, safe to put in a page as it is."""
    return html.escape(fragment, quote=False).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


class ExcerptIndex:
    """The excerpts in an in-memory FTS5 table; one row per excerpt, so no sentence comes twice."""

    def __init__(self, excerpts: tuple[Excerpt, ...], rules: QueryRules = QueryRules()) -> None:
        self.excerpts = excerpts
        self.rules = rules
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE excerpt USING fts5("
            "text, other_wordings, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        self._db.executemany(
            "INSERT INTO excerpt (rowid, text, other_wordings) VALUES (?, ?, ?)",
            [
                (i, e.text, "\n".join(v.text for v in e.variants[1:]))
                for i, e in enumerate(excerpts)
            ],
        )

    def search(self, query: str, limit: int) -> list[SearchHit]:
        """The best `limit` excerpts for `query`, best first."""
        expression = match_expression(query, self.rules)
        sql = (
            "SELECT rowid, bm25(excerpt, ?, ?), "
            f"snippet(excerpt, 0, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_MAX_TOKENS}), "
            f"snippet(excerpt, 1, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_MAX_TOKENS}) "
            "FROM excerpt WHERE excerpt MATCH ? ORDER BY bm25(excerpt, ?, ?), rowid LIMIT ?"
        )
        with self._lock:
            rows = self._db.execute(
                sql, (*COLUMN_WEIGHTS, expression, *COLUMN_WEIGHTS, limit)
            ).fetchall()
        return [
            SearchHit(
                excerpt=self.excerpts[rowid],
                score=round(-rank, 4),
                highlighted=_marked(other if _OPEN in other and _OPEN not in own else own),
            )
            for rowid, rank, own, other in rows
        ]
