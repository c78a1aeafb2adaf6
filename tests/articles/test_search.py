"""Excerpt search: a reader's words become search terms, and highlighting escapes the text."""

from __future__ import annotations

import pytest

from service.articles.corpus import Article, Corpus
from service.articles.excerpts import build_excerpts
from service.articles.search import ExcerptIndex, QueryRules, match_expression
from service.errors import NoSearchTerms


def test_function_words_are_dropped_unless_they_are_all_there_is():
    rules = QueryRules(
        stopwords=frozenset({"how", "was", "the"}), synonyms={"far": ("kilometres",)}
    )
    assert rules.terms("How far was the probe?") == ["far", "probe", "kilometres"]
    assert rules.terms("how was the") == ["how", "was", "the"]
    with pytest.raises(NoSearchTerms):
        match_expression("?!")


def test_highlighting_escapes_the_article_text():
    corpus = Corpus(
        (Article("a", "Saturn <b>shone</b> & Earth waved.", "t", "en", None, None, None),)
    )
    (hit,) = ExcerptIndex(build_excerpts(corpus)).search("shone", 5)
    assert hit.highlighted == "Saturn &lt;b&gt;<mark>shone</mark>&lt;/b&gt; &amp; Earth waved."
