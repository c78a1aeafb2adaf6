"""Start-up astronomy: what `ephemeris` hands the per-request sky."""

from __future__ import annotations

from datetime import timedelta

from service.astronomy.ephemeris import WINDOW_TRACK_STEP


def test_window_track_samples_the_window(catalogue, astronomy):
    for event in catalogue.events:
        astro = astronomy[event.id]
        track = astro.window_track
        assert track[0] is astro.geometry[event.wave_window.start]
        assert track[-1] is astro.geometry[event.wave_window.end]
        steps = [b.instant - a.instant for a, b in zip(track, track[1:])]
        assert all(timedelta(0) < s <= WINDOW_TRACK_STEP for s in steps)
