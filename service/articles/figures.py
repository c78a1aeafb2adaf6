"""Figures stated in prose ("nearly 900 million miles", "1,44 milliard de kilomètres") as numbers
with a unit and a precision, in English, French, German, Spanish and Portuguese.

A figure is judged at the precision it is written with: "1.44 billion" is read to the hundredth of
a billion, "900 million" to the hundred million (trailing zeros of a whole number are not taken as
significant). A plain figure agrees with a value that rounds *or* truncates to it, the two ways
newsrooms shorten numbers: from half a unit of its last digit below to one unit above. "Nearly"
or "almost" X admits a value just under X that rounds to it: half a unit below X up to X. "More
than" X anything above X; "less than" X anything below.

Numbers are read the way the text's language writes them: `1,440` is a thousand and more in
English and `1,44` one and a bit in French; `billion` is 10^9 in English and 10^12 in French and
German (whose 10^9 is `milliard`, `Milliarde`), as `billón` is in Spanish.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

UNITS = {
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "kilometern": "km",
    "kilomètres": "km",
    "kilomètre": "km",
    "kilómetros": "km",
    "kilómetro": "km",
    "quilómetros": "km",
    "quilômetros": "km",
    "quilómetro": "km",
    "quilômetro": "km",
    "miles": "miles",
    "mile": "miles",
    "mi": "miles",
    "milles": "miles",
    "meilen": "miles",
    "meile": "miles",
    "millas": "miles",
    "milla": "miles",
    "milhas": "miles",
    "milha": "miles",
    "pixels": "px",
    "pixel": "px",
    "pixeln": "px",
    "píxeles": "px",
    "píxel": "px",
}
# Scale words by language; a word a language does not list is read as English reads it.
SCALES: dict[str, dict[str, float]] = {
    "en": {
        "thousand": 1e3,
        "million": 1e6,
        "millions": 1e6,
        "billion": 1e9,
        "billions": 1e9,
        "bn": 1e9,
        "trillion": 1e12,
    },
    "fr": {
        "mille": 1e3,
        "million": 1e6,
        "millions": 1e6,
        "milliard": 1e9,
        "milliards": 1e9,
        "billion": 1e12,
        "billions": 1e12,
    },
    "de": {
        "tausend": 1e3,
        "million": 1e6,
        "millionen": 1e6,
        "mio.": 1e6,
        "milliarde": 1e9,
        "milliarden": 1e9,
        "mrd.": 1e9,
        "billion": 1e12,
        "billionen": 1e12,
    },
    "es": {
        "mil": 1e3,
        "millón": 1e6,
        "millones": 1e6,
        "mil millones": 1e9,
        "billón": 1e12,
        "billones": 1e12,
    },
    "pt": {
        "mil": 1e3,
        "milhão": 1e6,
        "milhões": 1e6,
        "mil milhões": 1e9,
        "bilhão": 1e9,
        "bilhões": 1e9,
        "bilião": 1e12,
        "biliões": 1e12,
    },
}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "a single": 1,
    "un": 1,
    "une": 1,
    "ein": 1,
    "einen": 1,
    "einem": 1,
    "uno": 1,
    "una": 1,
    "um": 1,
    "uma": 1,
}
# Each way of qualifying a figure, by what it means.
QUALIFIERS = {
    "more than": "more than",
    "over": "more than",
    "plus de": "more than",
    "mehr als": "more than",
    "über": "more than",
    "más de": "more than",
    "mais de": "more than",
    "nearly": "nearly",
    "almost": "nearly",
    "presque": "nearly",
    "près de": "nearly",
    "fast": "nearly",
    "knapp": "nearly",
    "casi": "nearly",
    "quase": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "environ": "about",
    "quelque": "about",
    "etwa": "about",
    "rund": "about",
    "ungefähr": "about",
    "circa": "about",
    "unos": "about",
    "unas": "about",
    "aproximadamente": "about",
    "alrededor de": "about",
    "cerca de": "about",
    "less than": "less than",
    "under": "less than",
    "moins de": "less than",
    "weniger als": "less than",
    "menos de": "less than",
    "only": "only",
    "just": "only",
    "seulement": "only",
    "nur": "only",
    "solo": "only",
    "sólo": "only",
    "apenas": "only",
}
TOLERANCE_RULE = (
    "A figure is read at the precision it is written with (trailing zeros of a whole number are "
    "not significant) and agrees with a value that rounds or truncates to it: from half a unit of "
    "its last digit below to one unit above. 'Nearly X' admits half a unit below X up to X; "
    "'more than X', above X; 'less than X', below X."
)
# Separators of thousands other than `,` and `.`: spaces (plain, no-break, narrow) and
# apostrophes.
_GROUPING = "\u00a0\u202f '’"
_MAX_NUMBER_CHARS = 24


def _alternatives(words: Iterable[str]) -> str:
    """Words as one trie-shaped alternation, the longest winning (as the claim lexicon's)."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie(trie)


def _trie(node: dict) -> str:
    branches = [re.escape(char) + _trie(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def _figure_pattern() -> re.Pattern[str]:
    scales = {w for table in SCALES.values() for w in table}
    words = [w for w in NUMBER_WORDS if w != "a"]
    # Digits with grouping marks; a space groups only before three digits.
    digits = rf"\d(?:[\d,.]|[\u00a0\u202f '’](?=\d{{3}}(?!\d))){{0,{_MAX_NUMBER_CHARS}}}"
    # "a" counts as one only before a scale or a pixel ("a billion", "a pixel").
    lone_a = rf"a(?=\s(?:single\s)?(?:pixel|{_alternatives(scales)})\b)"
    return re.compile(
        rf"(?:(?<!\w)(?P<qualifier>{_alternatives(QUALIFIERS)})\s{{1,3}})?"
        rf"(?:(?<![\w.,])(?P<number>{digits})"
        rf"|(?<!\w)(?P<word>{_alternatives(words)}|{lone_a}))"
        rf"\s{{0,3}}(?:(?P<scale>{_alternatives(scales)})(?!\w)\s{{0,3}})?"
        rf"(?:(?:de|d'|d’)\s{{0,3}})?"
        rf"(?P<unit>{_alternatives(UNITS)})(?!\w)",
        re.I,
    )


_FIGURE: re.Pattern[str] | None = None


def figure_pattern() -> re.Pattern[str]:
    """The figure pattern, compiled on first use (nothing is built at import time)."""
    global _FIGURE
    if _FIGURE is None:
        _FIGURE = _figure_pattern()
    return _FIGURE


@dataclass(frozen=True)
class StatedFigure:
    """A number as written: its value in `unit`, and one unit of its last significant digit.
    `start` and `end` are its offsets in the text it was read from."""

    text: str
    value: float
    unit: str
    precision: float
    qualifier: str | None
    start: int = 0
    end: int = 0

    def accepted_range(self) -> tuple[float, float]:
        """The values this figure, read at its own precision, is a fair statement of."""
        if self.qualifier == "more than":
            return self.value, float("inf")
        if self.qualifier == "less than":
            return float("-inf"), self.value
        if self.qualifier == "nearly":
            return self.value - self.precision / 2, self.value
        return self.value - self.precision / 2, self.value + self.precision

    def agrees_with(self, value: float) -> bool:
        low, high = self.accepted_range()
        if self.qualifier == "more than":
            return value > low
        if self.qualifier == "less than":
            return value < high
        return low <= value <= high if self.qualifier == "nearly" else low <= value < high


def read_number(raw: str, language: str = "en") -> tuple[float, float] | None:
    """A written number's value and one unit of its last significant digit, read the
    language's way; None when it is no number (`1.2.3,4,5`)."""
    digits = "".join(c for c in raw if c not in _GROUPING)
    marks = [c for c in digits if c in ",."]
    decimal = _decimal_mark(digits, marks, language)
    integer, _, fraction = digits.partition(decimal) if decimal else (digits, "", "")
    integer = integer.replace(",", "").replace(".", "")
    if not integer.isdigit() or (fraction and not fraction.isdigit()):
        return None
    value = float(f"{integer}.{fraction}" if fraction else integer)
    if fraction:
        return value, 10.0 ** -len(fraction)
    stripped = integer.rstrip("0")
    return value, 10.0 ** (len(integer) - len(stripped)) if stripped else 1.0


def _decimal_mark(digits: str, marks: list[str], language: str) -> str | None:
    """Which of `,` and `.` marks the decimals, if either: the last when both are used; a mark
    used twice groups thousands; one mark before exactly three digits groups thousands unless the
    language writes decimals with it (English the point, the others the comma)."""
    if not marks:
        return None
    if len(set(marks)) == 2:
        return marks[-1]
    mark = marks[0]
    if len(marks) > 1:
        return None
    after = digits.split(mark, 1)[1]
    if len(after) == 3:
        return mark if mark == ("." if language == "en" else ",") else None
    return mark


def scale_value(word: str, language: str) -> float:
    key = " ".join(word.lower().split())
    table = SCALES.get(language, SCALES["en"])
    return table.get(key) or SCALES["en"].get(key) or _any_scale(key)


def _any_scale(key: str) -> float:
    for table in SCALES.values():
        if key in table:
            return table[key]
    raise KeyError(key)


def parse_figures(text: str, language: str = "en") -> list[StatedFigure]:
    """Every figure with a unit in `text`, in order of appearance, read the language's way."""
    figures = []
    for match in figure_pattern().finditer(text):
        if match["number"]:
            number = read_number(match["number"].rstrip(",."), language)
            if number is None:
                continue
            value, precision = number
        else:
            value, precision = float(NUMBER_WORDS[" ".join(match["word"].lower().split())]), 1.0
        scale = scale_value(match["scale"], language) if match["scale"] else 1.0
        qualifier = (
            QUALIFIERS[" ".join(match["qualifier"].lower().split())] if match["qualifier"] else None
        )
        figures.append(
            StatedFigure(
                text=match.group(0),
                value=value * scale,
                unit=UNITS[match["unit"].lower()],
                precision=precision * scale,
                qualifier=qualifier,
                start=match.start(),
                end=match.end(),
            )
        )
    return figures
