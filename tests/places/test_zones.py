"""Time zones: UTC offsets as typed, and suggestions for a misspelt zone name."""

from __future__ import annotations

import pytest

from service.places.zones import parse_offset


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("UTC+05:30", 330),
        ("+0530", 330),
        ("utc-4", -240),
        ("GMT+1", 60),
        ("-03:00", -180),
        ("+5", 300),
    ],
)
def test_parse_offset(text, minutes):
    offset = parse_offset(text)
    assert offset is not None and offset.total_seconds() == minutes * 60


def test_parse_offset_leaves_names_alone():
    assert parse_offset("Europe/Paris") is None


def test_suggestions_find_the_intended_zone(zones):
    assert zones.suggest("America/Torontoo")[0] == "America/Toronto"
    assert zones.suggest("moscw")[0] == "Europe/Moscow"
    assert zones.suggest("Europe/Pariss")[0] == "Europe/Paris"
    assert zones.suggest("tokio")[0] == "Asia/Tokyo"
