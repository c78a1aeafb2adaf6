"""The event catalogue: both events with their sources, and what it refuses to load."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources as importlib_resources

import pytest

from service.events import load_catalogue


def test_catalogue_carries_both_events_with_sources():
    catalogue = load_catalogue()
    assert catalogue.ids() == ("cassini-2013", "messenger-2013-07-19", "messenger-2013-07-20")
    cassini = catalogue.get("cassini-2013")
    assert cassini.wave_window.start == datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
    assert cassini.spacecraft_window is not None
    assert cassini.spacecraft_window.end == datetime(2013, 7, 19, 23, 1, 56, tzinfo=UTC)
    assert cassini.target_body == "saturn"
    assert catalogue.get("messenger-2013-07-20").target_body == "mercury"


def test_catalogue_rejects_an_uncited_source(tmp_path):
    raw = json.loads(importlib_resources.files("service").joinpath("data/events.json").read_text())
    raw["events"][0]["wave_window"]["sources"] = ["nobody-said-so"]
    path = tmp_path / "events.json"
    path.write_text(json.dumps(raw))
    with pytest.raises(ValueError, match="unknown sources"):
        load_catalogue(path)


def test_catalogue_rejects_a_naive_instant(tmp_path):
    raw = json.loads(importlib_resources.files("service").joinpath("data/events.json").read_text())
    raw["events"][0]["wave_window"]["start"] = "2013-07-19T21:27:00"
    path = tmp_path / "events.json"
    path.write_text(json.dumps(raw))
    with pytest.raises(ValueError, match="no UTC offset"):
        load_catalogue(path)
