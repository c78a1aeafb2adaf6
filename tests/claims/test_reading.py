"""Reading statements out of text: every quote is verbatim, and no text makes the patterns slow.

The fuzz cases are built from the pieces the patterns look for (digits, separators, zone words,
month names, scale words), since random characters rarely reach the patterns' harder paths.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.claims.lexicon import load_lexicon
from service.claims.reading import Clock, find_dates, find_durations, find_times

PIECES = [
    "1", "2", "5", "7", "9", "0", "12", "27", "2013", ":", ".", ",", "-", "–", " ", "  ", "h",
    " h ", "p.m.", "am", "pm", "Uhr", "EDT", "EST", "IST", "CST", "UTC", "GMT", "UTC+2", "(",
    ")", "local time", "heure de Paris", "in Brussels", "and", "to", "between", "July", "juillet",
    "de", "Friday", "samedi", "million", "billion", "milliards", "km", "miles", "pixels", "nearly",
    "more than", "minutes", "an hour", "Cassini", "MESSENGER", "wave", "Saturn", "light", "\n",
    "é", "’", "\u00a0",
]  # fmt: skip


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.mark.parametrize(
    ("text", "clocks", "zone"),
    [
        ("at 5:27 p.m. EDT", [(5, 27, "p")], "EDT"),
        ("at 17h27", [(17, 27, None)], None),
        ("at 23 h 27, heure de Paris", [(23, 27, None)], "heure de Paris"),
        ("from 4:27-4:42 p.m. CDT", [(4, 27, "p"), (4, 42, "p")], "CDT"),
        ("between 5:27 and 5:47 pm (UTC-4)", [(5, 27, "p"), (5, 47, "p")], "UTC-4"),
        ("um 23.27 Uhr MESZ", [(23, 27, None)], "MESZ"),
    ],
)
def test_times(lexicon, text, clocks, zone):
    (found,) = find_times(text, lexicon)
    assert [(c.hour, c.minute, c.meridiem) for c in found.clocks] == clocks
    assert (found.zone.text if found.zone else None) == zone


def test_an_offset_beyond_14_hours_is_no_zone(lexicon):
    # Found by the fuzz test below: "UTC+25" once made a 25-hour offset.
    assert [t.zone for t in find_times("at 1 UTC+25", lexicon)] == []


def test_numbers_are_not_times(lexicon):
    assert find_times("1.44 billion km, 5.5 minutes, 2013-07-19", lexicon) == []


def test_a_clock_without_am_or_pm_has_two_readings():
    assert len(Clock(5, 27, None).readings()) == 2
    assert len(Clock(17, 27, None).readings()) == 1


@pytest.mark.parametrize(
    ("text", "days", "month", "weekday"),
    [
        ("on Friday, July 19, 2013", (19,), 7, 4),
        ("le samedi 20 juillet", (20,), 7, 5),
        ("am 19. Juli 2013", (19,), 7, None),
        ("el viernes 19 de julio de 2013", (19,), 7, 4),
        ("em 19 e 20 de julho", (19, 20), 7, None),
        ("on 2013-07-20", (20,), 7, None),
    ],
)
def test_dates(lexicon, text, days, month, weekday):
    (found,) = find_dates(text, lexicon)
    assert (found.days, found.month, found.weekday) == (days, month, weekday)


def test_durations(lexicon):
    (found,) = find_durations("an hour and 20 minutes", lexicon)
    assert found.minutes == 80


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_every_quote_is_verbatim(checker, pieces):
    text = "".join(pieces)
    for claim in checker.check(text).claims:
        assert text[claim.start : claim.end] == claim.quote
        assert claim.verdict in ("agrees", "partly", "disagrees", "unclear")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(PIECES), st.integers(min_value=500, max_value=4000))
def test_repeated_pieces_are_read_whole(checker, piece, count):
    """A piece repeated thousands of times, the shape that makes backtracking patterns blow up:
    read to the end, within the claim cap, quotes verbatim (bench/bench_claims.py times it)."""
    text = (piece * count)[:20_000]
    checked = checker.check(text)
    assert len(checked.claims) <= checker.max_claims
    assert all(text[c.start : c.end] == c.quote for c in checked.claims)
