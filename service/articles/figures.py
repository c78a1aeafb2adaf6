"""Figures stated in prose ("nearly 900 million miles") as numbers with a unit and a precision.

A figure is judged at the precision it is written with: "1.44 billion" is read to the hundredth of
a billion, "900 million" to the hundred million (trailing zeros of a whole number are not taken as
significant). A plain figure agrees with a value that rounds *or* truncates to it, the two ways
newsrooms shorten numbers: from half a unit of its last digit below to one unit above. "Nearly" or
"almost" X admits one unit below X up to X; "more than" X anything above X.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "kilometres": "km",
    "kilometers": "km",
    "km": "km",
    "miles": "miles",
    "mile": "miles",
    "pixels": "px",
    "pixel": "px",
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
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
}
QUALIFIERS = ("more than", "nearly", "almost", "about", "around", "only")
TOLERANCE_RULE = (
    "A figure is read at the precision it is written with (trailing zeros of a whole number are "
    "not significant) and agrees with a value that rounds or truncates to it: from half a unit of "
    "its last digit below to one unit above. 'Nearly X' admits one unit below X up to X; "
    "'more than X', above X."
)

_FIGURE = re.compile(
    rf"(?:\b(?P<qualifier>{'|'.join(QUALIFIERS)})\s+)?"
    rf"(?P<number>\d[\d,]*(?:\.\d+)?|\b(?:{'|'.join(NUMBER_WORDS)}))\s+"
    rf"(?:(?P<scale>{'|'.join(SCALES)})\s+)?"
    rf"(?P<unit>{'|'.join(sorted(UNITS, key=len, reverse=True))})\b",
    re.I,
)


@dataclass(frozen=True)
class StatedFigure:
    """A number as written: its value in `unit`, and one unit of its last significant digit."""

    text: str
    value: float
    unit: str
    precision: float
    qualifier: str | None

    def accepted_range(self) -> tuple[float, float]:
        """The values this figure, read at its own precision, is a fair statement of."""
        if self.qualifier == "more than":
            return self.value, float("inf")
        if self.qualifier in ("nearly", "almost"):
            return self.value - self.precision, self.value
        return self.value - self.precision / 2, self.value + self.precision

    def agrees_with(self, value: float) -> bool:
        low, high = self.accepted_range()
        if self.qualifier == "more than":
            return value > low
        return (
            low <= value <= high if self.qualifier in ("nearly", "almost") else low <= value < high
        )


def _digit_unit(number: str) -> float:
    """One unit of the last significant digit: '1.44' -> 0.01, '98' -> 1, '900' -> 100."""
    if number.lower() in NUMBER_WORDS:
        return 1.0
    digits = number.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def _value(number: str) -> float:
    word = number.lower()
    return float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else float(number.replace(",", ""))


def parse_figures(text: str) -> list[StatedFigure]:
    """Every figure with a unit in `text`, in order of appearance."""
    figures = []
    for match in _FIGURE.finditer(text):
        scale = SCALES[match["scale"].lower()] if match["scale"] else 1.0
        qualifier = match["qualifier"].lower() if match["qualifier"] else None
        figures.append(
            StatedFigure(
                text=match.group(0),
                value=_value(match["number"]) * scale,
                unit=UNITS[match["unit"].lower()],
                precision=_digit_unit(match["number"]) * scale,
                qualifier=qualifier,
            )
        )
    return figures
