"""The fact check's parts: the weekday offset, the view geometry. The lit-regions judgement is
the claim checker's (tests/claims/test_checker.py)."""

from __future__ import annotations

import math

import pytest

from service.articles.facts import (
    max_sun_earth_angle_deg,
    saturday_from_offset,
    sun_earth_angle_deg,
)
from service.astronomy.ephemeris import BodyView


def test_saturday_from_offset(catalogue):
    start = catalogue.get("cassini-2013").wave_window.start
    assert saturday_from_offset(start) == "+02:33"  # 21:27 UTC + 2h33 = midnight


def test_view_geometry_helpers(catalogue):
    # A body 9.5 units from the Sun with Earth 1 unit from the Sun at right angles to the Sun line:
    # Earth is at its greatest angle from the Sun, asin(1/9.5) = 6.04°.
    view = BodyView(
        "x",
        catalogue.get("cassini-2013").wave_window.start,
        earth_km=(-9.5, 1.0, 0.0),
        moon_km=(-9.5, 1.0, 0.0),
        sun_km=(-9.5, 0.0, 0.0),
    )
    assert sun_earth_angle_deg(view) == pytest.approx(math.degrees(math.atan(1 / 9.5)), abs=1e-9)
    assert max_sun_earth_angle_deg(view) == pytest.approx(
        math.degrees(math.asin(1 / 9.5)), abs=1e-9
    )
