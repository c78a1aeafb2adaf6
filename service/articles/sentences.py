"""Splitting article text into sentences, each with its character offsets into the text.

News prose breaks naive splitters: `Pasadena, Calif., said`, `7:49 a.m. EDT`, `the U.S. space
agency`, `Linda J. Spilker`, `1.44 billion`, quotations that end inside their marks, and photo
captions or credits that end a line without a full stop. The rules here:

- a line break always ends a sentence (paragraphs, captions and headings are lines);
- a `.`, `!` or `?` (with any closing quotes or brackets after it) ends a sentence only when
  whitespace follows and the next word starts like a sentence: a capital, or an opening quote or
  bracket before one;
- a full stop after a known abbreviation or an initial does not end a sentence, except for the
  few abbreviations that often close one (`a.m.`, `Calif.`, `etc.`), which end it before a
  capitalised word that is not an all-capitals code like `EDT`;
- a parenthesised photo credit after a caption, `(Credit: NASA/JPL)`, is a segment of its own, of
  kind `credit`, so the caption reads the same with or without it.

Offsets are Python string indices (code points), so `text[start:end]` is the sentence, verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Never end a sentence: titles before names, and abbreviations that need what follows.
TITLES = frozenset(
    "mr mrs ms dr prof st sen rep gov gen lt col capt sgt rev fr jr sr no vs e.g i.e cf approx "
    "dept".split()
)
# Acronyms written with stops that, in news prose, almost always continue the sentence.
ACRONYMS = frozenset("u.s u.k u.n u.s.a e.u".split())
# Abbreviations that may close a sentence: they end one before a capitalised ordinary word.
CLOSING = frozenset(
    "a.m p.m etc inc corp co ltd jan feb mar apr jun jul aug sep sept oct nov dec "
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont "
    "neb nev okla ore pa tenn tex va vt wash wis wyo".split()
)

# A run of terminators is tried from its first character only, so a long run costs one pass.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s)")
# No abbreviation is longer than this: the word before a stop is looked for this far back only.
ABBREVIATION_MAX_CHARS = 32
_NEXT_WORD = re.compile(r"\s+([\"'“‘(\[]*)(\S*)")
_WORD_BEFORE_STOP = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
# A line-ending photo credit: `(NASA/JPL-Caltech)`, `Image (Credit: NASA)`; not a sentence in
# brackets.
_CREDIT = re.compile(
    r"(?:Image\s+)?\((?:(?:Credit|Photo|Image|Picture)\s*:\s*)?[^()]*[^().!?\s]\)", re.I
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of `article_id` at `text[start:end]`; kind is 'sentence' or 'credit'."""

    article_id: str
    start: int
    end: int
    text: str
    kind: str = "sentence"


def _abbreviation(before: str) -> str | None:
    """The word a full stop ends, lower-cased without its final stop, if it looks abbreviated."""
    match = _WORD_BEFORE_STOP.search(before[-ABBREVIATION_MAX_CHARS:])
    return match.group(1).lower() if match else None


def _starts_sentence(following: str) -> tuple[bool, str]:
    """Does the text after a boundary start a new sentence? Also returns that next word."""
    match = _NEXT_WORD.match(following)
    if not match or not match.group(2):
        return False, ""
    word = match.group(2)
    return word[0].isupper(), word


def _is_code(word: str) -> bool:
    """An all-capitals code such as a zone abbreviation (EDT, UTC) that continues a time."""
    letters = re.sub(r"[^A-Za-z]", "", word)
    return len(letters) >= 2 and letters.isupper()


def _ends_sentence(line: str, stop_end: int) -> bool:
    """Whether the terminator ending at `stop_end` closes the sentence."""
    starts, word = _starts_sentence(line[stop_end:])
    if not starts:
        return False
    terminator = line[:stop_end].rstrip("\"'”’)]")
    if not terminator.endswith(".") or terminator.endswith(".."):
        return True
    abbreviation = _abbreviation(terminator)
    if abbreviation is None:
        return True
    if len(abbreviation) == 1 and abbreviation.isalpha():
        return False  # an initial: Linda J. Spilker
    if abbreviation in TITLES or abbreviation in ACRONYMS:
        return False
    if abbreviation in CLOSING or "." in abbreviation:
        return not _is_code(word)
    return True


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, without its surrounding whitespace."""
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + line.index(stripped[0])
            yield start, start + len(stripped)
        position += len(line) + 1


def _split_line(line: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence within one stripped line."""
    start = 0
    for match in _BOUNDARY.finditer(line):
        if _ends_sentence(line, match.end()):
            yield start, match.end()
            rest = line[match.end() :]
            start = match.end() + len(rest) - len(rest.lstrip())
    if start < len(line):
        yield start, len(line)


def split_sentences(article_id: str, text: str) -> list[Sentence]:
    """Every sentence of `text` in order, with offsets such that
    `text[start:end] == sentence.text`."""
    sentences: list[Sentence] = []
    for line_start, line_end in _line_spans(text):
        line = text[line_start:line_end]
        for start, end in _split_line(line):
            segment = line[start:end]
            kind = "credit" if _CREDIT.fullmatch(segment) else "sentence"
            sentences.append(
                Sentence(article_id, line_start + start, line_start + end, segment, kind)
            )
    return sentences
