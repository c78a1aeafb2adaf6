"""Excerpts: the corpus's sentences with near-duplicates across articles grouped into one.

Articles copy each other: one re-flows another's text, and two tell the same sentence in different
words. An excerpt is one statement with every place it occurs (article and offsets, verbatim) and,
where the wording differs, each variant with the words that differ. Photo credits are left out:
they state nothing.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Indel

from service.articles.corpus import Corpus
from service.articles.sentences import Sentence, split_sentences

# Word-sequence similarity (2 x common words / all words) at or above which two sentences are one
# statement. In the shipped corpus the paraphrase "two distinct objects" / "two distant objects"
# scores 0.67, while the two leads that state different distances (1.44 vs 1.5 billion km) score
# 0.50; re-flowed copies score 1.0 and the quote with and without its attribution 0.94.
NEAR_DUPLICATE_MIN_SIMILARITY = 0.6
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Occurrence:
    """Where a statement occurs: `article.text[start:end] == text`."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Difference:
    """A run of words that reads `excerpt` in the excerpt's text and `variant` in a variant."""

    excerpt: str
    variant: str


@dataclass(frozen=True)
class Variant:
    """One wording of a statement and where it occurs; `differences` compare it with the excerpt."""

    text: str
    occurrences: tuple[Occurrence, ...]
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class Excerpt:
    """One statement: `text` is its most widely carried wording; `variants` lists every wording."""

    id: str
    text: str
    variants: tuple[Variant, ...]

    @property
    def occurrences(self) -> tuple[Occurrence, ...]:
        return tuple(o for v in self.variants for o in v.occurrences)

    def mentions(self, phrase: str) -> bool:
        """Whether any wording contains `phrase`, ignoring case, punctuation and spacing."""
        wanted = " ".join(words(phrase))
        return any(f" {wanted} " in f" {' '.join(words(v.text))} " for v in self.variants)


def words(text: str) -> list[str]:
    """Case-folded words, the unit of comparison (punctuation and spacing do not count)."""
    return _WORD.findall(text.casefold())


def _clusters(sentences: Sequence[Sentence]) -> list[list[int]]:
    """Indices of sentences grouped by word-sequence similarity (transitively), in text order."""
    tokens = [words(s.text) for s in sentences]
    similar = process.cdist(
        tokens,
        tokens,
        scorer=Indel.normalized_similarity,
        score_cutoff=NEAR_DUPLICATE_MIN_SIMILARITY,
        workers=1,
    )
    parent = list(range(len(sentences)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*similar.nonzero()):
        parent[root(int(j))] = root(int(i))
    groups: dict[int, list[int]] = {}
    for i in range(len(sentences)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _differences(excerpt_text: str, variant_text: str) -> tuple[Difference, ...]:
    """Runs of whitespace-separated words that differ between two wordings."""
    a, b = excerpt_text.split(), variant_text.split()
    matcher = difflib.SequenceMatcher(
        None, [" ".join(words(w)) for w in a], [" ".join(words(w)) for w in b], autojunk=False
    )
    return tuple(
        Difference(" ".join(a[i1:i2]), " ".join(b[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    )


def _excerpt(members: Iterable[Sentence]) -> Excerpt:
    """One excerpt from grouped sentences: wordings with most occurrences first, then text order."""
    by_wording: dict[tuple[str, ...], list[Sentence]] = {}
    for sentence in members:
        by_wording.setdefault(tuple(words(sentence.text)), []).append(sentence)
    wordings = sorted(by_wording.values(), key=lambda group: -len(group))
    text = wordings[0][0].text
    variants = tuple(
        Variant(
            text=group[0].text,
            occurrences=tuple(Occurrence(s.article_id, s.start, s.end, s.text) for s in group),
            differences=_differences(text, group[0].text) if n else (),
        )
        for n, group in enumerate(wordings)
    )
    key = " ".join(words(text)).encode()
    return Excerpt(id=hashlib.sha256(key).hexdigest()[:12], text=text, variants=variants)


def build_excerpts(corpus: Corpus) -> tuple[Excerpt, ...]:
    """Every statement of the corpus once, in the order it first occurs."""
    sentences = [
        s
        for article in corpus.articles
        for s in split_sentences(article.id, article.text)
        if s.kind == "sentence" and words(s.text)
    ]
    return tuple(_excerpt(sentences[i] for i in group) for group in _clusters(sentences))
