"""Excerpts: verbatim at their offsets, near-duplicates grouped with their variants shown."""

from __future__ import annotations

import pytest

from service.articles.corpus import Article, Corpus
from service.articles.excerpts import build_excerpts, words
from service.articles.sentences import split_sentences

A000, A001, A002 = "000_1ceea6555a71a055", "001_0495b5b3dbc4bf37", "002_41bbc2439664b63b"


@pytest.fixture(scope="module")
def excerpts(corpus):
    return build_excerpts(corpus)


def _find(excerpts, phrase):
    (found,) = [e for e in excerpts if e.mentions(phrase)]
    return found


def test_every_excerpt_occurs_verbatim_in_its_articles_at_its_offsets(corpus, excerpts):
    """Invariant: each occurrence is its article's text[start:end], in its variant's wording."""
    for excerpt in excerpts:
        assert excerpt.text == excerpt.variants[0].text
        for variant in excerpt.variants:
            for o in variant.occurrences:
                assert corpus.get(o.article_id).text[o.start : o.end] == o.text
                assert words(o.text) == words(variant.text)


def test_no_sentence_is_in_two_excerpts_and_none_is_lost(corpus, excerpts):
    places = [(o.article_id, o.start) for e in excerpts for o in e.occurrences]
    assert len(places) == len(set(places))
    sentences = {
        (s.article_id, s.start)
        for a in corpus.articles
        for s in split_sentences(a.id, a.text)
        if s.kind == "sentence"
    }
    assert set(places) == sentences


def test_the_reflowed_copy_adds_no_excerpt_of_its_own(excerpts):
    """Article 002 is 001 without blank lines and captions: every sentence of it is shared
    with 001."""
    for excerpt in excerpts:
        ids = {o.article_id for o in excerpt.occurrences}
        if A002 in ids:
            assert A001 in ids


def test_distinct_and_distant_are_one_excerpt_with_both_wordings(excerpts):
    excerpt = _find(excerpts, "two distant objects")
    assert excerpt.mentions("two distinct objects")
    assert {o.article_id for o in excerpt.occurrences} == {A000, A001, A002}
    carried, other = excerpt.variants
    assert excerpt.text.endswith("as two distant objects.")  # the wording two sources carry
    assert [o.article_id for o in carried.occurrences] == [A001, A002]
    assert [o.article_id for o in other.occurrences] == [A000]
    assert ("distant", "distinct") in [(d.excerpt, d.variant) for d in other.differences]


def test_a_quote_with_and_without_its_attribution_is_one_excerpt(excerpts):
    excerpt = _find(excerpts, "Cassini's picture reminds us how tiny our home planet is")
    assert {o.article_id for o in excerpt.occurrences} == {A000, A001, A002}
    (difference,) = excerpt.variants[1].differences
    assert (difference.excerpt, difference.variant) == (
        "",
        "said Cassini project scientist Linda Spilker.",
    )


def test_leads_stating_different_distances_stay_apart(excerpts):
    """Similar wording (0.50) but 1.44 vs 1.5 billion km: two statements, below the 0.6
    threshold."""
    assert _find(excerpts, "more than one billion kilometres") != _find(
        excerpts, "1.5 billion kilometres"
    )


def test_a_repeated_caption_is_one_excerpt_with_every_place(excerpts):
    excerpt = _find(
        excerpts, "This image of Earth and the moon was taken by NASA's Cassini spacecraft"
    )
    assert [(o.article_id, o.start) for o in excerpt.occurrences] == [
        (A000, 798),
        (A001, 2797),
        (A001, 2887),
    ]
    assert len(excerpt.variants) == 1


def test_photo_credits_are_not_excerpts(excerpts):
    assert not any(e.text.startswith(("(", "Image (")) for e in excerpts)


def test_ids_are_stable_and_unique(corpus, excerpts):
    assert [e.id for e in build_excerpts(corpus)] == [e.id for e in excerpts]
    assert len({e.id for e in excerpts}) == len(excerpts)


def test_near_duplicates_group_across_articles_and_others_stay_apart():
    articles = tuple(
        Article(i, t, i, "en", None, None, None)
        for i, t in [
            ("a", "Earth was a pale blue dot in the Cassini picture taken on Friday."),
            ("b", "Earth was a pale blue dot in the Cassini image taken on Friday."),
            ("c", "The Moon was a white dot."),
        ]
    )
    excerpts = build_excerpts(Corpus(articles))
    assert [[o.article_id for o in e.occurrences] for e in excerpts] == [["a", "b"], ["c"]]
