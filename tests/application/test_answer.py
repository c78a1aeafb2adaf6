"""The answer's own helpers (the answers themselves are held by the route and entry-point tests)."""

from __future__ import annotations

import random

from service.application.answer import hundred_thousandths, hundredths


def test_answer_rounding_agrees_with_round():
    """`hundredths` and `hundred_thousandths` round through an integer for speed; over angles and
    coordinates in their ranges they give what `round(value, 2)` and `round(value, 5)` give."""
    rng = random.Random(2013)
    for _ in range(100_000):
        angle, coordinate = rng.uniform(-90.0, 360.0), rng.uniform(-180.0, 180.0)
        assert hundredths(angle) == round(angle, 2)
        assert hundred_thousandths(coordinate) == round(coordinate, 5)
    assert hundredths(0.125) == 0.12 and hundredths(0.375) == 0.38  # exact halves: to even
