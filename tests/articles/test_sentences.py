"""Sentence splitting around abbreviations, initials, decimals, quotations, captions and credits."""

from __future__ import annotations

import pytest

from service.articles.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences("t", text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Abbreviations inside a sentence
        (
            "Linda Spilker, at JPL in Pasadena, Calif., said in a statement. Then she left.",
            ["Linda Spilker, at JPL in Pasadena, Calif., said in a statement.", "Then she left."],
        ),
        (
            "The first image came at 7:49 a.m. EDT on Friday. More followed.",
            ["The first image came at 7:49 a.m. EDT on Friday.", "More followed."],
        ),
        (
            "The U.S. space agency asked. Mr. Smith waved at Dr. Jones.",
            ["The U.S. space agency asked.", "Mr. Smith waved at Dr. Jones."],
        ),
        (
            "Carolyn C. Porco leads the team. She said so.",
            ["Carolyn C. Porco leads the team.", "She said so."],
        ),
        (
            "Earth was 1.44 billion km away. That is far.",
            ["Earth was 1.44 billion km away.", "That is far."],
        ),
        # Abbreviations that do close a sentence before an ordinary capitalised word
        (
            "The photos were taken at 9 a.m. The next set came later.",
            ["The photos were taken at 9 a.m.", "The next set came later."],
        ),
        (
            "He works in Pasadena, Calif. The lab is nearby.",
            ["He works in Pasadena, Calif.", "The lab is nearby."],
        ),
        # Quotations
        (
            '"It thrills me," said Porco. "We waved."',
            ['"It thrills me," said Porco.', '"We waved."'],
        ),
        ('"Is that Earth?" he asked. It was.', ['"Is that Earth?" he asked.', "It was."]),
        ('She said: "Look up." Everyone did.', ['She said: "Look up."', "Everyone did."]),
        # A lower-case word after a stop does not start a sentence
        ("See p. 4 and fig. b for details.", ["See p. 4 and fig. b for details."]),
        # Lines: captions and headings without a final stop are sentences of their own
        (
            "Earth from Saturn\nThe image shows Earth. It is small",
            ["Earth from Saturn", "The image shows Earth.", "It is small"],
        ),
        ("Wait... What was that?", ["Wait...", "What was that?"]),
    ],
)
def test_split(text, expected):
    assert texts(text) == expected


def test_photo_credits_are_segments_of_their_own_kind():
    text = (
        "This image was taken on July 19, 2013. (NASA/JPL-Caltech/Space Science Institute)\n"
        "The cameras captured Earth. Image (Credit: NASA/JPL)\nA sentence (with an aside)."
    )
    found = [(s.text, s.kind) for s in split_sentences("t", text)]
    assert found == [
        ("This image was taken on July 19, 2013.", "sentence"),
        ("(NASA/JPL-Caltech/Space Science Institute)", "credit"),
        ("The cameras captured Earth.", "sentence"),
        ("Image (Credit: NASA/JPL)", "credit"),
        ("A sentence (with an aside).", "sentence"),
    ]


def test_no_break_spaces_are_whitespace_but_kept_verbatim():
    text = "It was the first\u00a0time.\u00a0Then it was not. "
    assert texts(text) == ["It was the first\u00a0time.", "Then it was not."]


def test_every_sentence_is_verbatim_at_its_offsets_and_covers_the_text(corpus):
    """Invariant over the corpus: text[start:end] is the sentence; only whitespace lies between."""
    for article in corpus.articles:
        sentences = split_sentences(article.id, article.text)
        position = 0
        for s in sentences:
            assert article.text[s.start : s.end] == s.text
            assert s.text == s.text.strip() and s.text
            assert article.text[position : s.start].strip() == "", (article.id, s.start)
            position = s.end
        assert article.text[position:].strip() == ""


def test_the_corpus_splits_where_a_reader_would(corpus):
    article = corpus.get("001_0495b5b3dbc4bf37")
    sentences = texts(article.text)
    assert (
        "\"We can't see individual continents or people in this portrait of Earth, "
        'but this pale blue dot is a succinct summary of who we were on July 19," '
        "Linda Spilker, Cassini project scientist, at NASA's "
        "Jet Propulsion Laboratory in Pasadena, Calif., said in a statement."
    ) in sentences
    assert len(sentences) == 23  # 20 sentences and 3 photo credits
