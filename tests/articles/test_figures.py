"""Figures read from prose, and the precision they are judged at."""

from __future__ import annotations

import pytest

from service.articles.figures import parse_figures


@pytest.mark.parametrize(
    "text, value, unit, precision, qualifier",
    [
        ("1.44 billion kilometres", 1.44e9, "km", 1e7, None),
        ("1.5 billion kilometres", 1.5e9, "km", 1e8, None),
        ("nearly 900 million miles", 9e8, "miles", 1e8, "nearly"),
        ("98 million kilometres", 9.8e7, "km", 1e6, None),
        ("61 million miles", 6.1e7, "miles", 1e6, None),
        ("more than one billion kilometres", 1e9, "km", 1e9, "more than"),
        ("only 1.5 pixels", 1.5, "px", 0.1, "only"),
        ("20,000 km", 2e4, "km", 1e4, None),
        ("898 million miles", 8.98e8, "miles", 1e6, None),
    ],
)
def test_parse(text, value, unit, precision, qualifier):
    (figure,) = parse_figures(f"It was {text} away.")
    assert (figure.text, figure.unit, figure.qualifier) == (text, unit, qualifier)
    assert figure.value == pytest.approx(value, rel=1e-12)
    assert figure.precision == pytest.approx(precision, rel=1e-12)


def test_two_figures_in_one_sentence_in_order():
    figures = parse_figures("taken from 1.5 billion kilometres (nearly 900 million miles) away")
    assert [f.text for f in figures] == ["1.5 billion kilometres", "nearly 900 million miles"]


@pytest.mark.parametrize(
    "text, inside, outside",
    [
        # rounded or truncated: [X - unit/2, X + unit)
        ("1.44 billion km", [1.435e9, 1.4447e9, 1.4499e9], [1.4349e9, 1.45e9]),
        ("1.5 billion km", [1.45e9, 1.59e9], [1.4447e9, 1.6e9]),
        # nearly X: [X - unit/2, X], a value just under X that rounds to it
        ("nearly 900 million miles", [8.5e8, 8.977e8, 9e8], [8.49e8, 9.01e8]),
        ("nearly 1.5 billion km", [1.45e9, 1.49e9], [1.4447e9, 1.51e9]),
        # less than X: below X
        ("less than a pixel", [0.5, 0.99], [1.0, 1.47]),
        # more than X: above X
        ("more than one billion km", [1.0001e9, 5e9], [1e9, 0.9e9]),
    ],
)
def test_accepted_values(text, inside, outside):
    (figure,) = parse_figures(text)
    assert all(figure.agrees_with(v) for v in inside)
    assert not any(figure.agrees_with(v) for v in outside)


def test_numbers_without_a_unit_are_not_figures():
    assert parse_figures("More than 20,000 people waved on July 19, 2013.") == []
